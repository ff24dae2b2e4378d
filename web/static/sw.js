// The portal's service worker (UI-3). The server puts SHELL (the offline
// page and the static files it needs), VERSION and OFFLINE above this
// line. It keeps the shell, answers a page that finds no network with the
// offline page, and shows pushed notifications. Pages themselves are
// never stored: they hold a customer's data.
const CACHE = "kabinet-shell-" + VERSION;

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE)
    .then((c) => c.addAll(SHELL.map((u) => new Request(u, { cache: "reload" }))))
    .then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    const old = (await caches.keys()).filter((k) => k.startsWith("kabinet-shell-") && k !== CACHE);
    await Promise.all(old.map((k) => caches.delete(k)));
    if (self.registration.navigationPreload) await self.registration.navigationPreload.enable();
    await self.clients.claim();
  })());
});

// A page comes from the network, through the navigation preload when the
// browser has one (a second request could spend a one-time link). Without
// network the portal's own pages get the offline page; the sites of their
// own (the back office, the APIs, the demo's tools) the browser's error.
const own = (path) => !/^\/(office|api|dev)(\/|$)/.test(path);

self.addEventListener("fetch", (event) => {
  const req = event.request;
  const url = new URL(req.url);
  if (req.method !== "GET" || url.origin !== self.location.origin) return;
  if (req.mode === "navigate") {
    event.respondWith((async () => {
      try {
        return (await event.preloadResponse) || await fetch(req);
      } catch (e) {
        return (own(url.pathname) && await caches.match(OFFLINE)) || Response.error();
      }
    })());
  } else if (url.pathname.startsWith("/static/")) {
    // Hashed URLs never change content: the kept copy is good.
    event.respondWith(caches.match(req).then((hit) => hit || fetch(req)));
  }
});

self.addEventListener("push", (event) => {
  let data = {};
  try { data = event.data ? event.data.json() : {}; } catch (e) { data = {}; }
  event.waitUntil(self.registration.showNotification(data.title || "Личный кабинет", {
    body: data.body || "", data: { url: data.url || "/" }, icon: SHELL.find((u) => u.endsWith("/icon-192.png")), lang: "ru",
  }));
});

// A click opens the page the notification leads to, in the app's window
// when one is open.
self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const url = new URL(event.notification.data.url, self.location.origin).href;
  event.waitUntil((async () => {
    const open = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
    for (const c of open) {
      if ("navigate" in c && c.url.startsWith(self.location.origin)) {
        await c.focus();
        return c.navigate(url);
      }
    }
    return self.clients.openWindow(url);
  })());
});
