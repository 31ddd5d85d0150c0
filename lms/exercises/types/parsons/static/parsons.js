// Parsons problems: the selects hold the answer (keyboard and screen readers use them directly); this
// script shows the lines in the chosen order and indentation, and lets a mouse drag them into place.
(function () {
  "use strict";
  document.querySelectorAll("[data-parsons]").forEach(function (list) {
    function rows() { return Array.prototype.slice.call(list.querySelectorAll(".parsons-line")); }
    function select(row, role) { return row.querySelector("select[data-role=" + role + "]"); }
    function show(row) {
      var level = select(row, "indent").value;
      row.className = row.className.replace(/\bindent-\d+\b/, "indent-" + level);
      row.classList.toggle("unused", select(row, "position").value === "");
    }
    function reorder() {
      var sorted = rows().sort(function (a, b) {
        var pa = parseInt(select(a, "position").value || "9999", 10);
        var pb = parseInt(select(b, "position").value || "9999", 10);
        return pa - pb;
      });
      sorted.forEach(function (row) { list.appendChild(row); show(row); });
    }
    // After a drag, the dragged line and every line already placed are numbered in the visual order.
    function renumber(dragged) {
      var n = 0;
      rows().forEach(function (row) {
        var position = select(row, "position");
        if (row === dragged || position.value !== "") { n += 1; position.value = String(n); }
      });
      rows().forEach(show);
    }
    list.addEventListener("change", function (event) {
      if (event.target.matches("select[data-role=position]")) {
        reorder();
        event.target.focus();  // moving the row in the page must not lose the keyboard user's place
      } else {
        show(event.target.closest(".parsons-line"));
      }
    });
    var dragged = null;
    list.addEventListener("dragstart", function (event) {
      dragged = event.target.closest(".parsons-line");
      if (!dragged) { return; }
      dragged.classList.add("dragging");
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", dragged.getAttribute("data-key"));
    });
    list.addEventListener("dragover", function (event) {
      var over = event.target.closest(".parsons-line");
      if (!dragged || !over || over === dragged) { return; }
      event.preventDefault();
      var box = over.getBoundingClientRect();
      list.insertBefore(dragged, event.clientY > box.top + box.height / 2 ? over.nextSibling : over);
    });
    list.addEventListener("drop", function (event) { event.preventDefault(); });
    list.addEventListener("dragend", function () {
      if (!dragged) { return; }
      dragged.classList.remove("dragging");
      renumber(dragged);
      dragged = null;
    });
  });
})();
