/*
 * The focal point of a picture, set by a click on it (or the arrow keys), in the image
 * admin and in the story form's lead image (templates/admin/articles/image/focal_point.html).
 *
 * The point lives in two inputs (fractions 0-1 of the width and height, from the top
 * left), named by the block's data-x-input and data-y-input; the server cuts every
 * crop around it (articles/crops.py). The marker and the crop previews are placed
 * through the CSSOM (element.style), which the admin's Content-Security-Policy allows,
 * unlike style attributes in the markup.
 *
 * window.NewsroomFocalPoint.attach(block) returns the block's controller (made once):
 * set(x, y), show(src, width, height, x, y) for another picture, and hide().
 */
(function () {
  "use strict";

  const STEP = 0.05; // an arrow key's move; with Shift, a fifth of it
  const controllers = new WeakMap();

  const clamp = (value) => Math.min(1, Math.max(0, value));
  const rounded = (value) => Math.round(clamp(value) * 1000) / 1000;

  // The same arithmetic as articles/crops.py crop_size() and crop_box().
  function cropSize(width, height, ratioWidth, ratioHeight) {
    if (width * ratioHeight >= height * ratioWidth) {
      return [Math.max(1, Math.min(width, Math.round((height * ratioWidth) / ratioHeight))), height];
    }
    return [width, Math.max(1, Math.min(height, Math.round((width * ratioHeight) / ratioWidth)))];
  }

  function place(length, span, focal) {
    const start = Math.round(focal * length - span / 2);
    return Math.min(Math.max(start, 0), length - span);
  }

  function cropBox(width, height, ratioWidth, ratioHeight, x, y) {
    const [spanX, spanY] = cropSize(width, height, ratioWidth, ratioHeight);
    const left = place(width, spanX, x);
    const top = place(height, spanY, y);
    return [left, top, left + spanX, top + spanY];
  }

  function attach(block) {
    if (controllers.has(block)) return controllers.get(block);
    const xInput = document.getElementById(block.dataset.xInput);
    const yInput = document.getElementById(block.dataset.yInput);
    const stage = block.querySelector(".focal-point__stage");
    const target = block.querySelector(".focal-point__target");
    const image = block.querySelector(".focal-point__image");
    const marker = block.querySelector(".focal-point__marker");
    const readout = block.querySelector(".focal-point__readout");
    const crops = Array.from(block.querySelectorAll(".focal-point__crop"));
    // Without its inputs (a reader without the right to change the picture) the
    // point is only shown, from the block's own data.
    const editable = block.hasAttribute("data-editable") && Boolean(xInput && yInput);
    if (!editable) {
      const help = block.querySelector(".focal-point__help");
      if (help) help.hidden = true;
    }

    function current() {
      const x = parseFloat(xInput ? xInput.value : block.dataset.x);
      const y = parseFloat(yInput ? yInput.value : block.dataset.y);
      return [Number.isFinite(x) ? clamp(x) : 0.5, Number.isFinite(y) ? clamp(y) : 0.5];
    }

    function size() {
      const width = image.naturalWidth || parseInt(image.getAttribute("width"), 10) || 0;
      const height = image.naturalHeight || parseInt(image.getAttribute("height"), 10) || 0;
      return [width, height];
    }

    function draw() {
      const [x, y] = current();
      marker.style.left = x * 100 + "%";
      marker.style.top = y * 100 + "%";
      if (readout && block.dataset.format) {
        readout.textContent = block.dataset.format
          .replace("%(x)s", Math.round(x * 100))
          .replace("%(y)s", Math.round(y * 100));
      }
      const [width, height] = size();
      if (!width || !height) return;
      for (const crop of crops) {
        const [ratioWidth, ratioHeight] = crop.dataset.ratio.split(" ").map(Number);
        const [left, top, right, bottom] = cropBox(width, height, ratioWidth, ratioHeight, x, y);
        const spareX = width - (right - left);
        const spareY = height - (bottom - top);
        // object-fit: cover shows the same largest box; object-position says where it is.
        const preview = crop.querySelector("img");
        preview.style.objectPosition =
          (spareX ? (left / spareX) * 100 : 50) + "% " + (spareY ? (top / spareY) * 100 : 50) + "%";
      }
    }

    function set(x, y) {
      xInput.value = rounded(x);
      yInput.value = rounded(y);
      xInput.dispatchEvent(new Event("change", { bubbles: true }));
      draw();
    }

    function show(src, width, height, x, y) {
      for (const picture of [image, ...crops.map((crop) => crop.querySelector("img"))]) {
        picture.src = src;
      }
      if (width && height) {
        image.setAttribute("width", width);
        image.setAttribute("height", height);
      } else {
        image.removeAttribute("width");
        image.removeAttribute("height");
      }
      if (xInput && yInput) {
        xInput.value = rounded(x);
        yInput.value = rounded(y);
      } else {
        block.dataset.x = rounded(x);
        block.dataset.y = rounded(y);
      }
      stage.hidden = false;
      draw();
    }

    function hide() {
      stage.hidden = true;
    }

    if (editable) {
      target.addEventListener("click", (event) => {
        if (event.detail === 0) return; // Enter or Space: the arrow keys move the point
        const box = image.getBoundingClientRect();
        if (!box.width || !box.height) return;
        set((event.clientX - box.left) / box.width, (event.clientY - box.top) / box.height);
      });
      target.addEventListener("keydown", (event) => {
        const moves = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
        const move = moves[event.key];
        if (!move) return;
        event.preventDefault();
        const step = event.shiftKey ? STEP / 5 : STEP;
        const [x, y] = current();
        set(x + move[0] * step, y + move[1] * step);
      });
      // A new file chosen in the image admin: show it at once, its point at the centre.
      const fileInput = block.dataset.fileInput && document.getElementById(block.dataset.fileInput);
      if (fileInput) {
        fileInput.addEventListener("change", () => {
          const file = fileInput.files && fileInput.files[0];
          if (!file) return;
          const url = URL.createObjectURL(file);
          image.addEventListener("load", () => draw(), { once: true });
          show(url, 0, 0, 0.5, 0.5);
        });
      }
    }
    image.addEventListener("load", draw);
    draw();

    const controller = { set, show, hide, current };
    controllers.set(block, controller);
    return controller;
  }

  window.NewsroomFocalPoint = { attach, cropBox };

  function attachAll() {
    document.querySelectorAll("[data-focal-point]").forEach(attach);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", attachAll);
  } else {
    attachAll();
  }
})();
