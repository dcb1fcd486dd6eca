/*
 * The text editor on «Rediger teksten»: a contenteditable area with a few buttons (headings,
 * paragraph, lists, bold, italic, link) on top of the plain <textarea>, which stays the real
 * form field. Without JavaScript the textarea is used as it is (HTML). The server sanitizes
 * whatever arrives, so this file only has to be convenient, not safe.
 */
(function () {
  "use strict";

  function setup(root) {
    var source = root.querySelector(".documents-editor__source");
    var area = root.querySelector(".documents-editor__area");
    var toolbar = root.querySelector(".documents-editor__toolbar");
    if (!source || !area || !toolbar) {
      return;
    }
    area.innerHTML = source.value;
    area.setAttribute("contenteditable", "true");
    area.hidden = false;
    toolbar.hidden = false;
    source.hidden = true;
    // The label now names the editing area; the hidden textarea only carries the value.
    var label = root.querySelector("label[for='" + source.id + "']");
    if (label) {
      label.removeAttribute("for");
      label.addEventListener("click", function () { area.focus(); });
    }
    // Tags, not inline styles: the content security policy forbids style attributes.
    try {
      document.execCommand("styleWithCSS", false, false);
      document.execCommand("defaultParagraphSeparator", false, "p");
    } catch (e) { /* older browsers: defaults are fine */ }

    toolbar.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-command]");
      if (!button) {
        return;
      }
      area.focus();
      var command = button.getAttribute("data-command");
      var value = button.getAttribute("data-value");
      if (command === "createLink") {
        value = window.prompt(button.getAttribute("data-prompt") || "URL", "https://");
        if (!value) {
          return;
        }
      }
      document.execCommand(command, false, value);
      sync();
    });

    // Arrow keys move between the toolbar's buttons (one tab stop for the whole toolbar).
    var buttons = Array.prototype.slice.call(toolbar.querySelectorAll("button"));
    buttons.forEach(function (b, i) { b.tabIndex = i === 0 ? 0 : -1; });
    toolbar.addEventListener("keydown", function (event) {
      var index = buttons.indexOf(document.activeElement);
      if (index < 0) {
        return;
      }
      var next = null;
      if (event.key === "ArrowRight") { next = buttons[(index + 1) % buttons.length]; }
      if (event.key === "ArrowLeft") { next = buttons[(index - 1 + buttons.length) % buttons.length]; }
      if (event.key === "Home") { next = buttons[0]; }
      if (event.key === "End") { next = buttons[buttons.length - 1]; }
      if (next) {
        event.preventDefault();
        buttons[index].tabIndex = -1;
        next.tabIndex = 0;
        next.focus();
      }
    });

    function sync() {
      source.value = area.innerHTML;
    }
    area.addEventListener("input", sync);
    var form = root.closest("form");
    if (form) {
      form.addEventListener("submit", sync);
    }
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-editor]"), setup);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
