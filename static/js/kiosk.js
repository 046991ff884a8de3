// Stand kiosk: every vote goes into a queue on this tablet first, then is sent when the
// network allows. Each vote keeps its UUID, so a resend never counts twice, and the moment it
// was cast (the server paces a tablet as people vote and holds what comes faster; held votes
// stay queued and go with a later sync). The tablet's pairing secret is an HttpOnly cookie
// the browser sends along. Without this script the form posts normally.
(function () {
  "use strict";
  var form = document.querySelector("form.kiosk");
  if (!form || !window.localStorage || !window.fetch) { return; }
  var QUEUE = form.getAttribute("data-queue");
  var REFUSED = QUEUE + "-refused";
  var syncUrl = form.getAttribute("data-sync");
  var min = parseInt(form.getAttribute("data-min"), 10);
  var max = parseInt(form.getAttribute("data-max"), 10);
  var thanks = document.getElementById("kiosk-thanks");
  var thanksBox = document.getElementById("kiosk-thanks-box");
  var remarkForm = document.getElementById("kiosk-remark");
  var REMARKS = QUEUE + "-remarks";
  var resetTimer = null;
  var status = document.getElementById("kiosk-status");
  var counter = document.getElementById("pick-counter");
  var syncing = false;
  var unpaired = false;

  function load(key) {
    try { return JSON.parse(localStorage.getItem(key) || "[]"); } catch (e) { return []; }
  }
  function store(key, value) { localStorage.setItem(key, JSON.stringify(value)); }

  // "1 stem", "2 stemmen": the page carries each plural form of the reader's language.
  var plurals = window.Intl && Intl.PluralRules ? new Intl.PluralRules(document.documentElement.lang) : null;
  function counted(name, n) {
    var category = plurals ? plurals.select(n) : (n === 1 ? "one" : "other");
    var text = form.getAttribute(name + "-" + category) || form.getAttribute(name + "-other");
    return text.replace("{n}", n);
  }

  function showStatus() {
    var waiting = load(QUEUE).length;
    var refused = load(REFUSED).length;
    var text = waiting ? counted("data-pending", waiting) : form.getAttribute("data-synced");
    if (refused) { text += " " + counted("data-refused", refused); }
    if (unpaired) { text = form.getAttribute("data-unpaired") + " " + text; }
    status.textContent = text;
    status.setAttribute("data-waiting", String(waiting));
  }

  function newKey() {
    if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
    var b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 15) | 64;
    b[8] = (b[8] & 63) | 128;
    var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }

  function pickedThemes() {
    var boxes = form.querySelectorAll('input[name="theme"]:checked');
    return Array.prototype.map.call(boxes, function (box) { return parseInt(box.value, 10); });
  }

  function shuffled(items) {
    for (var i = items.length - 1; i > 0; i--) {
      var j = Math.floor(Math.random() * (i + 1));
      var kept = items[i]; items[i] = items[j]; items[j] = kept;
    }
    return items;
  }

  // Each resident gets the themes in a new order (the campaign's ballot order: random, random
  // within VNG safety fields, or fixed), as a phone does on each new page. Not stored anywhere.
  function shuffleThemes() {
    var list = form.querySelector(".theme-list");
    var order = list && list.getAttribute("data-order");
    if (!order || order === "fixed") { return; }
    var items = Array.prototype.slice.call(list.children);
    var groups = [shuffled(items)];
    if (order === "random_in_fields") {
      var byField = {};
      var fields = [];
      items.forEach(function (item) {
        var field = item.getAttribute("data-field");
        if (!byField[field]) { byField[field] = []; fields.push(field); }
        byField[field].push(item);
      });
      groups = shuffled(fields).map(function (field) { return shuffled(byField[field]); });
    }
    groups.forEach(function (group) {
      group.forEach(function (item) { list.appendChild(item); });
    });
  }

  // Every resident starts fresh: in Dutch, on the start screen. A resident who chose another
  // language is followed by a reload in Dutch (the page is cached by the service worker).
  function reset() {
    if (document.documentElement.lang !== "nl") {
      location.replace(form.getAttribute("data-home"));
      return;
    }
    form.reset();
    Array.prototype.forEach.call(form.querySelectorAll('input[name="theme"]'), function (box) {
      box.checked = false;
    });
    Array.prototype.forEach.call(form.querySelectorAll('input[name="village"]'), function (box) {
      box.checked = false;
    });
    shuffleThemes();
    form.dispatchEvent(new Event("change", { bubbles: true }));
    remarkForm.reset();
    remarkForm.hidden = true;
    thanksBox.hidden = true;
    form.hidden = false;
    window.scrollTo(0, 0);
  }

  function syncRemarks() {
    var queue = load(REMARKS);
    if (!queue.length) { return; }
    fetch(remarkForm.getAttribute("data-sync"), {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ remarks: queue.slice(0, 200) })
    }).then(function (response) {
      if (!response.ok) { throw new Error("remark sync failed: " + response.status); }
      return response.json();
    }).then(function (report) {
      var done = {};
      report.done.concat(report.refused).forEach(function (key) { done[key] = true; });
      store(REMARKS, load(REMARKS).filter(function (r) { return !done[r.remark_key]; }));
    }).catch(function () { /* tried again on the next round */ });
  }

  // With nothing to send, the tablet still says it is there every half minute, so staff know
  // before closing whether it is in touch and how many votes it still holds.
  var lastContact = 0;

  function sync() {
    syncRemarks();
    var queue = load(QUEUE);
    var heartbeat = Date.now() - lastContact > 30000;
    if (syncing || (!queue.length && !heartbeat)) { showStatus(); return; }
    syncing = true;
    fetch(syncUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ ballots: queue.slice(0, 200), queued: queue.length, sent_at: Date.now() })
    }).then(function (response) {
      lastContact = Date.now();
      // 403: this tablet is not (or no longer) paired; its votes stay queued until it is.
      unpaired = response.status === 403;
      if (!response.ok) { throw new Error("sync failed: " + response.status); }
      return response.json();
    }).then(function (report) {
      var done = {};
      report.stored.concat(report.duplicates).forEach(function (key) { done[key] = true; });
      var refused = load(REFUSED);
      Object.keys(report.rejected).forEach(function (key) { done[key] = true; refused.push(key); });
      store(REFUSED, refused);
      store(QUEUE, load(QUEUE).filter(function (ballot) { return !done[ballot.ballot_key]; }));
    }).catch(function () { /* offline or server away: the queue waits for the next try */ })
      .then(function () { syncing = false; showStatus(); });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var themes = pickedThemes();
    var chosenVillage = form.querySelector('input[name="village"]:checked');
    if (!chosenVillage) {
      counter.textContent = form.getAttribute("data-village-error");
      counter.hidden = false;
      form.querySelector('input[name="village"]').focus();
      return;
    }
    if (themes.length < min || themes.length > max) {
      counter.textContent = form.getAttribute("data-count-error");
      counter.hidden = false;
      return;
    }
    var queue = load(QUEUE);
    queue.push({
      ballot_key: newKey(),
      village: chosenVillage.value,
      themes: themes,
      cast_at: Date.now()
    });
    store(QUEUE, queue);
    form.hidden = true;
    thanks.textContent = form.getAttribute("data-thanks");
    thanksBox.hidden = false;
    showStatus();
    sync();
    resetTimer = setTimeout(reset, parseInt(form.getAttribute("data-reset-ms"), 10) || 3000);
  });

  // Staff may note what the resident said; the kiosk waits until the remark is saved.
  document.getElementById("remark-open").addEventListener("click", function () {
    clearTimeout(resetTimer);
    remarkForm.hidden = false;
    document.getElementById("remark-text").focus();
  });
  document.getElementById("remark-cancel").addEventListener("click", reset);
  remarkForm.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = document.getElementById("remark-text").value.trim();
    if (text) {
      var tags = remarkForm.querySelectorAll('input[name="remark_theme"]:checked');
      var remarks = load(REMARKS);
      remarks.push({
        remark_key: newKey(),
        text: text,
        themes: Array.prototype.map.call(tags, function (box) { return parseInt(box.value, 10); })
      });
      store(REMARKS, remarks);
      sync();
    }
    reset();
  });

  window.addEventListener("online", sync);
  setInterval(sync, 5000);
  sync();

  // Keep the kiosk available when the page is reloaded without a network.
  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register(form.getAttribute("data-sw"), { scope: "/stand/" })
      .catch(function () { /* the kiosk still works while the page stays open */ });
  }
  if (window.caches) {
    caches.open("kiosk-v1").then(function (cache) { return cache.add(location.pathname); })
      .catch(function () {});
  }

  // After a minute without a touch, the next resident gets the start screen.
  var idleTimer;
  function armIdle() {
    clearTimeout(idleTimer);
    idleTimer = setTimeout(function () {
      clearTimeout(resetTimer);
      reset();
    }, parseInt(form.getAttribute("data-idle-ms"), 10) || 60000);
  }
  ["pointerdown", "keydown", "touchstart", "input"].forEach(function (name) {
    document.addEventListener(name, armIdle, { passive: true });
  });
  armIdle();
})();
