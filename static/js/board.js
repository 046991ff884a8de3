// The facilitator's board: fetch the dot totals every few seconds and update the cells,
// so the projector never reloads. Without this file the page shows the totals at load.
(function () {
  "use strict";
  var board = document.querySelector("[data-board-url]");
  if (!board || !window.fetch) { return; }
  var url = board.getAttribute("data-board-url");

  function update(data) {
    data.themes.forEach(function (theme) {
      var row = board.querySelector('tr[data-theme="' + theme.id + '"]');
      if (!row) { return; }
      Object.keys(theme.dots).forEach(function (group) {
        var cell = row.querySelector('[data-group="' + group + '"]');
        if (cell && cell.textContent !== String(theme.dots[group])) {
          cell.textContent = theme.dots[group];
        }
      });
    });
    var count = document.getElementById("board-participants");
    if (count) { count.textContent = data.participants; }
    var round = document.getElementById("board-round-text");
    if (round && data.round_text) { round.textContent = data.round_text; }
  }

  function poll() {
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) { if (data) { update(data); } })
      .catch(function () { /* a missed poll is fine; the next one catches up */ })
      .then(function () { window.setTimeout(poll, 3000); });
  }
  window.setTimeout(poll, 3000);
}());
