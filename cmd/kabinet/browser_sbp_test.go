package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kabinet"
	"kabinet/browsertest"
)

// TestBrowserPaySBP is the demo's СБП payment end to end: «Оплатить через
// СБП», the QR code on a computer and the bank-choice link on a phone,
// the demo bank's page standing for the payer's bank app, «Оплата
// зачислена», and the receipt's link in «История оплат». A second order
// is paid behind the page's back: its status updates itself.
func TestBrowserPaySBP(t *testing.T) {
	m, b, shots := signedInDemo(t)
	b.ClickText("Оплатить картой")
	b.FillByLabel("E-mail или телефон для чека", "ivanov@example.ru")
	b.ClickText("Оплатить через СБП")
	if got := b.Text("h1"); got != "Оплата через СБП" {
		t.Fatalf("h1 = %q:\n%s", got, b.Text("main"))
	}
	if !shown(b, ".sbp-qr img") || !shown(b, "a.sbp-link") {
		t.Error("a computer is not shown the QR code and the link")
	}
	b.CheckLooks(t, shots, "sbp")
	b.SetPhoneViewport(360, 740)
	if shown(b, ".sbp-qr img") || !shown(b, "a.sbp-link") {
		t.Error("a phone is shown the QR code, or not the bank-choice link")
	}
	b.SetViewport(1280, 900)

	b.ClickText("Выбрать банк и оплатить")
	if !strings.Contains(b.Text("h1"), "Демо-банк: оплата через СБП") {
		t.Fatalf("not on the demo bank app's page: %s", b.Text("body"))
	}
	b.ClickText("Оплатить " + b.Text("dd:last-of-type"))
	b.ClickText("Вернуться в личный кабинет")
	if got := b.Text(".payment-status"); !strings.Contains(got, "Оплата зачислена") {
		t.Fatalf("the СБП page says %q", got)
	}
	b.AxeClean(t)
	b.Screenshot(filepath.Join(shots, "sbp-paid-1280.png"))

	b.Open(m.URL() + "/")
	b.ClickText("История оплат ►")
	newest := browsertest.Eval[string](b, `document.querySelector(".payments-table tbody tr td:nth-child(3)").textContent`)
	if newest != kabinet.ChannelSBP.Title() {
		t.Errorf("the newest payment was made by %q, want %q", newest, kabinet.ChannelSBP.Title())
	}
	b.AxeClean(t)
	b.ClickText(browsertest.Eval[string](b, `document.querySelector(".payments-table td.receipt a").innerText`))
	if got := b.Text("h1"); got != "Кассовый чек. Приход" {
		t.Fatalf("the receipt link leads to %q", got)
	}

	// The status updates itself: the second order is paid while its page
	// is open, and the page says so without being reloaded.
	b.Open(m.URL() + "/")
	b.ClickText("Оплатить картой")
	// As typed: pay.js hears the input and the button's sum follows.
	browsertest.Eval[bool](b, `(() => { const f = document.querySelector("input[name^=amount-]"); f.value = "100,00";
		f.dispatchEvent(new Event("input", {bubbles: true})); return true })()`)
	b.ClickText("Оплатить через СБП")
	number := b.URL()[strings.LastIndex(b.URL(), "/")+1:]
	o, err := m.app.DB.FindPaymentOrderByNumber(context.Background(), number)
	if err != nil {
		t.Fatal(err)
	}
	browsertest.Eval[bool](b, `(() => { window.notReloaded = true; return true })()`)
	if err := m.app.Bank.PaySBP(context.Background(), o.GatewayID); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(20 * time.Second)
	for !strings.Contains(b.Text(".payment-status"), "Оплата зачислена") {
		if time.Now().After(deadline) {
			t.Fatalf("the status did not update itself: %q", b.Text(".payment-status"))
		}
		time.Sleep(200 * time.Millisecond)
	}
	if !browsertest.Eval[bool](b, `window.notReloaded === true`) || shown(b, ".sbp-qr img") {
		t.Error("the page was reloaded, or still shows the QR code once paid")
	}
}

// shown reports whether the element matching selector is laid out.
func shown(b *browsertest.Browser, selector string) bool {
	return browsertest.Eval[bool](b, `(() => { const e = document.querySelector("`+selector+`"); return !!e && e.getClientRects().length > 0 })()`)
}
