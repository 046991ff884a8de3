// Progressive enhancement for the ballot: a live "3 of 6 chosen" counter, and a polite block on
// ticking more themes than allowed. The form works the same without this file.
(function () {
  "use strict";
  var form = document.querySelector("form.ballot");
  if (!form) { return; }
  var max = parseInt(form.getAttribute("data-max"), 10);
  var counterText = form.getAttribute("data-counter");
  var limitText = form.getAttribute("data-limit");
  var counter = document.getElementById("pick-counter");
  var boxes = form.querySelectorAll('input[type="checkbox"][name="theme"]');

  function picked() {
    var n = 0;
    for (var i = 0; i < boxes.length; i++) { if (boxes[i].checked) { n++; } }
    return n;
  }

  function show(message) {
    counter.textContent = counterText.replace("{picked}", String(picked()));
    if (message) {
      var extra = document.createElement("span");
      extra.className = "limit";
      extra.textContent = message;
      counter.appendChild(extra);
    }
  }

  form.addEventListener("change", function (event) {
    var box = event.target;
    if (box.name !== "theme") { return; }
    if (box.checked && picked() > max) {
      box.checked = false;
      show(limitText);
      return;
    }
    show("");
  });

  counter.hidden = false;
  show("");
})();

// After a refused submission, bring the error summary into view and focus for screen readers.
(function () {
  "use strict";
  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); }
})();
