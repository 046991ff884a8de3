// A print button for pages meant for paper; without JavaScript the browser's own print works.
(function () {
  "use strict";
  var button = document.getElementById("print-record");
  if (!button || !window.print) { return; }
  button.hidden = false;
  button.addEventListener("click", function () { window.print(); });
}());
