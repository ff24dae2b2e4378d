package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"kabinet"
	"kabinet/web/htmltest"

	"golang.org/x/net/html"
)

var bankKey = []byte("web-test-key")

// debtor is a registered account owing two providers.
func (p *portal) debtor(tb testing.TB) (*kabinet.Account, []*kabinet.SubAccount) {
	tb.Helper()
	ctx := context.Background()
	var subs []*kabinet.SubAccount
	for _, code := range []string{"IES", "BEK"} {
		pr := &kabinet.Provider{Code: code, Name: "ООО «" + code + "»", Services: []kabinet.Service{kabinet.ServiceElectricity}}
		if err := p.db.CreateProvider(ctx, pr); err != nil {
			tb.Fatal(err)
		}
		subs = append(subs, &kabinet.SubAccount{ProviderID: pr.ID, Number: code})
	}
	a := p.registered(tb, "10103001857", "Иванов", "demo2026-secret", "ivanov@example.ru", subs...)
	for i, sub := range subs {
		e := &kabinet.LedgerEntry{SubAccountID: sub.ID, Period: kabinet.Period{Year: 2026, Month: 10}, Kind: kabinet.EntryCharge,
			Amount: kabinet.Money(150000 - i*100000), PostedOn: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)}
		if err := p.db.CreateLedgerEntry(ctx, e); err != nil {
			tb.Fatal(err)
		}
	}
	return a, subs
}

func signedInAgent(t *testing.T, p *portal) *agent {
	t.Helper()
	a := newAgent(t, p)
	a.settle(a.post("/login", url.Values{"account": {"10103001857"}, "secret": {"demo2026-secret"}}))
	return a
}

