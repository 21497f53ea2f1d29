/* The story form's "Names in this story" panel (people/admin_suggestions.py).

   Without this script the panel works through the form's own buttons ("Check names",
   "Add to this story"), which show the form again unsaved. With it, the suggestions
   follow the typing, "Add to this story" ticks the person or organisation in the form
   (saved with the story), and "Create person" opens the person form in the admin's
   related-object popup, which ticks the new person when it is saved. */
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  const panel = document.getElementById("names-panel");
  if (!panel) {
    return;
  }
  const form = panel.closest("form");
  const found = document.getElementById("names-panel-found");
  const url = panel.dataset.namesUrl;
  const WAIT_MS = 600;
  let editor = null;
  let timer = null;
  let latest = 0;

  const field = (name) => form.querySelector(`[name="${name}"]`);

  function bodyText() {
    if (editor) {
      return editor.getData();
    }
    const body = field("body");
    return body ? body.value : "";
  }

  function selected(name) {
    const select = document.getElementById(`id_${name}`);
    return select ? Array.from(select.selectedOptions, (option) => option.value) : [];
  }

  async function refresh() {
    const request = ++latest;
    const data = new FormData();
    data.append("csrfmiddlewaretoken", field("csrfmiddlewaretoken").value);
    for (const name of ["title", "standfirst"]) {
      data.append(name, field(name) ? field(name).value : "");
    }
    data.append("body", bodyText());
    for (const name of ["people", "organisations"]) {
      for (const value of selected(name)) {
        data.append(name, value);
      }
    }
    const response = await fetch(url, {method: "POST", body: data, credentials: "same-origin"});
    if (response.ok && request === latest) {
      found.innerHTML = (await response.json()).html;
    }
  }

  function later() {
    clearTimeout(timer);
    timer = setTimeout(refresh, WAIT_MS);
  }

  function tick(kind, id, label) {
    const select = document.getElementById(`id_${kind}`);
    if (!select) {
      return;
    }
    let option = Array.from(select.options).find((candidate) => candidate.value === id);
    if (!option) {
      option = new Option(label, id, true, true);
      select.add(option);
    }
    option.selected = true;
    // select2 (the autocomplete) listens through jQuery.
    window.django.jQuery(select).trigger("change");
  }

  panel.addEventListener("click", (event) => {
    const add = event.target.closest("button[data-add-kind]");
    if (add) {
      event.preventDefault();
      tick(add.dataset.addKind, add.value, add.dataset.addLabel);
      refresh();
      return;
    }
    const create = event.target.closest("a[data-create-person]");
    if (create && window.showRelatedObjectPopup) {
      event.preventDefault();
      const href = new URL(create.href);
      href.searchParams.set("_popup", "1");
      // The admin's popup ticks the new person in #id_people when it is saved.
      window.showRelatedObjectPopup({id: "add_id_people", href: href.toString()});
    }
  });

  for (const name of ["title", "standfirst"]) {
    const input = field(name);
    if (input) {
      input.addEventListener("input", later);
    }
  }
  for (const name of ["people", "organisations"]) {
    const select = document.getElementById(`id_${name}`);
    if (select && window.django && window.django.jQuery) {
      window.django.jQuery(select).on("change", later);
    }
  }
  const watch = (instance) => {
    editor = instance;
    editor.model.document.on("change:data", later);
  };
  if (window.editors && window.editors.id_body) {
    watch(window.editors.id_body);
  } else if (window.ckeditorRegisterCallback) {
    window.ckeditorRegisterCallback("id_body", watch);
  }
});
