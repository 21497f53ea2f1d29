/* Autosave of the story form: the unsaved text kept on the server, apart from the story
   (articles/autosave.py), and offered back when the story is opened again.

   The headline, standfirst and body are sent a few seconds after the typing stops, and
   when the page is hidden or left, if they changed since they were last sent. Restore
   puts an offered autosave into the form (the body into CKEditor) and saves nothing:
   the writer saves as usual, so the stale-edit check still refuses a copy older than
   someone else's save. Discard forgets the user's own autosave; someone else's is only
   hidden here. The texts shown come translated from the template (data-* on #autosave).

   The body is read from the CKEditor instance (window.editors, filled by
   django-ckeditor-5 once the editor is built): the package keeps a single "editor
   ready" callback per field, which people/names_panel.js already takes. */
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  const box = document.getElementById("autosave");
  if (!box) {
    return;
  }
  const form = box.closest("form");
  const status = box.querySelector(".autosave-status");
  const offers = JSON.parse(document.getElementById("autosave-offers").textContent);
  const WAIT_MS = 3000;
  // A request that outlives the page (keepalive) may carry 64 KiB at most; a longer
  // text goes as a plain request, which the pause before has usually made unneeded.
  const KEEPALIVE_MAX_BYTES = 60000;
  let editor = null;
  let sent = null; // the text the server holds (the story's, or the last autosave)
  let timer = null;
  let inFlight = null;
  let submitting = false;

  const field = (name) => form.querySelector(`[name="${name}"]`);
  const value = (name) => (field(name) ? field(name).value : "");

  function current() {
    return {
      title: value("title"),
      standfirst: value("standfirst"),
      body: editor ? editor.getData() : value("body"),
    };
  }

  function say(text) {
    status.textContent = text;
    status.hidden = !text;
  }

  function post(url, body, options = {}) {
    return fetch(url, {
      method: "POST",
      headers: {"Content-Type": "application/json", "X-CSRFToken": value("csrfmiddlewaretoken")},
      body,
      credentials: "same-origin",
      ...options,
    });
  }

  function send(leaving = false) {
    clearTimeout(timer);
    if (submitting || sent === null) {
      return; // saving the story instead, or the editor is not built yet
    }
    const data = current();
    const text = JSON.stringify(data);
    if (text === sent) {
      return;
    }
    const version = value("loaded_version");
    const body = JSON.stringify({data, based_on_version: version ? Number(version) : null});
    const previous = sent;
    sent = text;
    inFlight = new AbortController();
    const keepalive = leaving && new Blob([body]).size <= KEEPALIVE_MAX_BYTES;
    post(box.dataset.saveUrl, body, {keepalive, signal: inFlight.signal})
      .then(async (response) => {
        if (!response.ok) {
          throw new Error(`autosave answered ${response.status}`);
        }
        say((await response.json()).message);
      })
      .catch(() => {
        if (sent === text) {
          sent = previous; // try again at the next pause
        }
        if (!leaving && !submitting) {
          say(box.dataset.failed);
        }
      });
  }

  function later() {
    clearTimeout(timer);
    timer = setTimeout(send, WAIT_MS);
  }

  const editorReady = new Promise((resolve) => {
    let tries = 0;
    const look = () => {
      const found = window.editors && window.editors.id_body;
      // Give up after a minute: the plain textarea is then the body.
      if (found || !field("body") || ++tries > 600) {
        resolve(found || null);
      } else {
        setTimeout(look, 100);
      }
    };
    look();
  });

  editorReady.then((found) => {
    editor = found;
    if (editor) {
      editor.model.document.on("change:data", later);
    }
    // After a refused save the form holds text the server has not got: send it.
    if (box.hasAttribute("data-unsaved")) {
      sent = "";
      later();
    } else {
      sent = JSON.stringify(current());
    }
  });

  form.addEventListener("input", later);
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") {
      send(true);
    }
  });
  window.addEventListener("pagehide", () => send(true));

  // Saving the story deletes its autosave (articles/admin.py): none may land after it.
  window.addEventListener("submit", (event) => {
    if (event.target === form && !event.defaultPrevented) {
      submitting = true;
      clearTimeout(timer);
      if (inFlight) {
        inFlight.abort();
      }
    }
  });
  window.addEventListener("pageshow", (event) => {
    if (event.persisted) {
      submitting = false;
    }
  });

  function restore(data) {
    editorReady.then(() => {
      for (const name of ["title", "standfirst"]) {
        const input = field(name);
        if (input && typeof data[name] === "string") {
          input.value = data[name];
          // As if typed: the names panel and the unsaved-changes check follow.
          input.dispatchEvent(new Event("input", {bubbles: true}));
        }
      }
      if (editor) {
        editor.setData(data.body || "");
      } else if (field("body")) {
        field("body").value = data.body || "";
      }
      for (const offer of box.querySelectorAll("[data-autosave]")) {
        offer.remove();
      }
      say(box.dataset.restored);
      field("title").focus();
    });
  }

  function discard(offer) {
    if (offer.hasAttribute("data-own")) {
      post(box.dataset.discardUrl, "{}").catch(() => {});
    }
    offer.remove();
    const next = box.querySelector("[data-autosave] button");
    (next || field("title")).focus();
  }

  box.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-autosave-restore], button[data-autosave-discard]");
    if (!button) {
      return;
    }
    const offer = button.closest("[data-autosave]");
    if (button.hasAttribute("data-autosave-restore")) {
      restore(offers[offer.dataset.autosave]);
    } else {
      discard(offer);
    }
  });
});
