// Code exercise page: reset to the starter code, and follow a pending grading until it is done.
// The page works without this script (a link refreshes the result); it only saves a click.
(function () {
  "use strict";
  document.querySelectorAll(".js-only").forEach(function (el) { el.hidden = false; });

  document.querySelectorAll("[data-reset]").forEach(function (button) {
    button.addEventListener("click", function () {
      var area = document.getElementById(button.getAttribute("data-reset"));
      // The question is written by the page, in its language: "؟" in Arabic, a narrow space before "?" in French.
      var asker = button.closest("[data-confirm-reset]");
      var question = button.getAttribute("data-confirm") || (asker && asker.getAttribute("data-confirm-reset"));
      if (area && window.confirm(question || button.textContent)) {
        area.value = area.getAttribute("data-starter");
        area.dispatchEvent(new Event("input"));
      }
    });
  });

  var poll = document.querySelector("[data-poll]");
  if (!poll) { return; }
  var url = poll.getAttribute("data-poll");
  var delay = 800;
  function check() {
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) {
        if (data && (data.status === "graded" || data.status === "error")) {
          // Same address but for the fragment would not reload the page: reload explicitly then.
          if (window.location.pathname + window.location.search === data.url) {
            window.location.reload();
          } else {
            window.location.assign(data.url + "#feedback");
          }
        } else {
          delay = Math.min(delay * 1.5, 5000);
          window.setTimeout(check, delay);
        }
      })
      .catch(function () { window.setTimeout(check, 5000); });
  }
  window.setTimeout(check, delay);
})();
