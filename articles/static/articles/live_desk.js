/* The live desk without reloads (templates/admin/articles/article/live_desk.html,
   articles/live_admin.py).

   "Post" sends the form with fetch: the update appears on top of the list, the form
   empties and the text box keeps the focus, ready for the next one; a refusal shows the
   server's message and keeps the text. Every few seconds the desk asks for updates
   newer than the newest it shows, so colleagues' posts arrive by themselves. Without
   this file the form posts and the page comes back.
   No inline script anywhere: the admin's Content-Security-Policy forbids it. */
(function () {
  "use strict";

  var updates = document.querySelector("[data-live-desk-updates]");
  if (!updates || !window.fetch || !window.FormData) {
    return;
  }
  var form = document.querySelector("[data-live-desk-form]");
  var latest = Number(updates.getAttribute("data-latest")) || 0;
  var seconds = Number(updates.getAttribute("data-poll-seconds")) || 5;
  var pollUrl = updates.getAttribute("data-poll-url");
  var confirmDelete = updates.getAttribute("data-confirm-delete");

  // Newest on top; an update already shown (posted here, then polled) is not added again.
  function add(items) {
    var empty = updates.querySelector("[data-live-desk-empty]");
    for (var i = items.length - 1; i >= 0; i -= 1) {
      var item = items[i];
      latest = Math.max(latest, item.id);
      if (document.getElementById("update-" + item.id)) {
        continue;
      }
      if (empty) {
        empty.remove();
        empty = null;
      }
      updates.insertAdjacentHTML("afterbegin", item.html);
      updates.firstElementChild.classList.add("live-desk-update--new");
    }
  }

  function poll() {
    fetch(pollUrl + "?since=" + latest, {
      credentials: "same-origin",
      cache: "no-store",
      headers: { Accept: "application/json" },
    })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (data) {
        if (data) {
          add(data.updates || []);
          if (data.poll > 0) {
            seconds = data.poll;
          }
        }
      })
      .catch(function () {})
      .then(function () {
        window.setTimeout(poll, seconds * 1000);
      });
  }

  // Deleting asks first: readers stop seeing the update at once.
  updates.addEventListener("submit", function (event) {
    if (event.target.hasAttribute("data-live-desk-delete") && !window.confirm(confirmDelete)) {
      event.preventDefault();
    }
  });

  if (form) {
    var status = form.querySelector("[data-live-desk-status]");
    var errors = form.querySelector("[data-live-desk-errors]");
    var submit = form.querySelector("button[type=submit]");
    var text = form.elements.namedItem("text");
    var details = form.querySelector("details");

    var showErrors = function (data) {
      var messages = [];
      Object.keys(data.errors || {}).forEach(function (field) {
        data.errors[field].forEach(function (error) {
          messages.push(error.message);
        });
      });
      errors.textContent = messages.join(" ");
      errors.hidden = !messages.length;
      if (details && /video|image|alt_text|caption/.test(Object.keys(data.errors || {}).join(" "))) {
        details.open = true;
      }
    };

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      submit.disabled = true;
      status.textContent = "";
      fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        credentials: "same-origin",
        headers: { Accept: "application/json", "X-Requested-With": "fetch" },
      })
        .then(function (response) {
          return response.json().then(function (data) {
            return { ok: response.ok, data: data };
          });
        })
        .then(function (result) {
          if (!result.ok) {
            showErrors(result.data);
            return;
          }
          errors.hidden = true;
          add([result.data]);
          form.reset();
          if (details) {
            details.open = false;
          }
          status.textContent = status.getAttribute("data-posted");
          text.focus();
        })
        .catch(function () {
          status.textContent = status.getAttribute("data-failed");
        })
        .then(function () {
          submit.disabled = false;
        });
    });
  }

  if (!updates.hasAttribute("data-closed")) {
    window.setTimeout(poll, seconds * 1000);
  }
})();
