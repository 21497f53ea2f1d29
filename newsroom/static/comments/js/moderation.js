/* Keyboard shortcuts for the moderation queue (comments/admin.py):
   j / k  next / previous comment      a  approve it       s  mark it as spam
   r      reject it: choose a reason with its number        u  undo the last decision
   x      select it for a bulk action (then pick the action above the list as usual)
   a / r / s / u act on the current comment only. The position is kept across the
   reload that follows an action, so the next comment comes up under the cursor. */
(function () {
  "use strict";

  // The admin loads this in <head>: wait for the list.
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }

  function start() {
    var form = document.getElementById("changelist-form");
    var table = document.getElementById("result_list");
    if (!form || !table) {
      return;
    }
    var rows = Array.prototype.slice.call(table.querySelectorAll("tbody tr"));
    if (!rows.length) {
      return;
    }
    // A comment too long for its box scrolls inside it: a keyboard user has to be able
    // to reach such a box to scroll it, so those boxes (only those) become tab stops.
    Array.prototype.forEach.call(table.querySelectorAll(".moderation__body"), function (body) {
      if (body.scrollHeight > body.clientHeight) {
        body.tabIndex = 0;
      }
    });
    var storageKey = "moderation-row:" + location.pathname + location.search;
    var current = parseInt(sessionStorage.getItem(storageKey) || "0", 10) || 0;
    var dialog = null;

    function move(index) {
      current = Math.max(0, Math.min(rows.length - 1, index));
      rows.forEach(function (row, i) {
        row.classList.toggle("is-current", i === current);
        if (i === current) {
          row.setAttribute("aria-current", "true");
        } else {
          row.removeAttribute("aria-current");
        }
      });
      rows[current].scrollIntoView({ block: "nearest" });
    }

    function act(action, reason) {
      rows.forEach(function (row, i) {
        var box = row.querySelector("input.action-select");
        if (box) {
          box.checked = i === current;
        }
      });
      form.querySelector("select[name=action]").value = action;
      var reasonSelect = form.querySelector("select[name=reason]");
      if (reasonSelect) {
        reasonSelect.value = reason || "";
      }
      sessionStorage.setItem(storageKey, String(current));
      var button = form.querySelector("button[name=index]");
      if (button) {
        button.click();
      } else {
        form.submit();
      }
    }

    function chooseReason() {
      var select = form.querySelector("select[name=reason]");
      if (!select) {
        return;
      }
      var options = Array.prototype.filter.call(select.options, function (option) {
        return option.value;
      });
      dialog = document.createElement("dialog");
      dialog.className = "moderation-reasons";
      var title = document.createElement("p");
      title.textContent = document.getElementById("moderation-keys").getAttribute("data-reason-title");
      dialog.appendChild(title);
      var list = document.createElement("ol");
      options.forEach(function (option) {
        var item = document.createElement("li");
        var button = document.createElement("button");
        button.type = "button";
        button.textContent = option.textContent;
        button.addEventListener("click", function () {
          act("reject_selected", option.value);
        });
        item.appendChild(button);
        list.appendChild(item);
      });
      dialog.appendChild(list);
      dialog.addEventListener("keydown", function (event) {
        var number = parseInt(event.key, 10);
        if (number >= 1 && number <= options.length) {
          event.preventDefault();
          act("reject_selected", options[number - 1].value);
        }
      });
      dialog.addEventListener("close", function () {
        dialog.remove();
        dialog = null;
      });
      document.body.appendChild(dialog);
      dialog.showModal();
    }

    document.addEventListener("keydown", function (event) {
      if (dialog || event.ctrlKey || event.metaKey || event.altKey) {
        return;
      }
      var tag = (event.target.tagName || "").toLowerCase();
      if (tag === "input" || tag === "textarea" || tag === "select" || event.target.isContentEditable) {
        return;
      }
      var handlers = {
        j: function () { move(current + 1); },
        k: function () { move(current - 1); },
        a: function () { act("approve_selected"); },
        s: function () { act("spam_selected"); },
        u: function () { act("undo_selected"); },
        r: chooseReason,
        x: function () {
          var box = rows[current].querySelector("input.action-select");
          if (box) {
            box.click();
          }
        },
      };
      if (handlers[event.key]) {
        event.preventDefault();
        handlers[event.key]();
      }
    });

    move(current);
  }
})();
