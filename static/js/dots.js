// The dot steppers: + and - change the number here (the server still checks the budget), a
// + with no dots left does nothing but say so, and the line below counts what is left.
// Without this file each + or - is a submit button the server applies and stores.
(function () {
  "use strict";
  var form = document.querySelector("form[data-budget]");
  if (!form) { return; }
  var budget = parseInt(form.getAttribute("data-budget"), 10);
  var left = form.querySelector(".dots-left");
  var inputs = form.querySelectorAll('input[type="number"]');

  function used() {
    var sum = 0;
    inputs.forEach(function (input) { sum += Math.max(parseInt(input.value, 10) || 0, 0); });
    return sum;
  }

  function say(text, over) {
    left.textContent = text;
    left.classList.toggle("over", over);
  }

  function update() {
    var rest = budget - used();
    if (rest >= 0) {
      say(form.getAttribute("data-left-text").replace("{left}", rest).replace("{budget}", budget), false);
    } else {
      say(form.getAttribute("data-over-text").replace("{placed}", budget - rest).replace("{budget}", budget), true);
    }
    form.querySelectorAll(".step-up").forEach(function (button) {
      button.setAttribute("aria-disabled", rest <= 0 ? "true" : "false");
    });
  }

  form.addEventListener("click", function (event) {
    var button = event.target.closest(".step");
    if (!button) { return; }
    event.preventDefault();
    var input = button.parentNode.querySelector('input[type="number"]');
    var value = Math.max(parseInt(input.value, 10) || 0, 0);
    if (button.classList.contains("step-up")) {
      if (used() >= budget) { say(form.getAttribute("data-none-left"), true); return; }
      input.value = value + 1;
    } else {
      input.value = Math.max(value - 1, 0);
    }
    update();
  });
  form.addEventListener("input", update);
  update();
}());
