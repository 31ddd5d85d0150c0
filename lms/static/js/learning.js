// The player's helpers: keep typed work (drafts), count a lesson read to its end, and measure time spent.
// Every page works without this script: forms post as usual, "Mark as done" completes a lesson, and
// nothing is counted as time spent (see docs/learning.md).
(function () {
  "use strict";

  function csrfToken() {
    var input = document.querySelector("input[name=csrf_token]");
    return input ? input.value : "";
  }

  function post(url, data) {
    var body = data instanceof FormData ? data : new FormData();
    if (!body.has("csrf_token")) { body.append("csrf_token", csrfToken()); }
    return fetch(url, {
      method: "POST", body: body, credentials: "same-origin",
      headers: { "Accept": "application/json", "X-CSRFToken": csrfToken() }
    });
  }

  // --- Time spent: seconds the page is visible with the learner active (input in the last 2 minutes).
  var timed = document.querySelector("[data-time-url]");
  if (timed) {
    var timeUrl = timed.getAttribute("data-time-url");
    var seconds = 0;
    var lastInput = Date.now();
    ["keydown", "pointerdown", "pointermove", "scroll", "touchstart", "input"].forEach(function (name) {
      window.addEventListener(name, function () { lastInput = Date.now(); }, { passive: true, capture: true });
    });
    window.setInterval(function () {
      if (document.visibilityState === "visible" && Date.now() - lastInput < 120000) { seconds += 1; }
      if (seconds >= 60) { report(false); }
    }, 1000);
    var report = function (leaving) {
      if (seconds < 1) { return; }
      var body = new FormData();
      body.append("csrf_token", csrfToken());
      body.append("seconds", String(Math.min(seconds, 600)));
      seconds = 0;
      if (leaving && navigator.sendBeacon) { navigator.sendBeacon(timeUrl, body); return; }
      fetch(timeUrl, { method: "POST", body: body, credentials: "same-origin", keepalive: true }).catch(function () {});
    };
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden") { report(true); }
    });
    window.addEventListener("pagehide", function () { report(true); });
  }

  // --- A lesson read to its end counts as done (when the course says so: the server adds data-read-url).
  var done = document.querySelector("[data-read-url]");
  if (done && "IntersectionObserver" in window) {
    var opened = Date.now();
    var sent = false;
    var statusLine = done.querySelector(".read-status");
    var markRead = function () {
      if (sent) { return; }
      sent = true;
      post(done.getAttribute("data-read-url")).then(function (response) {
        return response.ok ? response.json() : null;
      }).then(function (data) {
        if (!data || !data.completed) { sent = false; return; }
        var form = done.querySelector("form");
        var help = done.querySelector(".muted");
        if (form) { form.remove(); }
        if (help) { help.remove(); }
        statusLine.textContent = "✓ " + [data.status].concat(data.messages || []).join(" ");
        if (data.complete_url) {
          var link = document.createElement("a");
          link.className = "button primary";
          link.href = data.complete_url;
          link.textContent = data.complete_label;
          statusLine.insertAdjacentElement("afterend", link);
        }
      }).catch(function () { sent = false; });
    };
    var seen = false;
    new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (!entry.isIntersecting || seen) { return; }
        seen = true;
        // Reaching the end straight away on a short lesson still takes a moment of reading.
        window.setTimeout(markRead, Math.max(0, 3000 - (Date.now() - opened)));
      });
    }).observe(done);
  }

  // --- Drafts: every change goes to localStorage at once and to the server after a pause.
  var work = document.querySelector("[data-draft-url]");
  if (!work) { return; }
  var form = work.querySelector('form[action="' + work.getAttribute("data-submit-url") + '"]') ||
    work.querySelector("form[method=post]");
  if (!form) { return; }
  var key = work.getAttribute("data-draft-key");
  var base = work.getAttribute("data-latest-attempt");
  var status = work.querySelector(".draft-status");

  function fieldsOf() {
    var fields = {};
    new FormData(form).forEach(function (value, name) {
      if (name === "csrf_token" || typeof value !== "string") { return; }
      if (name in fields) {
        fields[name] = [].concat(fields[name], value);
      } else {
        fields[name] = value;
      }
    });
    return fields;
  }

  function apply(fields) {
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.name === "csrf_token") { return; }
      var value = fields[el.name];
      var values = value === undefined ? [] : [].concat(value);
      if (el.type === "radio" || el.type === "checkbox") {
        el.checked = values.indexOf(el.value) !== -1;
      } else if (value !== undefined && (el.tagName === "TEXTAREA" || el.tagName === "SELECT" || el.tagName === "INPUT")) {
        el.value = values[0];
        el.dispatchEvent(new Event("input"));
      }
    });
  }

  function say(text, link) {
    status.textContent = text;
    if (link) {
      var a = document.createElement("a");
      a.href = link.href;
      a.textContent = link.text;
      status.appendChild(document.createTextNode(" "));
      status.appendChild(a);
    }
  }

  function readLocal() {
    try { return JSON.parse(window.localStorage.getItem(key) || "null"); } catch (e) { return null; }
  }

  function writeLocal(fields) {
    try {
      window.localStorage.setItem(key, JSON.stringify({ fields: fields, saved: Date.now(), base: base }));
      return true;
    } catch (e) { return false; }
  }

  var timer = null;
  function saveToServer(retried) {
    timer = null;
    post(work.getAttribute("data-draft-url"), new FormData(form)).then(function (response) {
      var json = (response.headers.get("Content-Type") || "").indexOf("json") !== -1;
      if (response.ok && json && !response.redirected) {
        say(work.getAttribute("data-label-saved"));
      } else if (response.status === 400 && json && !retried) {
        // The page's token is older than the server accepts: take the fresh one (every form of the
        // page, so "Submit" works too) and save again; no token means the session itself has ended.
        response.json().then(function (data) {
          if (!data.csrf_token) {
            say(work.getAttribute("data-label-signed-out"),
              { href: work.getAttribute("data-login-url"), text: work.getAttribute("data-label-sign-in") });
            return;
          }
          document.querySelectorAll("input[name=csrf_token]").forEach(function (input) { input.value = data.csrf_token; });
          saveToServer(true);
        });
      } else if (response.status === 413 && json) {
        response.json().then(function (data) { say(data.error); });
      } else if (response.redirected || response.status === 400 || response.status === 401) {
        say(work.getAttribute("data-label-signed-out"),
          { href: work.getAttribute("data-login-url"), text: work.getAttribute("data-label-sign-in") });
      } else {
        say(work.getAttribute("data-label-saved-here"));
      }
    }).catch(function () { say(work.getAttribute("data-label-saved-here")); });
  }

  function changed() {
    // The code editor copies its text into the form's textarea just after the event: read it then.
    window.setTimeout(function () { writeLocal(fieldsOf()); }, 0);
    if (timer) { window.clearTimeout(timer); }
    timer = window.setTimeout(function () { saveToServer(false); }, 1500);
  }

  // Restore the newest of the server's draft and this browser's copy (one made since the last attempt).
  var serverFields = work.getAttribute("data-draft-fields");
  var server = serverFields ? { fields: JSON.parse(serverFields), saved: Number(work.getAttribute("data-draft-saved")) } : null;
  var local = readLocal();
  if (local && String(local.base) !== String(base)) { local = null; }
  var best = server;
  if (local && (!best || local.saved > best.saved)) { best = local; }
  if (best && JSON.stringify(best.fields) !== JSON.stringify(fieldsOf())) {
    apply(best.fields);
    say(work.getAttribute("data-label-restored"));
    if (best === local) { timer = window.setTimeout(function () { saveToServer(false); }, 500); }
  }

  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  form.addEventListener("keyup", changed); // Enter, Tab and deletions in the editor fire no "input"
  form.addEventListener("submit", function () {
    if (timer) { window.clearTimeout(timer); timer = null; }
    writeLocal(fieldsOf());
  });
})();
