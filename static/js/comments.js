/*
 * Quoting a passage in a comment.
 *
 * Text selected inside an element marked [data-quotable] can be put in a comment form's quote
 * field with the button [data-quote-into="<field id>"]. The button is hidden until this script
 * runs; without it (or for anyone who prefers) the quote field is a plain text field to paste
 * the passage into. The messages it shows come translated from the template
 * (data-quote-empty, data-quote-done).
 *
 * The last selection inside a quotable element is remembered, because moving focus to the
 * button can clear the selection in some browsers. Works for threads swapped in by htmx
 * (event delegation on the document), and is safe to load more than once.
 */
(function () {
  "use strict";

  if (window.normenComments) {
    return;
  }
  window.normenComments = true;

  var lastQuote = "";

  function quotableAncestor(node) {
    var el = node && (node.nodeType === 1 ? node : node.parentElement);
    return el ? el.closest("[data-quotable]") : null;
  }

  function rememberSelection() {
    var selection = window.getSelection();
    if (!selection || selection.isCollapsed || selection.rangeCount === 0) {
      return;
    }
    var range = selection.getRangeAt(0);
    if (quotableAncestor(range.startContainer) && quotableAncestor(range.endContainer)) {
      lastQuote = selection.toString().replace(/\s+/g, " ").trim();
    }
  }

  function showTools(root) {
    if (!document.querySelector("[data-quotable]")) {
      return;
    }
    root.querySelectorAll("[data-quote-tools]").forEach(function (tools) {
      tools.hidden = false;
    });
  }

  function onClick(event) {
    var button = event.target.closest("[data-quote-into]");
    if (!button) {
      return;
    }
    event.preventDefault();
    rememberSelection();
    var field = document.getElementById(button.getAttribute("data-quote-into"));
    var status = button.parentElement.querySelector("[data-quote-status]");
    if (!field) {
      return;
    }
    if (!lastQuote) {
      if (status) {
        status.textContent = button.getAttribute("data-quote-empty") || "";
      }
      return;
    }
    field.value = lastQuote;
    if (status) {
      status.textContent = button.getAttribute("data-quote-done") || "";
    }
    field.focus();
  }

  document.addEventListener("selectionchange", rememberSelection);
  document.addEventListener("click", onClick);

  function start() {
    showTools(document);
    if (document.body) {
      document.body.addEventListener("htmx:afterSettle", function (event) {
        showTools(event.detail.elt || document);
      });
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
