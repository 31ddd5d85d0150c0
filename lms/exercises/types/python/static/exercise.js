// Code exercise page: reset to the starter code, run the code without grading, and follow a pending
// grading until it is done.
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

  // "Run": the same POST as the form button, sent by fetch; only the output area changes, the code
  // stays in the editor. One request answers with the output (the server waits for the sandbox), so a
  // slow school network costs one round trip; a lost connection says so and keeps everything.
  var runButton = document.querySelector("[data-run]");
  var output = document.getElementById("run-output");
  if (runButton && output && window.fetch && window.FormData) {
    var slot = output.querySelector(".run-result-slot");
    var busy = false;
    var show = function (html) { slot.innerHTML = html; };
    var say = function (text, kind) {
      var p = document.createElement("p");
      p.className = "flash " + kind;
      p.setAttribute("role", kind === "flash-info" ? "status" : "alert");
      p.textContent = text;
      slot.replaceChildren(p);
    };
    var done = function () {
      busy = false;
      runButton.disabled = false;
      output.removeAttribute("aria-busy");
    };
    var fail = function () { say(output.getAttribute("data-failed"), "flash-error"); done(); };
    var follow = function (url, delay) {
      window.setTimeout(function () {
        fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
          .then(function (r) { return r.json(); })
          .then(function (data) {
            show(data.html);
            if (data.state === "pending" && data.status_url) { follow(data.status_url, Math.min(delay * 1.5, 3000)); } else { done(); }
          })
          .catch(fail);
      }, delay);
    };
    runButton.addEventListener("click", function (event) {
      event.preventDefault();
      if (busy) { return; }
      busy = true;
      runButton.disabled = true;
      output.setAttribute("aria-busy", "true");
      say(output.getAttribute("data-pending"), "flash-info");
      if (output.getBoundingClientRect().top > window.innerHeight) { output.scrollIntoView({ block: "start" }); }
      var form = runButton.form;
      var url = runButton.getAttribute("formaction").split("#")[0];
      var controller = window.AbortController ? new AbortController() : null;
      var timer = controller ? window.setTimeout(function () { controller.abort(); }, 90000) : null;
      fetch(url, {
        method: "POST",
        body: new FormData(form),
        credentials: "same-origin",
        headers: { "Accept": "application/json" },
        signal: controller ? controller.signal : undefined
      })
        .then(function (r) {
          if (timer) { window.clearTimeout(timer); }
          if (!r.ok && [202, 413, 429].indexOf(r.status) < 0) { throw new Error(String(r.status)); }
          return r.json();
        })
        .then(function (data) {
          show(data.html);
          if (data.state === "pending" && data.status_url) { follow(data.status_url, 500); } else { done(); }
        })
        .catch(fail);
    });
  }

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
