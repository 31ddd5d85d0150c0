// Timed quizzes: the server keeps the time (the page works without this script: it shows the time left
// when it was loaded and the clock time to submit by). This script counts down, warns screen readers once
// a minute is left, and sends the answers given so far when the time is up, so they are graded in time.
(function () {
  "use strict";
  document.querySelectorAll("form[data-quiz-deadline]").forEach(function (form) {
    var initial = parseInt(form.getAttribute("data-quiz-deadline"), 10);
    var end = Date.now() + initial * 1000;
    var shown = form.querySelector(".quiz-time-left");
    var alert = form.querySelector(".quiz-timer-alert");
    var warned = false;
    var sent = false;
    form.addEventListener("submit", function () { sent = true; });
    function tick() {
      var left = Math.max(0, Math.round((end - Date.now()) / 1000));
      var minutes = Math.floor(left / 60);
      var seconds = left % 60;
      shown.textContent = minutes + ":" + (seconds < 10 ? "0" : "") + seconds;
      if (left <= 60 && !warned && alert) {
        warned = true;
        alert.textContent = form.getAttribute("data-quiz-warning") || "";
      }
      if (left === 0) {
        if (!sent && initial > 0) {  // a page loaded at 0:00 (e.g. after a refusal) does not send again
          sent = true;
          form.submit();
        }
        return;
      }
      window.setTimeout(tick, 1000);
    }
    tick();
  });
})();
