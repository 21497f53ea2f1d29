/* The story's address under the headline, and the search and social preview
   (articles/admin_story_form.py, story_preview.py).

   Both come from the server, which applies the slug rules the saved story will get
   (Thai kept, cut between words), once the typing pauses. Without this script the
   address line stays hidden and the preview shows the story as it was loaded. */
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  const line = document.getElementById("story-url");
  const section = document.getElementById("story-preview");
  const anchor = line || section;
  const form = anchor && anchor.closest("form");
  // A story shown read-only has nothing to follow (and the server would refuse).
  if (!form || !form.elements.namedItem("title")) {
    return;
  }
  const url = anchor.dataset.previewUrl;
  const objectId = section ? section.dataset.objectId || "" : "";
  const body = document.getElementById("story-preview-body");
  const FIELDS = ["title", "slug", "standfirst", "seo_title", "seo_description", "lead_image"];
  const WAIT_MS = 400;
  let timer = null;
  let latest = 0;

  function value(name) {
    const field = form.elements.namedItem(name);
    return field && field.value !== undefined ? field.value : "";
  }

  async function refresh() {
    const request = ++latest;
    const data = new FormData();
    data.append("csrfmiddlewaretoken", value("csrfmiddlewaretoken"));
    data.append("object_id", objectId);
    for (const name of FIELDS) {
      data.append(name, value(name));
    }
    const response = await fetch(url, {method: "POST", body: data, credentials: "same-origin"});
    if (!response.ok || request !== latest) {
      return;
    }
    const result = await response.json();
    if (line) {
      line.querySelector(".story-url__value").textContent = result.url;
      line.hidden = false;
    }
    if (body) {
      body.innerHTML = result.html;
    }
  }

  function later(event) {
    if (event && !FIELDS.includes(event.target.name)) {
      return;
    }
    clearTimeout(timer);
    timer = setTimeout(refresh, WAIT_MS);
  }

  form.addEventListener("input", later);
  form.addEventListener("change", later);
  // The lead image's autocomplete (select2) announces its choice through jQuery only.
  const leadImage = document.getElementById("id_lead_image");
  if (leadImage && window.django && window.django.jQuery) {
    window.django.jQuery(leadImage).on("change", () => later());
  }
  refresh();
});
