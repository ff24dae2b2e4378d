package web

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestSBP walks «Оплатить через СБП» without scripts: the order, the page
// with the QR code, the link and a reload, the status as JSON for sbp.js,
// and the receipt beside the payment in «История оплат».
func TestSBP(t *testing.T) {
	p := newPortal(t, "http://kabinet.test", Config{})
	acc, subs := p.debtor(t)
	a := signedInAgent(t, p)
	path := accountPath(acc, "pay")
	f1 := "amount-" + itoa(subs[0].ID)

	t.Run("ContactPrefilled", func(t *testing.T) {
		wantStatus(t, a.get(path), http.StatusOK)
		if v := attr(a.doc().One("#contact"), "value"); v != "ivanov@example.ru" {
			t.Errorf("contact = %q", v)
		}
	})
	t.Run("ErrContact", func(t *testing.T) {
		w := a.post(path, url.Values{"key": {"s0"}, "method": {"sbp"}, "contact": {"Иванов"}, f1: {"100"}})
		wantStatus(t, w, http.StatusUnprocessableEntity)
		d := a.doc()
		if !strings.Contains(d.Text("#contact-error"), "электронной почты или номер") || attr(d.One("#contact"), "value") != "Иванов" {
			t.Fatalf("contact error %q, value kept %q", d.Text("#contact-error"), attr(d.One("#contact"), "value"))
		}
	})
	var sbp string
	t.Run("Order", func(t *testing.T) {
		w := a.post(path, url.Values{"key": {"s1"}, "method": {"sbp"}, "contact": {"+7 950 123-45-67"}, f1: {"1500,00"}})
		wantStatus(t, w, http.StatusSeeOther)
		sbp = w.Header().Get("Location")
		if !strings.HasPrefix(sbp, "/payments/sbp/K") {
			t.Fatalf("location = %q", sbp)
		}
		wantStatus(t, a.get(sbp), http.StatusOK)
		d := a.doc()
		if !strings.HasPrefix(attr(d.One(".sbp-qr img"), "src"), "data:image/png;base64,") {
			t.Errorf("QR src = %.40q", attr(d.One(".sbp-qr img"), "src"))
		}
		// The demo bank's page standing for the payer's bank app; a real
		// bank's link is https://qr.nspk.ru/….
		if !strings.HasPrefix(attr(d.One("a.sbp-link"), "href"), "/dev/bank/sbp/app/") {
			t.Errorf("link = %q", attr(d.One("a.sbp-link"), "href"))
		}
		if got := d.Text(".payment-status"); !strings.Contains(got, "Ожидаем оплату") {
			t.Errorf("status = %q", got)
		}
		if !d.Has("noscript") || !strings.Contains(a.doc().Text("main"), "обновляется каждые 5 секунд") {
			t.Error("no reload without scripts")
		}
	})
	t.Run("Paid", func(t *testing.T) {
		os, _ := p.db.FindPaymentOrders(context.Background(), acc.ID, 1)
		if err := p.bank.PaySBP(context.Background(), os[0].GatewayID); err != nil {
			t.Fatal(err)
		}
		w := a.get(sbp + "/status")
		wantStatus(t, w, http.StatusOK)
		var st SBPStatus
		if err := json.Unmarshal(w.Body.Bytes(), &st); err != nil || !st.Paid || !st.Done || !strings.Contains(st.Text, "Оплата зачислена") {
			t.Fatalf("status = %+v, %v: %s", st, err, w.Body)
		}
		wantStatus(t, a.get(sbp), http.StatusOK)
		d := a.doc()
		if strings.Contains(d.Text("main"), "Выбрать банк") || d.Has("noscript") {
			t.Error("a paid order still offers the QR code or reloads")
		}
		if !d.Has(`a[href="` + accountPath(acc, "payments") + `"]`) {
			t.Error("no way to the receipt in «История оплат»")
		}
		wantStatus(t, a.get(accountPath(acc, "payments")), http.StatusOK)
		d = a.doc()
		if got := d.Text(".payments-table tbody"); !strings.Contains(got, "СБП") {
			t.Errorf("payments = %q", got)
		}
		if href := attr(d.One(".payments-table td.receipt a"), "href"); !strings.Contains(href, "/ofd/") {
			t.Errorf("receipt link = %q", href)
		}
	})
	t.Run("AnotherAccountSignedOut", func(t *testing.T) {
		b := newAgent(t, p)
		wantStatus(t, b.get("/pay"), http.StatusOK)
		w := b.post("/pay", url.Values{"account": {"10103001857"}, "surname": {"иванов"}})
		wantStatus(t, w, http.StatusOK)
		key := attr(b.doc().One(`input[name="key"]`), "value")
		if v := attr(b.doc().One("#contact"), "value"); v != "" {
			t.Errorf("a stranger's form is prefilled with %q", v)
		}
		w = b.post("/pay/order", url.Values{"key": {key}, "method": {"sbp"}, "contact": {"petrov@example.ru"},
			"account": {"10103001857"}, "surname": {"иванов"}, f1: {"10"}})
		wantStatus(t, w, http.StatusSeeOther)
		loc := w.Header().Get("Location")
		if !strings.HasPrefix(loc, "/payments/sbp/K") {
			t.Fatalf("location = %q", loc)
		}
		wantStatus(t, b.get(loc), http.StatusOK)
		if attr(b.doc().One(".sbp-back a"), "href") != "/" {
			t.Error("a stranger is sent back into the account")
		}
	})
	t.Run("ErrUnknownOrder", func(t *testing.T) {
		wantStatus(t, a.get("/payments/sbp/KNOSUCHORDER"), http.StatusNotFound)
	})
}
