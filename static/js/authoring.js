// Authoring: live Markdown preview. The server renders with the player's renderer and sanitiser;
// without scripts, the "Preview" button of the form does the same with a full page load.
(function () {
  "use strict";
  function setup() {
    var pane = document.getElementById("preview");
    if (!pane) return;
    var source = document.getElementById(pane.dataset.source);
    var form = source && source.form;
    var tokenInput = form && form.querySelector('input[name="csrf_token"]');
    if (!source || !tokenInput) return;
    var timer = null;
    var sent = 0;
    function refresh() {
      var body = new FormData();
      body.append("csrf_token", tokenInput.value);
      body.append("text", source.value);
      var number = ++sent;
      fetch(pane.dataset.previewUrl, { method: "POST", body: body, credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.text() : Promise.reject(response.status); })
        .then(function (html) {
          if (number !== sent) return; // an older answer arriving late
          pane.innerHTML = html; // sanitised by the server (lms.markdown.sanitise)
        })
        .catch(function () { /* keep the last good preview */ });
    }
    source.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(refresh, 300);
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
