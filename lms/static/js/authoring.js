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

// Drag and drop to reorder items and units: a convenience on top of the up/down buttons, which stay the
// way to reorder from the keyboard or without scripts. A drop replays the same move forms, then reloads.
(function () {
  "use strict";
  function rows(list) {
    return Array.prototype.filter.call(list.children, function (el) { return el.querySelector("form.move"); });
  }
  function replay(form, direction, times) {
    var chain = Promise.resolve();
    for (var i = 0; i < times; i++) {
      chain = chain.then(function () {
        var body = new FormData(form);
        body.append("direction", direction);
        return fetch(form.action, { method: "POST", body: body, credentials: "same-origin" });
      });
    }
    return chain;
  }
  function setup(list) {
    var dragged = null;
    rows(list).forEach(function (row) {
      row.setAttribute("draggable", "true");
      row.addEventListener("dragstart", function (event) {
        if (event.target !== row) return;
        dragged = row;
        row.classList.add("dragging");
        event.dataTransfer.effectAllowed = "move";
      });
      row.addEventListener("dragend", function () { row.classList.remove("dragging"); });
      row.addEventListener("dragover", function (event) {
        if (dragged && dragged.parentNode === row.parentNode) event.preventDefault();
      });
      row.addEventListener("drop", function (event) {
        if (!dragged || dragged === row || dragged.parentNode !== row.parentNode) return;
        event.preventDefault();
        event.stopPropagation();
        var all = rows(list);
        var delta = all.indexOf(row) - all.indexOf(dragged);
        var form = dragged.querySelector("form.move");
        dragged = null;
        replay(form, delta < 0 ? "up" : "down", Math.abs(delta)).then(function () { window.location.reload(); });
      });
    });
  }
  function start() {
    document.querySelectorAll("[data-reorder], .authoring-items").forEach(setup);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
