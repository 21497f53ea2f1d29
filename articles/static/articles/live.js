/* A live story's new updates, announced and shown when the reader asks
   (templates/articles/live/_coverage.html, articles/live_views.py).

   Every few seconds (the server says how often, in each answer) this asks the story's
   poll for the updates after the newest one on the page. The page is shared by every
   reader, so the poll's address is too: the browser sends If-None-Match and mostly gets
   a 304 from the cache. New updates are not inserted by themselves: a button fixed on
   the screen says "N new updates" (a polite live region), and a click puts them at the
   top of the list, so the text under the reader never moves. A colleague's edit, pin or
   deletion of an update the page shows comes with the same answer: the update is
   replaced where it stands (a deleted one by a short note), and the key events at the
   top are replaced when they changed; each carries a version, so what the page already
   shows is left alone. Without this file the page works as it is, and a reload shows
   everything.
   No inline script anywhere: the site's Content-Security-Policy forbids it. */
(function () {
  "use strict";

  var section = document.querySelector("[data-live-poll]");
  if (!section || !window.fetch) {
    return;
  }
  var list = section.querySelector("[data-live-list]");
  var keyEvents = section.querySelector("[data-live-key-events]");
  var button = section.querySelector("[data-live-button]");
  var url = section.getAttribute("data-live-poll");
  var latest = Number(section.getAttribute("data-live-latest")) || 0;
  var seconds = Number(section.getAttribute("data-live-seconds")) || 15;
  var one = section.getAttribute("data-live-one");
  var many = section.getAttribute("data-live-many");
  var waiting = []; // updates not yet shown, newest first: {id, html}
  var total = 0; // how many there are (more than `waiting` when far behind)
  var timer = null;
  var running = true;

  function label(count) {
    return count === 1 ? one : many.replace("%(count)s", String(count));
  }

  function schedule() {
    if (running) {
      timer = window.setTimeout(poll, seconds * 1000);
    }
  }

  function announce() {
    if (!total) {
      button.hidden = true;
      return;
    }
    button.textContent = label(total);
    button.hidden = false;
  }

  // Puts `html` where `element` is, unless the page shows that version already.
  function replace(element, version, html) {
    if (!element || element.getAttribute("data-version") === version) {
      return;
    }
    element.insertAdjacentHTML("afterend", html);
    element.remove();
  }

  function applyChanges(data) {
    (data.changed || []).forEach(function (change) {
      replace(document.getElementById("update-" + change.id), change.version, change.html);
    });
    if (data.key_events && keyEvents.getAttribute("data-version") !== data.key_events.version) {
      keyEvents.innerHTML = data.key_events.html;
      keyEvents.setAttribute("data-version", data.key_events.version);
    }
  }

  function poll() {
    timer = null;
    // "no-cache": the browser asks again each time, with the ETag it holds.
    fetch(url + "?since=" + latest, {
      credentials: "omit",
      cache: "no-cache",
      headers: { Accept: "application/json" },
    })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (data) {
        if (data) {
          if (data.poll > 0) {
            seconds = data.poll;
          }
          applyChanges(data);
          waiting = data.updates || [];
          total = data.count || 0;
          announce();
          running = data.live !== false; // the coverage ended: nothing more will come
        }
      })
      .catch(function () {
        // Offline or the server is busy: ask again later.
      })
      .then(schedule);
  }

  function showWaiting() {
    if (total > waiting.length) {
      // Too far behind to insert: the page itself has them all.
      window.location.reload();
      return;
    }
    var empty = list.querySelector("p.muted");
    if (empty) {
      empty.remove();
    }
    var first = null;
    // Oldest first, each on top: the newest ends up first, as the list reads.
    for (var i = waiting.length - 1; i >= 0; i -= 1) {
      if (!document.getElementById("update-" + waiting[i].id)) {
        list.insertAdjacentHTML("afterbegin", waiting[i].html);
        first = list.firstElementChild;
        first.classList.add("live-update--new");
      }
    }
    if (waiting.length) {
      latest = Math.max(latest, waiting[0].id);
    }
    waiting = [];
    total = 0;
    announce();
    if (first) {
      first.focus({ preventScroll: true });
      first.scrollIntoView({ block: "start" });
    }
    if (!timer && running) {
      schedule();
    }
  }

  button.addEventListener("click", showWaiting);
  schedule();
})();
