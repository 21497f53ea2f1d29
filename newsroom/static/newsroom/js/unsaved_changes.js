/* Asks before leaving an admin change form whose changes are not saved.

   Load it through a ModelAdmin's Media (the story form does: articles/admin.py). The
   form's fields are read once the page has loaded and again when the page is left; any
   difference makes the browser ask first. A CKEditor field counts too: the editor copies
   its text into its textarea at every change. Submitting the form never asks. A form
   shown again after a refused save (it carries error lists) holds text that is not
   saved, so it counts as changed from the start. */
"use strict";

(() => {
  let form = null;
  let loaded = null;
  let submitting = false;

  function snapshot() {
    const fields = [];
    for (const [name, value] of new FormData(form)) {
      if (name !== "csrfmiddlewaretoken") {
        fields.push([name, typeof value === "string" ? value : value.name]);
      }
    }
    return JSON.stringify(fields);
  }

  window.addEventListener("load", () => {
    const save = document.querySelector("#content-main form [name=_save]");
    form = save ? save.form : null;
    if (form) {
      loaded = form.querySelector(".errorlist") ? null : snapshot();
    }
  });

  // Listened to on the window, so that any handler that stops the submission runs first.
  window.addEventListener("submit", (event) => {
    if (event.target === form && !event.defaultPrevented) {
      submitting = true;
    }
  });

  // Back to a page the browser kept (back button): its form may be left again.
  window.addEventListener("pageshow", (event) => {
    if (event.persisted) {
      submitting = false;
    }
  });

  window.addEventListener("beforeunload", (event) => {
    if (!form || submitting || (loaded !== null && snapshot() === loaded)) {
      return;
    }
    event.preventDefault();
    event.returnValue = ""; // what older browsers look for; the text shown is their own
  });
})();
