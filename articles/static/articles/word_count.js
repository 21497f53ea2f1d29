/* Word and character count under the story's body editor (articles/admin.py).

   CKEditor's own count splits words at spaces, and Thai leaves no spaces between words,
   so a Thai story came out at a third of its length. Intl.Segmenter knows Thai words
   (the browser's ICU dictionary) and counts English ones the usual way. Characters are
   grapheme clusters, so a consonant with its vowel and tone marks ("น้ำ") is one;
   whitespace is not counted. The label comes translated from the template
   (data-format on #body-count).

   The count reads the editable's text and follows its DOM: the package keeps a single
   "editor ready" callback per field, which people/names_panel.js already takes. */
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  const output = document.getElementById("body-count");
  const row = document.querySelector(".field-body");
  if (!output || !row || !window.Intl || !Intl.Segmenter) {
    return;
  }
  // Recount, and so announce, once the typing pauses, not at every key.
  const WAIT_MS = 500;
  const words = new Intl.Segmenter("th", {granularity: "word"});
  const graphemes = new Intl.Segmenter("th", {granularity: "grapheme"});
  const number = new Intl.NumberFormat(document.documentElement.lang || undefined);

  function count(text) {
    let wordCount = 0;
    for (const segment of words.segment(text)) {
      if (segment.isWordLike) {
        wordCount++;
      }
    }
    let charCount = 0;
    for (const segment of graphemes.segment(text)) {
      if (!/^\s+$/u.test(segment.segment)) {
        charCount++;
      }
    }
    return {words: wordCount, chars: charCount};
  }

  function follow(editable) {
    let timer = null;
    const show = () => {
      const counted = count(editable.innerText);
      const text = output.dataset.format
        .replace("%(words)s", number.format(counted.words))
        .replace("%(chars)s", number.format(counted.chars));
      if (output.textContent !== text) {
        output.textContent = text;
      }
      output.hidden = false;
    };
    const later = () => {
      clearTimeout(timer);
      timer = setTimeout(show, WAIT_MS);
    };
    // Under the editor, where the admin puts a field's help text (its margin expects that).
    (editable.closest(".flex-container") || editable.closest(".ck-editor")).after(output);
    new MutationObserver(later).observe(editable, {
      childList: true,
      characterData: true,
      subtree: true,
    });
    show();
  }

  // CKEditor builds its editable after the page has loaded.
  const found = row.querySelector(".ck-editor__editable");
  if (found) {
    follow(found);
    return;
  }
  const waiting = new MutationObserver(() => {
    const editable = row.querySelector(".ck-editor__editable");
    if (editable) {
      waiting.disconnect();
      follow(editable);
    }
  });
  waiting.observe(row, {childList: true, subtree: true});
});
