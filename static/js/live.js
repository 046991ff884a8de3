// Live results while a campaign runs: when staff tick the box, the figures are counted again
// every minute and swapped into the page in place (no reload: the scroll position and the
// filters stay). Off by default (WCAG 2.2.1: the user controls timing); remembered per browser.
(function () {
  "use strict";
  var box = document.getElementById("live-refresh");
  var region = document.getElementById("live-results");
  if (!box || !region || !window.fetch || !window.DOMParser) { return; }
  var key = "participation.live-refresh";
  var timer = null;

  function swap(html) {
    var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("live-results");
    if (!fresh) { return; }
    region.innerHTML = fresh.innerHTML;
    // The same chart address would come from the browser's memory: ask for the new drawing.
    region.querySelectorAll("img").forEach(function (img) {
      var url = img.getAttribute("src");
      img.setAttribute("src", url + (url.indexOf("?") < 0 ? "?" : "&") + "t=" + Date.now());
    });
  }

  function refresh() {
    fetch(window.location.href, { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) { if (html) { swap(html); } })
      .catch(function () { /* the next minute tries again */ })
      .then(schedule);
  }

  function schedule() {
    if (timer) { clearTimeout(timer); timer = null; }
    if (box.checked) { timer = setTimeout(refresh, parseInt(box.getAttribute("data-every-ms"), 10) || 60000); }
  }

  box.parentNode.hidden = false;
  box.checked = window.localStorage.getItem(key) === "1";
  box.addEventListener("change", function () {
    window.localStorage.setItem(key, box.checked ? "1" : "0");
    schedule();
  });
  schedule();
}());
