// Service worker for the stand kiosk: network first, the last good copy when offline.
var CACHE = "kiosk-v1";
var ASSETS = ["/static/css/app.css", "/static/js/ballot.js", "/static/js/kiosk.js"];

self.addEventListener("install", function (event) {
  self.skipWaiting();
  event.waitUntil(caches.open(CACHE).then(function (cache) { return cache.addAll(ASSETS); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(self.clients.claim());
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") { return; }
  var url = new URL(request.url);
  var isKiosk = url.pathname.indexOf("/stand/") === 0 && url.pathname.split("/").length === 3;
  if (!isKiosk && url.pathname.indexOf("/static/") !== 0) { return; }
  event.respondWith(
    fetch(request).then(function (response) {
      // The kiosk is kept once, in Dutch, under its path: an offline reset after a resident
      // who chose another language must still find the Dutch start screen. The pairing screen
      // is never kept: offline, a paired tablet keeps its ballot page.
      var lang = url.searchParams.get("lang");
      var pairing = response.headers.get("X-Kiosk-Pairing");
      if (response.ok && !pairing && !(isKiosk && lang && lang !== "nl")) {
        var copy = response.clone();
        caches.open(CACHE).then(function (cache) { cache.put(isKiosk ? url.pathname : request, copy); });
      }
      return response;
    }).catch(function () {
      return caches.match(isKiosk ? url.pathname : request, { ignoreSearch: true });
    })
  );
});
