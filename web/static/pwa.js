// The installable app (UI-3). Registers the service worker, offers
// «Установить приложение» where the browser allows it, and keeps the
// balances last seen on «Главная» on this device for the offline page,
// forgetting them at sign-out. Every page works without it.
(function () {
  const KEY = "kabinet-last-balances";
  const kept = {
    get() { try { return JSON.parse(localStorage.getItem(KEY)); } catch (e) { return null; } },
    set(v) { try { localStorage.setItem(KEY, JSON.stringify(v)); } catch (e) { /* storage off or full */ } },
    forget() { try { localStorage.removeItem(KEY); } catch (e) { /* storage off */ } },
  };

  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register("/sw.js").catch(() => { /* the pages work without it */ });
  }

  // The browser fires beforeinstallprompt only where it can install the
  // app; elsewhere the button stays hidden.
  const install = document.querySelector("[data-install]");
  let offer = null;
  window.addEventListener("beforeinstallprompt", (event) => {
    event.preventDefault();
    offer = event;
    if (install) install.hidden = false;
  });
  window.addEventListener("appinstalled", () => {
    offer = null;
    if (install) install.hidden = true;
  });
  if (install) {
    install.addEventListener("click", () => {
      if (!offer) return;
      const o = offer;
      offer = null;
      install.hidden = true;
      o.prompt().catch(() => { /* dismissed */ });
    });
  }

  // «Главная» marks its balances; keep the last ones seen.
  const balances = document.querySelector("[data-balances]");
  if (balances) {
    const text = (el, sel) => { const e = el.querySelector(sel); return e ? e.textContent.trim() : ""; };
    kept.set({
      account: balances.dataset.account, seen: balances.dataset.seen,
      balances: [...balances.querySelectorAll("[data-balance]")].map((b) => ({
        sub: text(b, ".sub-account"), label: text(b, ".balance-label"), amount: text(b, ".balance-amount"),
        penalties: text(b, ".balance-penalties .nowrap"), overpaid: b.classList.contains("balance-overpaid"),
      })),
    });
  }
  // Signing out, or a sign-in form (the session ended), forgets them: the
  // next person at this browser must not see them offline.
  document.querySelectorAll('form[action="/logout"]').forEach((f) => f.addEventListener("submit", kept.forget));
  if (document.querySelector('form[action="/login"]')) kept.forget();

  // The offline page shows what was kept, and «Повторить» reloads the
  // page that could not be opened.
  const retry = document.querySelector("[data-offline-retry]");
  if (retry && location.pathname !== "/offline") retry.href = location.href;
  const box = document.querySelector("[data-offline-balances]");
  const last = kept.get();
  if (box && last && Array.isArray(last.balances)) showKept(box, last);

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }

  function showKept(box, last) {
    const none = box.querySelector("[data-offline-none]");
    if (none) none.remove();
    const seen = el("p", "offline-seen", "Лицевой счет ");
    seen.append(el("span", "account-number", last.account || ""), ", по состоянию на ",
      el("span", "offline-time nowrap", last.seen || ""));
    box.append(seen);
    for (const b of last.balances) {
      const div = el("div", b.overpaid ? "balance balance-overpaid" : "balance");
      const facts = el("dl", "facts");
      const row = el("div");
      row.append(el("dt", "", "Лицевой счет"), el("dd", "sub-account", b.sub));
      facts.append(row);
      const line = el("p", "balance-line");
      line.append(el("span", "balance-label", b.label), " ", el("span", "balance-amount", b.amount));
      const pen = el("p", "balance-penalties", "в т.ч. пени ");
      pen.append(el("span", "nowrap", b.penalties));
      div.append(facts, line, pen);
      box.append(div);
    }
  }
})();
