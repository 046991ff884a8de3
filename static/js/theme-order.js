// Drag a theme row on the campaign page to a new place: the whole new order is posted with the
// page's CSRF token, then the page reloads. Keyboard users use the Up and Down buttons, which
// do the same one step at a time, and the page works the same without this file.
(function () {
  "use strict";
  var body = document.getElementById("theme-rows");
  if (!body || !window.fetch || !window.FormData) { return; }
  var status = document.getElementById("theme-order-status");
  var hint = document.getElementById("theme-order-hint");
  var dragged = null;
  var saving = false;

  function rows() {
    return Array.prototype.slice.call(body.querySelectorAll("tr[data-theme-id]"));
  }
  function order() {
    return rows().map(function (row) { return row.getAttribute("data-theme-id"); });
  }
  if (rows().length < 2) { return; }
  var before = order().join(",");
  if (hint) { hint.hidden = false; }

  function fail() {
    saving = false;
    status.textContent = body.getAttribute("data-failed");
    status.classList.add("field-error");
  }

  function save() {
    var now = order();
    if (saving || now.join(",") === before) { return; }
    saving = true;
    status.textContent = body.getAttribute("data-saving");
    var form = new FormData();
    form.append("csrf_token", body.getAttribute("data-csrf"));
    now.forEach(function (id) { form.append("theme", id); });
    fetch(body.getAttribute("data-order-url"), {
      method: "POST",
      body: form,
      credentials: "same-origin",
      redirect: "manual",
      headers: { "X-CSRFToken": body.getAttribute("data-csrf") }
    }).then(function (response) {
      // Success is a 303 back to this page (with a message to show): reload to see it.
      if (response.type === "opaqueredirect" || response.ok) { window.location.reload(); } else { fail(); }
    }, fail);
  }

  rows().forEach(function (row) {
    row.setAttribute("draggable", "true");
    row.classList.add("draggable-row");
    row.addEventListener("dragstart", function (event) {
      dragged = row;
      row.classList.add("dragging");
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", row.getAttribute("data-theme-id"));
    });
    row.addEventListener("dragend", function () {
      row.classList.remove("dragging");
      dragged = null;
      save();
    });
  });

  body.addEventListener("dragover", function (event) {
    if (!dragged) { return; }
    event.preventDefault();
    var target = event.target.closest ? event.target.closest("tr[data-theme-id]") : null;
    if (!target || target === dragged) { return; }
    var box = target.getBoundingClientRect();
    var after = event.clientY > box.top + box.height / 2;
    body.insertBefore(dragged, after ? target.nextSibling : target);
  });
  body.addEventListener("drop", function (event) {
    if (dragged) { event.preventDefault(); }
  });
}());
