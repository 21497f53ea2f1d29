/*
 * The story form's lead image (templates/admin/articles/article/lead_image_widget.html).
 *
 * Without this script the form has a plain <select> of the recent pictures. With it the
 * <select> is hidden (it still carries the value the form sends) and the reporter
 * chooses from thumbnails of the whole library (searched and paged by the server,
 * ArticleAdmin's lead-images/ JSON), uploads a new picture without leaving the story
 * (lead-images/upload/), and clicks the chosen picture to set its focal point
 * (focal_point.js), which is sent with the story and applied when it is saved.
 *
 * Texts come translated from the widget's data-msg-* attributes and <template>s.
 */
(function () {
  "use strict";

  function format(text, values) {
    return text.replace(/%\((\w+)\)s/g, (match, key) => (key in values ? values[key] : match));
  }

  function csrfToken() {
    const input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function init(root) {
    const select = root.querySelector(".lead-image__select select");
    const current = root.querySelector(".lead-image__current");
    const label = root.querySelector(".lead-image__label");
    const actions = root.querySelector(".lead-image__actions");
    const removeButton = root.querySelector("[data-action=remove]");
    const status = root.querySelector(".lead-image__status");
    const focalImage = document.getElementById("id_lead_image_focal_image");
    const focalBlock = root.querySelector("[data-focal-point]");
    const focal = window.NewsroomFocalPoint.attach(focalBlock);
    const messages = root.dataset;
    const dialogs = {};

    root.querySelector(".lead-image__select").hidden = true;
    actions.hidden = false;

    function announce(text) {
      status.textContent = text;
    }

    function choose(image) {
      let option = Array.from(select.options).find((item) => item.value === String(image.id));
      if (!option) {
        option = new Option(image.label, image.id);
        select.add(option, 1);
      }
      select.value = String(image.id);
      select.dispatchEvent(new Event("change", { bubbles: true }));
      focalImage.value = image.id;
      label.textContent = image.label;
      focal.show(image.preview, image.width, image.height, image.focal_x, image.focal_y);
      current.hidden = false;
      removeButton.hidden = false;
      announce(format(messages.msgChosen, { label: image.label }));
    }

    function remove() {
      select.value = "";
      select.dispatchEvent(new Event("change", { bubbles: true }));
      focalImage.value = "";
      focal.hide();
      current.hidden = true;
      removeButton.hidden = true;
      announce(messages.msgRemoved);
    }

    function dialog(name) {
      if (!dialogs[name]) {
        const template = root.querySelector(`template[data-dialog=${name}]`);
        const element = template.content.firstElementChild.cloneNode(true);
        // Outside the story's <form>: the upload is a form of its own. Its buttons are
        // written as plain buttons so that nothing before Save submits the story.
        document.body.appendChild(element);
        element.querySelectorAll("[data-submit]").forEach((button) => {
          button.type = "submit";
        });
        element.querySelector("[data-action=close]").addEventListener("click", () => element.close());
        dialogs[name] = element;
        (name === "choose" ? setUpLibrary : setUpUpload)(element);
      }
      return dialogs[name];
    }

    // The library: thumbnails, newest first, searched and paged by the server.

    function setUpLibrary(element) {
      const grid = element.querySelector("[data-grid]");
      const info = element.querySelector(".lead-image-dialog__status");
      const previous = element.querySelector("[data-action=previous]");
      const next = element.querySelector("[data-action=next]");
      const search = element.querySelector("[data-search]");
      let query = "";
      let page = 1;

      async function load() {
        info.textContent = messages.msgLoading;
        previous.disabled = next.disabled = true;
        const url = new URL(root.dataset.listUrl, window.location.href);
        url.searchParams.set("q", query);
        url.searchParams.set("page", page);
        let data;
        try {
          const response = await fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" });
          data = await response.json();
          if (!response.ok) throw new Error(data.message || response.statusText);
        } catch (error) {
          info.textContent = (data && data.message) || messages.msgFailed;
          return;
        }
        grid.replaceChildren(...data.results.map(thumbnail));
        info.textContent = data.count
          ? format(messages.msgPage, { page: data.page, pages: data.pages, count: data.count })
          : messages.msgNone;
        page = data.page;
        previous.disabled = !data.has_previous;
        next.disabled = !data.has_next;
      }

      function thumbnail(image) {
        const item = document.createElement("li");
        const button = document.createElement("button");
        button.type = "button";
        button.className = "lead-image-grid__item";
        button.dataset.imageId = image.id;
        button.setAttribute("aria-pressed", String(select.value === String(image.id)));
        const picture = document.createElement("img");
        picture.src = image.thumbnail;
        picture.alt = "";
        picture.width = picture.height = 160;
        picture.loading = "lazy";
        const caption = document.createElement("span");
        caption.textContent = image.label;
        button.append(picture, caption);
        button.addEventListener("click", () => {
          choose(image);
          element.close();
        });
        item.append(button);
        return item;
      }

      search.addEventListener("submit", (event) => {
        event.preventDefault();
        query = search.elements.q.value.trim();
        page = 1;
        load();
      });
      previous.addEventListener("click", () => {
        page -= 1;
        load();
      });
      next.addEventListener("click", () => {
        page += 1;
        load();
      });
      element.addEventListener("lead-image:open", load);
    }

    // The upload: checked by the server, which answers each field's messages.

    function setUpUpload(element) {
      const form = element.querySelector("[data-upload]");
      const message = form.querySelector("[data-message]");
      const submit = form.querySelector("[data-submit]");
      const submitText = submit.textContent;

      function clearErrors() {
        message.hidden = true;
        form.querySelectorAll(".errorlist").forEach((list) => list.remove());
        form.querySelectorAll("[aria-invalid]").forEach((input) => {
          input.removeAttribute("aria-invalid");
          const described = (input.getAttribute("aria-describedby") || "").split(" ");
          input.setAttribute("aria-describedby", described.filter((id) => !id.endsWith("-errors")).join(" "));
        });
      }

      function showErrors(text, errors) {
        message.textContent = text;
        message.hidden = false;
        let first = null;
        for (const [name, list] of Object.entries(errors || {})) {
          const field = form.querySelector(`[data-field=${name}]`);
          const input = field && field.querySelector("input");
          if (!input) continue;
          const errorList = document.createElement("ul");
          errorList.className = "errorlist";
          errorList.id = `${input.id}-errors`;
          for (const text of list) {
            const item = document.createElement("li");
            item.textContent = text;
            errorList.append(item);
          }
          input.before(errorList);
          input.setAttribute("aria-invalid", "true");
          input.setAttribute("aria-describedby", `${errorList.id} ${input.getAttribute("aria-describedby") || ""}`.trim());
          first = first || input;
        }
        (first || message).focus();
      }

      form.addEventListener("submit", async (event) => {
        event.preventDefault();
        clearErrors();
        submit.disabled = true;
        submit.textContent = messages.msgUploading;
        const body = new FormData(form);
        body.append("csrfmiddlewaretoken", csrfToken());
        let response;
        let data = {};
        try {
          response = await fetch(root.dataset.uploadUrl, {
            method: "POST",
            body,
            headers: { Accept: "application/json", "X-CSRFToken": csrfToken() },
            credentials: "same-origin",
          });
          data = await response.json().catch(() => ({}));
        } catch (error) {
          response = null;
        } finally {
          submit.disabled = false;
          submit.textContent = submitText;
        }
        if (response && response.status === 201) {
          form.reset();
          element.close();
          choose(data.image);
          if (data.warning) announce(`${status.textContent} ${data.warning}`);
          return;
        }
        showErrors(data.message || messages.msgUploadFailed, data.errors);
      });
      message.tabIndex = -1;
    }

    root.querySelector("[data-action=choose]").addEventListener("click", () => {
      const element = dialog("choose");
      element.showModal();
      element.dispatchEvent(new Event("lead-image:open"));
    });
    const uploadButton = root.querySelector("[data-action=upload]");
    if (uploadButton) {
      uploadButton.addEventListener("click", () => dialog("upload").showModal());
    }
    removeButton.addEventListener("click", remove);
  }

  function initAll() {
    document.querySelectorAll("[data-lead-image]").forEach(init);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", initAll);
  } else {
    initAll();
  }
})();
