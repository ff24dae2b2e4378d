// «Оплатить N ₽»: keeps the sum the pay button says true while the
// amounts are typed, and the hidden total the server checks it against.
// Without scripts the server shows the new sum before charging it.
(function () {
  const form = document.querySelector("form[data-pay-form]");
  if (!form) return;
  const button = form.querySelector("[data-pay-sum]");
  const seen = form.querySelector("input[name=total]");
  const fields = [...form.querySelectorAll("input[name^='amount-']")];
  // kopecks parses an amount as kabinet.ParseMoney does; null if it cannot.
  const kopecks = (s) => {
    s = s.trim().replace(/₽$/, "").trim().replace(/[ \u00a0]/g, "").replace(",", ".");
    const m = /^(\d{0,12})(?:\.(\d{1,2}))?$/.exec(s);
    if (!m || (m[1] === "" && m[2] === undefined)) return null;
    return Number(m[1] || "0") * 100 + Number((m[2] || "0").padEnd(2, "0"));
  };
  const rubles = (k) => {
    const whole = String(Math.floor(k / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, "\u00a0");
    return whole + "," + String(k % 100).padStart(2, "0") + "\u00a0₽";
  };
  const update = () => {
    let sum = 0;
    for (const f of fields) {
      if (f.value.trim() === "") continue;
      const k = kopecks(f.value);
      if (k === null) { button.textContent = "Оплатить"; seen.value = ""; return; }
      sum += k;
    }
    button.textContent = sum > 0 ? "Оплатить " + rubles(sum) : "Оплатить";
    seen.value = String(sum);
  };
  fields.forEach((f) => f.addEventListener("input", update));
})();
