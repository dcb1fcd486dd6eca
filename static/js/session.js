/*
 * Keeps a login alive while the person types (normen_portal.middleware.SessionTimeoutMiddleware
 * ends it after a period without requests): someone writing minutes for half an hour without
 * saving must not lose the text to the inactivity timeout. At most one small request every
 * few minutes, and only after a keystroke; a page left alone still times out.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var url = script && script.getAttribute("data-url");
  var every = 4 * 60 * 1000;
  var last = Date.now();

  function ping() {
    var now = Date.now();
    if (!url || now - last < every) {
      return;
    }
    last = now;
    window.fetch(url, { credentials: "same-origin", cache: "no-store" }).catch(function () {
      // Offline for a moment: the next keystroke tries again.
      last = 0;
    });
  }

  document.addEventListener("input", ping, true);
})();
