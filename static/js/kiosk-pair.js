// Pairing screen of the stand kiosk: ask every two seconds whether staff have typed the code,
// then collect the tablet's secret (the form's POST). Without this script, the page refreshes
// itself and the Continue button does the same.
(function () {
  "use strict";
  var form = document.getElementById("pairing-claim");
  if (!form || !window.fetch) { return; }
  var statusUrl = form.getAttribute("data-status");
  var sent = false;

  function poll() {
    fetch(statusUrl, { credentials: "same-origin", cache: "no-store" })
      .then(function (response) { return response.json(); })
      .then(function (answer) {
        if (answer.state === "approved" && !sent) {
          sent = true;
          form.submit();
        } else if (answer.state === "expired" || answer.state === "none") {
          location.reload();
        } else {
          setTimeout(poll, 2000);
        }
      })
      .catch(function () { setTimeout(poll, 4000); });
  }
  setTimeout(poll, form.querySelector(".kiosk-button") ? 300 : 2000);
})();
