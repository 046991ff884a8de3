// Progressive enhancement for surveys: a conditional question appears only once its trigger
// answer is given, and is cleared when it disappears. Without this file the server checks it.
(function () {
  "use strict";
  var form = document.querySelector("form.survey");
  if (!form) { return; }
  var groups = form.querySelectorAll("[data-show-if]");

  function chosen(name) {
    var values = [];
    var inputs = form.querySelectorAll('[name="' + name + '"]');
    for (var i = 0; i < inputs.length; i++) {
      var input = inputs[i];
      if ((input.type === "radio" || input.type === "checkbox") ? input.checked : input.value) {
        values.push(input.value);
      }
    }
    return values;
  }

  function update() {
    for (var i = 0; i < groups.length; i++) {
      var group = groups[i];
      var wanted = group.getAttribute("data-show-values").split("|");
      var shown = chosen(group.getAttribute("data-show-if")).some(function (v) {
        return wanted.indexOf(v) !== -1;
      });
      group.hidden = !shown;
      if (!shown) {
        var inputs = group.querySelectorAll("input, select, textarea");
        for (var j = 0; j < inputs.length; j++) {
          if (inputs[j].type === "radio" || inputs[j].type === "checkbox") { inputs[j].checked = false; }
          else { inputs[j].value = ""; }
        }
      }
    }
  }

  // Number only the questions shown: 1, 2, 3, 4 — never 1, 2, 3, 5.
  function renumber() {
    var number = 0;
    var questions = form.querySelectorAll(".question");
    for (var i = 0; i < questions.length; i++) {
      if (questions[i].hidden) { continue; }
      number += 1;
      var label = questions[i].querySelector(".question-number");
      if (label) { label.textContent = String(number); }
    }
  }

  form.addEventListener("change", function () { update(); renumber(); });
  update();
  renumber();
}());
