// Refresh the sandboxed preview as the learner types. The iframe has sandbox="" (no script runs in
// it, whatever the page says) and every document starts with the preview's own policy. The srcdoc
// inherits the page's policy too: the learner's CSS is applied through the page's style nonce.
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
      var style = css && css.value.trim() ? '<style nonce="' + frame.dataset.styleNonce + '">' + css.value.replace(/</g, "") + "</style>" : "";
      var page = html.value.replace(/<style(?=[\s>\/])/gi, '<style nonce="' + frame.dataset.styleNonce + '"');
      frame.setAttribute("srcdoc", meta + style + page);
    }
    function later() {
      window.clearTimeout(timer);
      timer = window.setTimeout(render, 400);
    }
    html.addEventListener("input", later);
    if (css) { css.addEventListener("input", later); }
  });
})();
