// Refresh the sandboxed preview as the learner types. The iframe has sandbox="" (no script runs in
// it, whatever the page says) and every document starts with the preview's own policy.
(function () {
  "use strict";
  document.querySelectorAll(".webpage-form").forEach(function (form) {
    var html = form.querySelector("[data-webpage=html]");
    var css = form.querySelector("[data-webpage=css]");
    var frame = form.querySelector("iframe.webpage-preview");
    if (!html || !frame) { return; }
    var timer = null;
    function render() {
      var meta = '<meta http-equiv="Content-Security-Policy" content="' + frame.dataset.policy + '">';
      var style = css && css.value.trim() ? "<style>" + css.value.replace(/</g, "") + "</style>" : "";
      frame.setAttribute("srcdoc", meta + style + html.value);
    }
    function later() {
      window.clearTimeout(timer);
      timer = window.setTimeout(render, 400);
    }
    html.addEventListener("input", later);
    if (css) { css.addEventListener("input", later); }
  });
})();
