// Shows how many dots are left while a participant chooses; the server checks the budget.
(function () {
  "use strict";
  var form = document.querySelector("form[data-budget]");
  if (!form) { return; }
  var budget = parseInt(form.getAttribute("data-budget"), 10);
  var left = form.querySelector(".dots-left");
  var leftText = form.getAttribute("data-left-text");
  var overText = form.getAttribute("data-over-text");

  function update() {
    var used = 0;
    form.querySelectorAll("select").forEach(function (select) { used += parseInt(select.value, 10) || 0; });
    var rest = budget - used;
    left.hidden = false;
    left.textContent = rest >= 0
      ? leftText.replace("%(left)s", rest).replace("%(budget)s", budget)
      : overText.replace("%(over)s", -rest);
    left.classList.toggle("over", rest < 0);
  }
  form.addEventListener("change", update);
  update();
}());
