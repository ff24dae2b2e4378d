package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"kabinet"
	"kabinet/web/htmltest"

	"golang.org/x/net/html"
)

// TestAutopay is PAY-2 in the portal: «Подключить автоплатеж» on the pay
// form, its mistakes beside the fields, the first payment saving the
// card, the autopay page, and turning it off.
func TestAutopay(t *testing.T) {
	p := newPortal(t, "http://kabinet.test", Config{})
	acc, subs := p.debtor(t)
	a := signedInAgent(t, p)
	path, page := accountPath(acc, "pay"), accountPath(acc, "autopay")
	f1 := "amount-" + itoa(subs[0].ID)

	wantStatus(t, a.get(page), http.StatusOK)
	if !strings.Contains(a.doc().Text("main"), "Чтобы подключить автоплатеж") || a.doc().Has(`form[action="`+page+`/off"]`) {
		t.Fatalf("autopay page before autopay: %s", a.doc().Text("main"))
	}
	wantStatus(t, a.get(path), http.StatusOK)
	if d := a.doc(); !d.Has("#autopay") || attr(d.One("#autopay-day"), "value") != "15" || !d.Has(`a[href="`+page+`"]`) {
		t.Fatalf("no «Подключить автоплатеж» on the pay form: %s", d.Text("form"))
	}

	t.Run("ErrFieldsBeside", func(t *testing.T) {
		w := a.post(path, url.Values{"key": {"a0"}, f1: {"100"}, "autopay": {"1"}, "autopay-mode": {"cap"}, "autopay-cap": {""},
			"autopay-day": {"31"}})
		wantStatus(t, w, http.StatusUnprocessableEntity)
		d := a.doc()
		if d.Text("#autopay-cap-error") == "" || !strings.Contains(d.Text("#autopay-day-error"), "от 1 до 28") {
			t.Fatalf("no reasons beside the fields: %s", d.Text("form"))
		}
		if !hasAttr(d.One("#autopay"), "checked") || attr(d.One("#autopay-day"), "value") != "31" ||
			!hasAttr(d.One("#autopay-mode-cap"), "checked") || attr(d.One("#"+f1), "value") != "100" {
			t.Errorf("the form did not keep what was typed: %s", d.Text("form"))
		}
		if os, _ := p.db.FindPaymentOrders(context.Background(), acc.ID, 10); len(os) != 0 {
			t.Errorf("orders made from a wrong form: %d", len(os))
		}
	})
	t.Run("FirstPaymentTurnsItOn", func(t *testing.T) {
		w := a.post(path, url.Values{"key": {"a1"}, f1: {"1500,00"}, "autopay": {"1"}, "autopay-mode": {"cap"},
			"autopay-cap": {"1000"}, "autopay-day": {"5"}})
		wantStatus(t, w, http.StatusSeeOther)
		os, _ := p.db.FindPaymentOrders(context.Background(), acc.ID, 1)
		if len(os) != 1 || !strings.Contains(w.Header().Get("Location"), os[0].GatewayID) {
			t.Fatalf("orders = %+v", os)
		}
		if o, _ := p.bank.Order(os[0].GatewayID); o.ClientID == "" {
			t.Fatal("the order does not ask the bank to save the card")
		}
		if err := p.bank.PayAndBind(context.Background(), os[0].GatewayID); err != nil {
			t.Fatal(err)
		}
		wantStatus(t, a.get(page), http.StatusOK)
		d := a.doc()
		if d.Text(".autopay-state") != "Подключен" || !strings.Contains(d.Text(".autopay-card"), "1111") ||
			!strings.HasPrefix(d.Text(".autopay-mode"), "не более 1") || !strings.Contains(d.Text(".autopay-mode"), "000,00") || !d.Has(`form[action="`+page+`/off"]`) {
			t.Fatalf("autopay page: %s", d.Text("main"))
		}
	})
	t.Run("TurnOff", func(t *testing.T) {
		v, _ := p.Server.portal.payments.Autopay(context.Background(), acc.ID)
		a.settle(a.post(page+"/off", url.Values{}))
		d := a.doc()
		if !strings.Contains(d.Text("main"), "Автоплатеж отключен") || !strings.HasPrefix(d.Text(".autopay-state"), "Отключен") {
			t.Fatalf("after turning off: %s", d.Text("main"))
		}
		if p.bank.BindingActive(v.Rule.BindingID) {
			t.Error("the card is still bound at the bank")
		}
		if got, _ := p.Server.portal.payments.Autopay(context.Background(), acc.ID); got.Rule.State != kabinet.AutopayStopped {
			t.Errorf("rule = %+v", got.Rule)
		}
	})
}

func hasAttr(n *html.Node, name string) bool {
	_, ok := htmltest.Attr(n, name)
	return ok
}
