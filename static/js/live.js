// Live results while a campaign runs: an opt-in reload every minute, remembered per browser.
// Off by default (WCAG 2.2.1: the user controls timing); the page works the same without it.
(function () {
  "use strict";
  var box = document.getElementById("live-refresh");
  if (!box) { return; }
  var key = "participation.live-refresh";
  var timer = null;
  function schedule() {
    if (timer) { clearTimeout(timer); timer = null; }
    if (box.checked) { timer = setTimeout(function () { window.location.reload(); }, 60000); }
  }
  box.parentNode.hidden = false;
  box.checked = window.localStorage.getItem(key) === "1";
  box.addEventListener("change", function () {
    window.localStorage.setItem(key, box.checked ? "1" : "0");
    schedule();
  });
  schedule();
}());
