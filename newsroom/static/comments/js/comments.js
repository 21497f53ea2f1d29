/* Reader comments, progressively enhanced: without this file the form posts and the page
   reloads; with it the comment is sent with fetch and the waiting message appears in
   place, and "Reply" fills in the form instead of loading the page again.
   The story page is shared by every reader (and cached), so its form holds no token:
   when the reader starts writing, this asks the server for the reader's own CSRF token
   and timing token (comments/views.py, form_tokens). Without script, the server hands
   the form back filled in with both, to be sent again.
   No inline script anywhere: the site's Content-Security-Policy forbids it. */
(function () {
  "use strict";

  var form = document.querySelector("[data-comments-form]");
  if (!form || !window.fetch || !window.FormData) {
    return;
  }
  var status = form.querySelector("[data-comments-status]");
  var errorBox = form.querySelector("[data-comments-errors]");
  var replying = form.querySelector("[data-comments-replying]");
  var replyName = form.querySelector("[data-comments-reply-name]");
  var parentInput = form.elements.namedItem("parent");
  var submit = form.querySelector("button[type=submit]");
  var own = document.getElementById("comments-own");
  var csrfInput = form.elements.namedItem("csrfmiddlewaretoken");
  var tokenInput = form.elements.namedItem("token");
  var tokens = null; // the promise of this reader's tokens, asked for once

  function setTokens(data) {
    if (data && data.csrf && data.token) {
      csrfInput.value = data.csrf;
      tokenInput.value = data.token;
    }
  }

  // The reader's tokens: those already in the form (a page made for this reader), or
  // fetched now. The timing token's time is this moment, when the reader begins.
  function fetchTokens() {
    if (!tokens) {
      if (csrfInput.value && tokenInput.value) {
        tokens = Promise.resolve();
      } else {
        tokens = fetch(form.getAttribute("data-token-url"), {
          credentials: "same-origin",
          headers: { Accept: "application/json" },
        })
          .then(function (response) {
            if (!response.ok) {
              throw new Error("tokens: " + response.status);
            }
            return response.json();
          })
          .then(setTokens)
          .catch(function (error) {
            tokens = null; // ask again on the next try; sending still works without
            throw error;
          });
      }
    }
    return tokens;
  }

  form.addEventListener("focusin", function () {
    fetchTokens().catch(function () {});
  });
  form.addEventListener("input", function () {
    fetchTokens().catch(function () {});
  });

  function clearErrors() {
    errorBox.textContent = "";
    Array.prototype.forEach.call(form.querySelectorAll(".comment-form__js-error"), function (el) {
      el.remove();
    });
    Array.prototype.forEach.call(form.querySelectorAll("[aria-invalid]"), function (el) {
      el.removeAttribute("aria-invalid");
    });
  }

  function showErrors(message, errors) {
    var list = document.createElement("ul");
    var first = null;
    Object.keys(errors || {}).forEach(function (name) {
      var field = form.elements.namedItem(name);
      (errors[name] || []).forEach(function (text) {
        var item = document.createElement("li");
        item.textContent = text;
        list.appendChild(item);
        if (field && field.insertAdjacentElement) {
          var note = document.createElement("span");
          note.className = "comment-form__js-error errorlist";
          note.textContent = text;
          field.insertAdjacentElement("beforebegin", note);
          field.setAttribute("aria-invalid", "true");
          first = first || field;
        }
      });
    });
    if (!list.children.length) {
      var only = document.createElement("li");
      only.textContent = message;
      list.appendChild(only);
    }
    errorBox.appendChild(list);
    if (first && first.focus) {
      first.focus();
    }
  }

  function setReply(pk, name) {
    parentInput.value = pk || "";
    replyName.textContent = name || "";
    replying.hidden = !pk;
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("[data-reply]");
    if (link) {
      event.preventDefault();
      setReply(link.getAttribute("data-reply"), link.getAttribute("data-name"));
      form.scrollIntoView({ block: "start" });
      form.elements.namedItem("body").focus();
      return;
    }
    if (event.target.closest && event.target.closest("[data-comments-reply-cancel]")) {
      event.preventDefault();
      setReply("", "");
    }
  });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearErrors();
    status.textContent = "";
    submit.disabled = true;
    fetchTokens()
      .then(function () {
        return fetch(form.action, {
          method: "POST",
          body: new FormData(form),
          credentials: "same-origin",
          headers: { Accept: "application/json" },
        });
      })
      .then(function (response) {
        return response.json().then(function (data) {
          return { code: response.status, data: data };
        });
      })
      .then(function (result) {
        var data = result.data || {};
        if (data.ok) {
          if (data.html) {
            // Waiting for a moderator: the box above says so once, beside the comment
            // (a live region, read out), so the status line stays empty.
            own.hidden = false;
            own.insertAdjacentHTML("beforeend", data.html);
            var heading = document.getElementById("comments-heading");
            if (heading && heading.dataset.withOwn) {
              heading.textContent = heading.dataset.withOwn;
            }
          } else {
            status.textContent = data.message;
          }
          form.elements.namedItem("body").value = "";
          setReply("", "");
        } else {
          // A form handed back (too old, or sent without its tokens) comes with fresh ones.
          setTokens(data);
          showErrors(data.message, data.errors);
        }
      })
      .catch(function () {
        // Anything unexpected: let the browser post the form the plain way (without
        // tokens, the server hands it back filled in, to be sent again).
        form.submit();
      })
      .then(function () {
        submit.disabled = false;
      });
  });
})();
