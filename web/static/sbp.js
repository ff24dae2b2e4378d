// «Оплата через СБП»: asks the portal for the payment's status every few
// seconds and shows it, until the payment is over. Without scripts the
// page reloads itself instead (a <noscript> refresh).
(function () {
  const page = document.querySelector("[data-sbp-status]");
  if (!page) return;
  const notice = page.querySelector(".sbp-notice");
  const text = page.querySelector(".payment-status");
  const refresh = page.querySelector(".sbp-refresh");
  if (refresh) refresh.textContent = "Страница проверяет оплату сама.";
  let wait = 3000;
  const show = (s) => {
    text.textContent = s.text;
    notice.classList.toggle("notice-success", s.paid);
    notice.classList.toggle("notice-error", s.failed);
    if (!s.done) return false;
    const pay = page.querySelector(".sbp-pay");
    if (pay) pay.remove();
    if (refresh) refresh.remove();
    return true;
  };
  const ask = async () => {
    try {
      const resp = await fetch(page.dataset.sbpStatus, { headers: { Accept: "application/json" }, cache: "no-store" });
      if (resp.ok && show(await resp.json())) return;
      wait = 3000;
    } catch (e) {
      wait = Math.min(wait * 2, 30000); // the network is down: ask less often
    }
    setTimeout(ask, wait);
  };
  setTimeout(ask, wait);
})();
