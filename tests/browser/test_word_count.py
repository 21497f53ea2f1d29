"""The story editor's word and character count, which counts Thai words (no spaces
between them) with the browser's Intl.Segmenter rather than by splitting at spaces."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import csp_violations, log_in
from tests.factories import make_member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LABEL = "{words} คำ · {chars} ตัวอักษร (ไม่นับช่องว่าง)"

COUNT_IN_PAGE = """text => {
  let words = 0, chars = 0;
  for (const s of new Intl.Segmenter("th", {granularity: "word"}).segment(text)) {
    if (s.isWordLike) words++;
  }
  for (const s of new Intl.Segmenter("th", {granularity: "grapheme"}).segment(text)) {
    if (s.segment.trim()) chars++;
  }
  return {words, chars};
}"""


def open_add_form(page, role: str):
    make_member("desk1", role)
    log_in(page, "desk1", "/admin/articles/article/add/")
    editor = page.locator(".field-body .ck-editor__editable")
    editor.click()
    return editor


def retype(page, text: str) -> None:
    """Replace the whole body with `text`, typed key by key like a reporter."""
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.keyboard.type(text)


@pytest.mark.parametrize("role", ["Reporter", "Editor"])
def test_thai_words_are_counted_by_word_not_by_space(page, role):
    open_add_form(page, role)
    count = page.locator(".field-body #body-count")
    expect(count).to_have_text(LABEL.format(words=0, chars=0))
    expect(count).to_have_attribute("aria-live", "polite")
    # The editor's own space-splitting count is off: one count on the form.
    assert page.locator(".ck-word-count").count() == 0

    # Hand-checked: แมว / กิน / ปลา; แ ม ว กิ น ป ล า (the vowel ิ sits on ก).
    retype(page, "แมวกินปลา")
    expect(count).to_have_text(LABEL.format(words=3, chars=8))

    sentence = "ผู้ว่าราชการกรุงเทพมหานครลงพื้นที่ตรวจน้ำท่วม ฝนตกหนักตั้งแต่เช้า"
    expected = page.evaluate(COUNT_IN_PAGE, sentence)
    # Splitting at spaces finds 2 "words"; the sentence has over a dozen.
    assert expected["words"] >= 5 * len(sentence.split())
    retype(page, sentence)
    expect(count).to_have_text(LABEL.format(**expected))
    assert csp_violations(page) == []


def test_characters_are_graphemes_and_english_words_are_words(page):
    open_add_form(page, "Reporter")
    count = page.locator("#body-count")

    # A consonant with its tone mark and vowel is one character, not three code points.
    assert (
        page.evaluate(
            "[...new Intl.Segmenter('th', {granularity: 'grapheme'}).segment('น้ำ')].length"
        )
        == 1
    )
    retype(page, "น้ำ")
    expect(count).to_have_text(LABEL.format(words=1, chars=1))

    retype(page, "The quick brown fox")
    expect(count).to_have_text(LABEL.format(words=4, chars=16))

    # Deleting is followed too, back to nothing.
    retype(page, "")
    expect(count).to_have_text(LABEL.format(words=0, chars=0))
    assert csp_violations(page) == []
