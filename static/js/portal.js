/*
 * The portal's few behaviours. Loaded with `defer`, after htmx; pages work without it.
 *
 * - [data-focus-on-load]: the element (e.g. a form's error summary) gets focus when the page
 *   loads or when htmx swaps it in, so a screen reader reads it first.
 * - [data-confirm]: a form or button asks before it goes ahead (text from the attribute).
 */
(function () {
  "use strict";

  function focusFirst(root) {
    var target = root.querySelector("[data-focus-on-load]");
    if (target) {
      if (!target.hasAttribute("tabindex")) {
        target.setAttribute("tabindex", "-1");
      }
      target.focus();
    }
  }

  function onSubmitConfirm(event) {
    var form = event.target;
    var submitter = event.submitter;
    var source = submitter && submitter.hasAttribute("data-confirm") ? submitter : form;
    var question = source.getAttribute && source.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }

  document.addEventListener("submit", onSubmitConfirm, true);

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () {
      focusFirst(document);
    });
  } else {
    focusFirst(document);
  }

  // htmx: new content may carry its own error summary.
  document.body.addEventListener("htmx:afterSettle", function (event) {
    focusFirst(event.detail.elt || document);
  });
})();
