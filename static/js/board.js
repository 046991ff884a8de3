// The session board: every few seconds fetch the dots and redraw the bars, totals and order,
// so the projector never reloads; R shows hidden dots, N takes the next step (close the round,
// or start the next). Without this file the page shows the dots as they were at load.
(function () {
  "use strict";
  var board = document.querySelector(".board");
  if (!board) { return; }
  var url = board.getAttribute("data-board-url");
  var rows = document.getElementById("board-rows");
  var reveal = document.getElementById("board-reveal");
  var next = document.getElementById("board-next");
  var state = null;

  function drawRow(row, dots, scale) {
    var x = 0;
    row.querySelectorAll("rect[data-group]").forEach(function (rect) {
      var group = rect.getAttribute("data-group");
      var count = dots[group] || 0;
      var width = Math.round(count / scale * 10000) / 10;
      rect.setAttribute("x", x);
      rect.setAttribute("width", width);
      var text = row.querySelector('text[data-group="' + group + '"]');
      text.setAttribute("x", x + width / 2);
      text.textContent = count && width >= 40 ? count : "";
      x += width;
    });
    row.querySelector('[data-group="total"]').textContent = dots.total || 0;
    row.setAttribute("data-total", dots.total || 0);
  }

  function update(data) {
    var key = data.round + ":" + data.round_open;
    if (state !== null && state !== key) { window.location.reload(); return; }
    state = key;
    var scale = Math.max.apply(null, data.themes.map(function (t) { return t.dots.total || 0; }).concat([1]));
    data.themes.forEach(function (theme) {
      var row = rows.querySelector('[data-theme="' + theme.id + '"]');
      if (row) { drawRow(row, theme.dots, scale); }
    });
    order();
    var count = document.getElementById("board-participants");
    if (count) { count.textContent = data.participants; }
  }

  // Most dots first; while the dots are hidden, the residents' order, which gives nothing away.
  function order() {
    var hidden = board.classList.contains("dots-hidden");
    var ordered = Array.prototype.slice.call(rows.children).sort(function (a, b) {
      var byRank = a.getAttribute("data-rank") - b.getAttribute("data-rank");
      if (hidden) { return byRank; }
      return (b.getAttribute("data-total") - a.getAttribute("data-total")) || byRank;
    });
    ordered.forEach(function (row) { rows.appendChild(row); });
  }

  function poll() {
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) { if (data) { update(data); } })
      .catch(function () { /* a missed poll is fine; the next one catches up */ })
      .then(function () { window.setTimeout(poll, 3000); });
  }

  function toggleDots() { board.classList.toggle("dots-hidden"); showReveal(); order(); }
  function showReveal() {
    if (reveal) { reveal.hidden = !board.classList.contains("dots-hidden"); }
  }

  if (reveal) { reveal.addEventListener("click", toggleDots); showReveal(); }
  if (board.getAttribute("data-presenting") === "1") {
    document.addEventListener("keydown", function (event) {
      if (event.ctrlKey || event.metaKey || event.altKey) { return; }
      if (/^(INPUT|TEXTAREA|SELECT)$/.test(event.target.tagName)) { return; }
      var key = event.key.toLowerCase();
      if (key === "r") { toggleDots(); }
      if (key === "n" && next) { next.submit(); }
    });
  }
  if (url && window.fetch) { window.setTimeout(poll, 3000); }
}());
