// «Подписаться на уведомления»: shown once per device until answered,
// where the browser can receive pushes. Everything else works without it.
(function () {
  const offer = document.getElementById("push-offer");
  if (!offer || !("serviceWorker" in navigator) || !("PushManager" in window) || !("Notification" in window)) return;
  const answered = "kabinet-push-offer";
  if (localStorage.getItem(answered) || Notification.permission !== "default") return;
  offer.hidden = false;

  const done = (how) => { localStorage.setItem(answered, how); offer.hidden = true; };
  const key = (b64) => {
    const s = atob((b64 + "===".slice((b64.length + 3) % 4)).replace(/-/g, "+").replace(/_/g, "/"));
    return Uint8Array.from(s, (c) => c.charCodeAt(0));
  };
  offer.querySelector("[data-push-later]").addEventListener("click", () => done("later"));
  offer.querySelector("[data-push-yes]").addEventListener("click", async () => {
    const status = offer.querySelector("[data-push-status]");
    try {
      const reg = await navigator.serviceWorker.register("/sw.js");
      const sub = await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key(offer.dataset.key) });
      const resp = await fetch(offer.dataset.action, {
        method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(sub.toJSON()),
      });
      if (!resp.ok) throw new Error(String(resp.status));
      done("yes");
    } catch (e) {
      status.textContent = "Не удалось подписаться. Уведомления можно включить позже в настройках браузера.";
      localStorage.setItem(answered, "failed");
    }
  });
})();
