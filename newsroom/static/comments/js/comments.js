/* Reader comments, progressively enhanced: without this file the form posts and the page
   reloads; with it the comment is sent with fetch and the waiting message appears in
   place, and "Reply" fills in the form instead of loading the page again.
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
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    })
      .then(function (response) {
        return response.json().then(function (data) {
          return { code: response.status, data: data };
        });
      })
      .then(function (result) {
        var data = result.data || {};
        if (data.ok) {
          status.textContent = data.message;
          if (data.html) {
            own.insertAdjacentHTML("beforeend", data.html);
            own.hidden = false;
          }
          form.elements.namedItem("body").value = "";
          setReply("", "");
        } else {
          showErrors(data.message, data.errors);
        }
      })
      .catch(function () {
        // Anything unexpected: let the browser post the form the plain way.
        form.submit();
      })
      .then(function () {
        submit.disabled = false;
      });
  });
})();
