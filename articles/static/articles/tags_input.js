/* Tags typed in place (articles/tags_field.py).

   Without this script the tags are a text box: "น้ำท่วม, โควิด-19, ครม.". With it, each tag
   is a chip with a remove button, and what is typed becomes a tag at a comma, at Enter,
   or on leaving the box; existing tags are suggested as you type (a combobox with a
   listbox, keyboard and screen-reader friendly). The original input stays in the form,
   hidden, holding the text the server reads; its label now points at the typing box.

   The server has the last word (duplicates, case variants, new tags): this script only
   keeps what was typed. The hidden input sends an "input" event when the tags change;
   another script that sets its value may dispatch "change" on it to redraw the chips. */
"use strict";

(() => {
  const SUGGEST_WAIT_MS = 250;

  function cleanName(text) {
    return text.replace(/\s+/gu, " ").trim();
  }

  // The server's reading of the text (tags_field._split): commas and line breaks
  // separate tags; a tag opening with a double quote runs to the closing one, commas
  // included, and "" inside it is a quote; a quote elsewhere is just a character.
  function split(text) {
    const parts = [];
    let current = "";
    let quoted = false;
    for (let index = 0; index < text.length; index++) {
      const char = text[index];
      if (quoted) {
        if (char === '"' && text[index + 1] === '"') {
          current += '"';
          index++;
        } else if (char === '"') {
          quoted = false;
        } else {
          current += char;
        }
      } else if (char === '"' && !current.trim()) {
        quoted = true;
        current = "";
      } else if (char === "," || char === "\n") {
        parts.push(current);
        current = "";
      } else {
        current += char;
      }
    }
    parts.push(current);
    return {parts, quoted};
  }

  function parseNames(text) {
    const names = [];
    const seen = new Set();
    for (const part of split(text).parts) {
      const name = cleanName(part);
      const key = name.toLocaleLowerCase();
      if (name && !seen.has(key)) {
        seen.add(key);
        names.push(name);
      }
    }
    return names;
  }

  function formatNames(names) {
    return names
      .map((name) =>
        name.includes(",") || name.startsWith('"') ? `"${name.replaceAll('"', '""')}"` : name,
      )
      .join(", ");
  }

  function enhance(input) {
    const text = input.dataset;
    const format = (template, name) => template.replace("{}", name);
    let names = parseNames(input.value);
    let options = [];
    let active = -1;
    let timer = null;
    let latest = 0;

    const box = document.createElement("div");
    box.className = "tags-field";
    const chips = document.createElement("ul");
    chips.className = "tags-field__chips";
    const entry = document.createElement("input");
    entry.type = "text";
    entry.className = "tags-field__entry";
    entry.autocomplete = "off";
    const list = document.createElement("ul");
    list.className = "tags-field__list";
    list.id = `${input.id}_suggestions`;
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", text.labelSuggestions);
    list.hidden = true;
    const status = document.createElement("span");
    status.className = "tags-field__status";
    status.setAttribute("role", "status");

    // The typing box takes the input's id, so that the field's label names it.
    entry.id = input.id;
    input.id = `${entry.id}_value`;
    for (const attribute of ["aria-describedby", "aria-invalid", "required"]) {
      if (input.hasAttribute(attribute)) {
        entry.setAttribute(attribute, input.getAttribute(attribute));
      }
    }
    entry.setAttribute("role", "combobox");
    entry.setAttribute("aria-autocomplete", "list");
    entry.setAttribute("aria-expanded", "false");
    entry.setAttribute("aria-controls", list.id);
    input.type = "hidden";
    box.append(chips, entry, list, status);
    input.after(box);

    function announce(message) {
      status.textContent = message;
    }

    function sync() {
      input.value = formatNames(names);
      // For scripts that follow the form's changes (an unsaved-changes warning).
      input.dispatchEvent(new Event("input", {bubbles: true}));
    }

    function drawChips() {
      chips.replaceChildren(
        ...names.map((name) => {
          const chip = document.createElement("li");
          chip.className = "tag-chip";
          const label = document.createElement("span");
          label.textContent = name;
          const remove = document.createElement("button");
          remove.type = "button";
          remove.textContent = "×";
          remove.dataset.name = name;
          remove.setAttribute("aria-label", format(text.labelRemove, name));
          chip.append(label, remove);
          return chip;
        }),
      );
    }

    function has(name) {
      const key = name.toLocaleLowerCase();
      return names.some((existing) => existing.toLocaleLowerCase() === key);
    }

    function add(name) {
      name = cleanName(name);
      if (!name || has(name)) {
        return false;
      }
      names.push(name);
      sync();
      drawChips();
      announce(format(text.labelAdded, name));
      return true;
    }

    function remove(name) {
      names = names.filter((existing) => existing !== name);
      sync();
      drawChips();
      announce(format(text.labelRemoved, name));
    }

    // Whatever is typed becomes tags (a comma inside quotes does not split).
    function commit() {
      for (const name of parseNames(entry.value)) {
        add(name);
      }
      entry.value = "";
      close();
    }

    function close() {
      options = [];
      active = -1;
      list.hidden = true;
      list.replaceChildren();
      entry.setAttribute("aria-expanded", "false");
      entry.removeAttribute("aria-activedescendant");
    }

    function highlight(index) {
      active = index;
      list.querySelectorAll("[role=option]").forEach((option, position) => {
        option.setAttribute("aria-selected", position === index ? "true" : "false");
        if (position === index) {
          entry.setAttribute("aria-activedescendant", option.id);
          option.scrollIntoView({block: "nearest"});
        }
      });
      if (index < 0) {
        entry.removeAttribute("aria-activedescendant");
      }
    }

    function show(found) {
      options = found.filter((name) => !has(name));
      if (!options.length) {
        close();
        return;
      }
      list.replaceChildren(
        ...options.map((name, index) => {
          const option = document.createElement("li");
          option.id = `${list.id}_${index}`;
          option.setAttribute("role", "option");
          option.setAttribute("aria-selected", "false");
          option.dataset.name = name;
          option.textContent = name;
          return option;
        }),
      );
      active = -1;
      list.hidden = false;
      entry.setAttribute("aria-expanded", "true");
    }

    async function suggest() {
      const typed = cleanName(entry.value);
      const request = ++latest;
      if (!typed || !text.suggestUrl) {
        close();
        return;
      }
      const url = new URL(text.suggestUrl, window.location.href);
      url.searchParams.set("q", typed);
      const response = await fetch(url, {credentials: "same-origin"});
      if (response.ok && request === latest && cleanName(entry.value) === typed) {
        show((await response.json()).tags);
      }
    }

    entry.addEventListener("input", () => {
      // A comma or a pasted line break (outside quotes) ends the tags before it.
      const typed = split(entry.value);
      if (typed.parts.length > 1) {
        const rest = typed.parts.pop();
        for (const part of typed.parts) {
          add(part);
        }
        entry.value = typed.quoted ? `"${rest}` : rest.trimStart();
      }
      clearTimeout(timer);
      timer = setTimeout(suggest, SUGGEST_WAIT_MS);
    });

    entry.addEventListener("keydown", (event) => {
      if (event.isComposing) {
        return;
      }
      if (event.key === "Enter") {
        // Enter makes a tag here; it never submits the story.
        event.preventDefault();
        if (active >= 0) {
          add(options[active]);
          entry.value = "";
          close();
        } else {
          commit();
        }
      } else if (event.key === "ArrowDown" && options.length) {
        event.preventDefault();
        highlight((active + 1) % options.length);
      } else if (event.key === "ArrowUp" && options.length) {
        event.preventDefault();
        highlight(active <= 0 ? options.length - 1 : active - 1);
      } else if (event.key === "Escape" && !list.hidden) {
        event.preventDefault();
        close();
      } else if (event.key === "Backspace" && entry.value === "" && names.length) {
        remove(names[names.length - 1]);
      }
    });

    entry.addEventListener("blur", commit);

    // Choosing a suggestion must not blur the box first (which would commit the prefix).
    list.addEventListener("mousedown", (event) => event.preventDefault());
    list.addEventListener("click", (event) => {
      const option = event.target.closest("[role=option]");
      if (option) {
        add(option.dataset.name);
        entry.value = "";
        close();
        entry.focus();
      }
    });

    chips.addEventListener("click", (event) => {
      const button = event.target.closest("button[data-name]");
      if (button) {
        remove(button.dataset.name);
        entry.focus();
      }
    });

    box.addEventListener("click", (event) => {
      if (event.target === box) {
        entry.focus();
      }
    });

    input.addEventListener("change", () => {
      names = parseNames(input.value);
      drawChips();
    });

    if (input.form) {
      // Typed but not yet a tag when the story is saved: it is one.
      input.form.addEventListener("submit", commit);
    }

    drawChips();
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("input[data-tags-input]").forEach(enhance);
  });
})();
