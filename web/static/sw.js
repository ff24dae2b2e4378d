// The cabinet's service worker: shows pushed notifications and opens the
// cabinet page a notification leads to.
self.addEventListener("push", (event) => {
  let data = {};
  try { data = event.data ? event.data.json() : {}; } catch (e) { data = {}; }
  event.waitUntil(self.registration.showNotification(data.title || "Личный кабинет", {
    body: data.body || "", data: { url: data.url || "/" }, icon: "/favicon.ico", lang: "ru",
  }));
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  event.waitUntil(self.clients.openWindow(event.notification.data.url));
});
