/*
 * Agenda builder: drag and drop to reorder, for mouse users. An extra only: the «Flytt opp» /
 * «Flytt ned» buttons in every row are the way for keyboards and screen readers, and work
 * without this file. A drop posts the new position (to_index, 0-based) to the row's move URL
 * with htmx and swaps in the agenda the server sends back, exactly like the buttons do.
 */
(function () {
  "use strict";

  var dragged = null;

  function csrfHeaders() {
    try {
      return JSON.parse(document.body.getAttribute("hx-headers") || "{}");
    } catch (e) {
      return {};
    }
  }

  function rowOf(node) {
    return node && node.closest ? node.closest("tr[data-move-url]") : null;
  }

  function clearTargets() {
    document.querySelectorAll(".agenda-row.is-drop-target").forEach(function (row) {
      row.classList.remove("is-drop-target");
    });
  }

  // Only the handle starts a drag, so text in the row can still be selected.
  document.addEventListener("mousedown", function (event) {
    var handle = event.target.closest && event.target.closest(".agenda-drag-handle");
    var row = rowOf(handle);
    if (row) {
      row.setAttribute("draggable", "true");
    }
  });

  document.addEventListener("dragstart", function (event) {
    var row = rowOf(event.target);
    if (!row || row.getAttribute("draggable") !== "true") {
      return;
    }
    dragged = row;
    row.classList.add("is-dragging");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", row.id);
  });

  document.addEventListener("dragover", function (event) {
    var row = rowOf(event.target);
    if (!dragged || !row || row.parentNode !== dragged.parentNode) {
      return;
    }
    event.preventDefault();
    event.dataTransfer.dropEffect = "move";
    clearTargets();
    if (row !== dragged) {
      row.classList.add("is-drop-target");
    }
  });

  document.addEventListener("drop", function (event) {
    var row = rowOf(event.target);
    if (!dragged || !row || row === dragged || row.parentNode !== dragged.parentNode) {
      return;
    }
    event.preventDefault();
    var source = dragged;
    var toIndex = row.getAttribute("data-index");
    if (window.htmx) {
      window.htmx.ajax("POST", source.getAttribute("data-move-url"), {
        source: source,
        target: "#dagsorden-liste",
        swap: "outerHTML",
        values: { to_index: toIndex },
        headers: csrfHeaders(),
      });
    }
  });

  document.addEventListener("dragend", function () {
    if (dragged) {
      dragged.classList.remove("is-dragging");
      dragged.removeAttribute("draggable");
    }
    dragged = null;
    clearTargets();
  });
})();