func TestPay(t *testing.T) {
	p := newPortal(t, "http://kabinet.test", Config{AgentURL: "https://gorod.example/pay?ls={account}"})
	acc, subs := p.debtor(t)
	a := signedInAgent(t, p)
	path := accountPath(acc, "pay")
	f1, f2 := "amount-"+itoa(subs[0].ID), "amount-"+itoa(subs[1].ID)

	t.Run("DebtsPrefilled", func(t *testing.T) {
		wantStatus(t, a.get(path), http.StatusOK)
		d := a.doc()
		if v := attr(d.One("#"+f1), "value"); v != "1500,00" {
			t.Errorf("IES amount = %q, want 1500,00", v)
		}
		if v := attr(d.One("#"+f2), "value"); v != "500,00" {
			t.Errorf("BEK amount = %q, want 500,00", v)
		}
		if !d.Has(`a[href="https://gorod.example/pay?ls=10103001857"]`) {
			t.Error("no link to the payment agent with the account number")
		}
	})
	t.Run("ErrAmountBesideField", func(t *testing.T) {
		w := a.post(path, url.Values{"key": {"k0"}, "contact": {"ivanov@example.ru"}, f1: {"12,345"}, f2: {"100"}})
		wantStatus(t, w, http.StatusUnprocessableEntity)
		d := a.doc()
		if !strings.Contains(d.Text("#"+f1+"-error"), "Введите сумму") || attr(d.One("#"+f1), "value") != "12,345" ||
			attr(d.One("#"+f2), "value") != "100" {
			t.Fatalf("the form did not keep the input with the reason: %s", d.Text("form"))
		}
	})
	t.Run("ErrNothing", func(t *testing.T) {
		wantStatus(t, a.post(path, url.Values{"key": {"k1"}, "contact": {"ivanov@example.ru"}, f1: {""}, f2: {"0"}}), http.StatusUnprocessableEntity)
		if !strings.Contains(a.doc().Text("[role=alert]"), "Укажите сумму") {
			t.Fatal(a.doc().Text("main"))
		}
	})
	t.Run("DoubleClickOneOrder", func(t *testing.T) {
		form := url.Values{"key": {"k2"}, "contact": {"ivanov@example.ru"}, f1: {"1500,00"}, f2: {"500"}}
		first := a.post(path, form)
		wantStatus(t, first, http.StatusSeeOther)
		second := a.post(path, form)
		if first.Header().Get("Location") != second.Header().Get("Location") || !strings.Contains(first.Header().Get("Location"), "mdOrder=") {
			t.Fatalf("locations %q and %q", first.Header().Get("Location"), second.Header().Get("Location"))
		}
		os, _ := p.db.FindPaymentOrders(context.Background(), acc.ID, 10)
		if len(os) != 1 || os[0].Amount != 200000 {
			t.Fatalf("orders = %+v", os)
		}
	})
	t.Run("PaidThenReturn", func(t *testing.T) {
		os, _ := p.db.FindPaymentOrders(context.Background(), acc.ID, 1)
		if err := p.bank.Pay(context.Background(), os[0].GatewayID, int64(os[0].Amount)); err != nil {
			t.Fatal(err)
		}
		wantStatus(t, a.get("/payments/return?orderId="+os[0].GatewayID), http.StatusOK)
		if got := a.doc().Text(".payment-status"); !strings.Contains(got, "зачислена") {
			t.Fatalf("status = %q", got)
		}
		a.get(path)
		if v := attr(a.doc().One("#"+f1), "value"); v != "" {
			t.Errorf("IES amount after paying = %q, want empty", v)
		}
	})
	t.Run("ErrForgedCallback", func(t *testing.T) {
		os, _ := p.db.FindPaymentOrders(context.Background(), acc.ID, 1)
		q := url.Values{"mdOrder": {os[0].GatewayID}, "operation": {"deposited"}, "status": {"1"}, "checksum": {"00"}}
		wantStatus(t, a.get("/payments/callback?"+q.Encode()), http.StatusForbidden)
	})
	t.Run("ErrAnotherAccount", func(t *testing.T) {
		other := p.registered(t, "ИЭСБК0041300", "Петрова", "Байкал-2026-омуль", "petrova@example.ru")
		wantStatus(t, a.get(accountPath(other, "pay")), http.StatusNotFound)
	})
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func attr(n *html.Node, name string) string {
	v, _ := htmltest.Attr(n, name)
	return v
}

// TestPayOther is «Оплата другого лицевого счета» without signing in:
// uniform refusals, then the debts with the payee masked, then the bank.
func TestPayOther(t *testing.T) {
	p := newPortal(t, "http://kabinet.test", Config{})
	acc, subs := p.debtor(t)
	a := newAgent(t, p)
	wantStatus(t, a.get("/login"), http.StatusOK)
	if !a.doc().Has(`a[href="/pay"]`) {
		t.Fatal("no «Оплата другого лицевого счета» on the sign-in page")
	}
	wantStatus(t, a.get("/pay"), http.StatusOK)

	t.Run("ErrUniform", func(t *testing.T) {
		var notices []string
		for _, form := range []url.Values{{"account": {"10103001857"}, "surname": {"Петров"}}, {"account": {"10103009999"}, "surname": {"Иванов"}}} {
			wantStatus(t, a.post("/pay", form), statusSignInRefused)
			notices = append(notices, a.doc().Text("[role=alert]"))
			if attr(a.doc().One("#account"), "value") != form.Get("account") {
				t.Error("the number typed was not kept")
			}
		}
		if notices[0] != notices[1] || notices[0] == "" {
			t.Fatalf("notices %q differ", notices)
		}
	})
	t.Run("ErrEmpty", func(t *testing.T) {
		wantStatus(t, a.post("/pay", url.Values{"account": {"10103001857"}}), http.StatusUnprocessableEntity)
		if a.doc().Text("#surname-error") == "" {
			t.Fatal("no reason beside the surname")
		}
	})
	t.Run("DebtsThenBank", func(t *testing.T) {
		wantStatus(t, a.post("/pay", url.Values{"account": {"10103001857"}, "surname": {"иванов"}}), http.StatusOK)
		d := a.doc()
		if got := d.Text(".payee"); got != "И****в А. С." {
			t.Errorf("payee = %q", got)
		}
		if strings.Contains(d.Text("main"), "Байкальская") {
			t.Error("the address is shown")
		}
		f1 := "amount-" + itoa(subs[0].ID)
		if attr(d.One("#"+f1), "value") != "1500,00" {
			t.Fatalf("debt not prefilled: %s", d.Text("form"))
		}
		key := attr(d.One(`input[name="key"]`), "value")
		form := url.Values{"key": {key}, "contact": {"+7 950 123-45-67"}, "account": {"10103001857"}, "surname": {"иванов"}, f1: {"100"}}
		w := a.post("/pay/order", form)
		wantStatus(t, w, http.StatusSeeOther)
		os, _ := p.db.FindPaymentOrders(context.Background(), acc.ID, 10)
		if len(os) != 1 || os[0].Amount != 10000 || !strings.Contains(w.Header().Get("Location"), os[0].GatewayID) {
			t.Fatalf("orders = %+v, location %s", os, w.Header().Get("Location"))
		}
		form.Set("surname", "Петров")
		wantStatus(t, a.post("/pay/order", form), statusSignInRefused)
	})
}
