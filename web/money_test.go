package web

import (
	"bytes"
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"kabinet"
	"kabinet/web/htmltest"
)

// TestPayAll is «Итого к оплате» and «Оплатить всё» on «Главная»: the
// total of the debts, one order paying each provider its debt, refused
// with the new total when the debts changed, and gone once all is paid.
func TestPayAll(t *testing.T) {
	p := newPortal(t, "http://kabinet.test", Config{})
	acc, subs := p.debtor(t) // 1 500,00 ₽ and 500,00 ₽
	a := signedInAgent(t, p)
	home, all := accountPath(acc, ""), accountPath(acc, "pay/all")
	form := func() url.Values {
		wantStatus(t, a.get(home), http.StatusOK)
		d := a.doc()
		f := url.Values{}
		for _, in := range d.Find(`form[action="` + all + `"] input[type=hidden]`) {
			f.Set(attr(in, "name"), attr(in, "value"))
		}
		return f
	}

	t.Run("TotalOnHome", func(t *testing.T) {
		f := form()
		d := a.doc()
		if got := d.Text(".pay-total"); got != "Итого к оплате: 2 000,00 ₽" {
			t.Errorf("total = %q", got)
		}
		if got := d.Text(`form[action="` + all + `"] button`); got != "Оплатить всё: 2 000,00 ₽" {
			t.Errorf("button = %q", got)
		}
		if f.Get("total") != "200000" || f.Get("key") == "" {
			t.Errorf("hidden fields %v", f)
		}
	})
	t.Run("ErrTotalChanged", func(t *testing.T) {
		f := form()
		f.Set("total", "150000")
		wantStatus(t, a.post(all, f), http.StatusConflict)
		d := a.doc()
		if !strings.Contains(d.Text("[role=alert]"), "Сумма к оплате изменилась") {
			t.Errorf("notice = %q", d.Text("[role=alert]"))
		}
		if got := d.Text("button[data-pay-sum]"); got != "Оплатить 2 000,00 ₽" {
			t.Errorf("the form's button = %q", got)
		}
		if os, _ := p.db.FindPaymentOrders(context.Background(), acc.ID, 10); len(os) != 0 {
			t.Fatalf("orders made: %+v", os)
		}
	})
	t.Run("ErrBadForm", func(t *testing.T) {
		f := form()
		f.Set("total", "две тысячи") // not what the page sent: a bad request
		wantStatus(t, a.post(all, f), http.StatusBadRequest)
		if got := a.doc().Text(".error-message"); got != "Неверная форма оплаты" {
			t.Errorf("message = %q", got)
		}
	})
	t.Run("OneOrderEveryProvider", func(t *testing.T) {
		w := a.post(all, form())
		wantStatus(t, w, http.StatusSeeOther)
		os, _ := p.db.FindPaymentOrders(context.Background(), acc.ID, 10)
		if len(os) != 1 || os[0].Amount != 200000 || len(os[0].Parts) != 2 || !strings.Contains(w.Header().Get("Location"), os[0].GatewayID) {
			t.Fatalf("orders = %+v, location %q", os, w.Header().Get("Location"))
		}
		if err := p.bank.Pay(context.Background(), os[0].GatewayID, int64(os[0].Amount)); err != nil {
			t.Fatal(err)
		}
		for _, sub := range subs {
			tot, _ := p.db.FindTotals(context.Background(), sub.ID)
			if d := tot.Balance().Debt; d != 0 {
				t.Errorf("sub-account %s owes %s after paying all", sub.Number, d)
			}
		}
		wantStatus(t, a.get(home), http.StatusOK)
		d := a.doc()
		if got := d.Text(".pay-total"); got != "Итого к оплате: 0,00 ₽" || d.Has(`form[action="`+all+`"]`) {
			t.Errorf("after paying: total %q, «Оплатить всё» shown: %v", got, d.Has(`form[action="`+all+`"]`))
		}
	})
	t.Run("ErrNothingOwed", func(t *testing.T) {
		wantStatus(t, a.post(all, url.Values{"key": {"late"}, "total": {"0"}}), http.StatusUnprocessableEntity)
		if got := a.doc().Text("[role=alert]"); got != "Задолженности нет: оплачивать нечего." {
			t.Errorf("notice = %q", got)
		}
	})
}

// TestPayButtonSaysTheSum: the pay page's total, its button with the sum
// of the amounts, and amounts changed without script (the button's sum
// no longer theirs) shown again with the new sum before anything is paid.
func TestPayButtonSaysTheSum(t *testing.T) {
	p := newPortal(t, "http://kabinet.test", Config{})
	acc, subs := p.debtor(t)
	a := signedInAgent(t, p)
	path := accountPath(acc, "pay")
	f1, f2 := "amount-"+itoa(subs[0].ID), "amount-"+itoa(subs[1].ID)
	wantStatus(t, a.get(path), http.StatusOK)
	d := a.doc()
	if got := d.Text(".pay-total"); got != "Итого к оплате: 2 000,00 ₽" {
		t.Errorf("total = %q", got)
	}
	if got := d.Text("button[data-pay-sum]"); got != "Оплатить 2 000,00 ₽" {
		t.Errorf("button = %q", got)
	}
	wantValue(t, d.One(`input[name="total"]`), "200000")
	key := attr(d.One(`input[name="key"]`), "value")
	form := url.Values{"key": {key}, "contact": {"ivanov@example.ru"}, "method": {"card"}, "total": {"200000"},
		f1: {"1100"}, f2: {"500,00"}}

	t.Run("ErrSumChanged", func(t *testing.T) {
		wantStatus(t, a.post(path, form), http.StatusUnprocessableEntity)
		d := a.doc()
		if got := d.Text("[role=alert]"); !strings.Contains(got, "Сумма к оплате теперь 1 600,00 ₽") {
			t.Errorf("notice = %q", got)
		}
		if got := d.Text("button[data-pay-sum]"); got != "Оплатить 1 600,00 ₽" {
			t.Errorf("button = %q", got)
		}
		wantValue(t, d.One("#"+f1), "1100")
		wantValue(t, d.One(`input[name="total"]`), "160000")
		if os, _ := p.db.FindPaymentOrders(context.Background(), acc.ID, 10); len(os) != 0 {
			t.Fatalf("orders made: %+v", os)
		}
	})
	t.Run("OKTheSumSaid", func(t *testing.T) {
		form.Set("total", "160000")
		wantStatus(t, a.post(path, form), http.StatusSeeOther)
		os, _ := p.db.FindPaymentOrders(context.Background(), acc.ID, 10)
		if len(os) != 1 || os[0].Amount != 160000 {
			t.Fatalf("orders = %+v", os)
		}
	})
}

// TestCharges is «Начисления и оплаты»: every provider's months with what
// its bill says, a link to each bill, reached from «Главная».
func TestCharges(t *testing.T) {
	d := newDemoPortal(t, "http://portal.test")
	a := d.signedIn(t, "10103001857")
	path := accountPath(d.ivanov, "charges")
	a.doc().One(`a.form-link[href="` + path + `"]`)
	a.doc().One(`a[href="/pay"]`) // «Оплата другого лицевого счета» under the bills
	wantStatus(t, a.get(path), http.StatusOK)
	doc := a.doc()
	bills, err := d.db.FindBills(context.Background(), d.ivanov.ID, 100)
	if err != nil || len(bills) == 0 {
		t.Fatalf("bills %v, %v", bills, err)
	}
	rows := 0
	for _, b := range bills {
		for _, bp := range b.Data.Providers {
			section := chargesSection(t, doc, bp.Provider.Name)
			row := chargesRow(t, section, capitalize(b.Period.Title()))
			want := []string{bp.OpeningBalance.Plain(), bp.Charged().Plain(), bp.Adjustments.Plain(), bp.Penalties.Plain(),
				bp.Payments.Plain(), max(bp.ToPay, 0).Plain()}
			cells := row.Find("td.amount")
			for i, td := range cells {
				got := htmltest.Text(td)
				if i == len(cells)-1 { // к оплате, an overpayment below it
					got = row.Text("td.to-pay strong")
				}
				if w := strings.Join(strings.Fields(want[i]), " "); got != w {
					t.Errorf("%s, %s, column %d: %q, the bill says %q", bp.Provider.Name, b.Period.Title(), i+2, got, w)
				}
			}
			if len(cells) != len(want) {
				t.Errorf("%d amounts in a row, want %d", len(cells), len(want))
			}
			row.One(`a[href="` + accountPath(d.ivanov, "bills/"+b.Period.String()+".pdf") + `"]`)
			rows++
		}
	}
	if n := len(doc.Find(".charges-table tbody tr")); n != rows {
		t.Errorf("%d rows, the bills have %d", n, rows)
	}
	t.Run("ErrOtherAccount", func(t *testing.T) {
		wantStatus(t, a.get(accountPath(d.kuznetsova, "charges")), http.StatusNotFound)
	})
}

// chargesSection is the provider's part of «Начисления».
func chargesSection(t *testing.T, doc *htmltest.Doc, provider string) *htmltest.Doc {
	t.Helper()
	for _, s := range doc.Find("section.charges") {
		if sd := doc.Sub(s); sd.Text("h2") == strings.Join(strings.Fields(provider), " ") {
			return sd
		}
	}
	t.Fatalf("no section of %s", provider)
	return nil
}

// chargesRow is a month's row of a provider's table.
func chargesRow(t *testing.T, section *htmltest.Doc, period string) *htmltest.Doc {
	t.Helper()
	for _, tr := range section.Find("tbody tr") {
		if r := section.Sub(tr); r.Text("th") == period {
			return r
		}
	}
	t.Fatalf("no row of %s", period)
	return nil
}

// TestStatementDownload: «Скачать PDF» gives the statement the letter
// carries, without an e-mail and sending nothing; a bad form is refused
// beside its field.
func TestStatementDownload(t *testing.T) {
	d := newDemoPortal(t, "http://portal.test")
	a := d.signedIn(t, "10103001857")
	action := accountPath(d.ivanov, "statement")
	form := url.Values{"full_name": {"Иванов Иван Иванович"}, "address": {"Иркутск"}, "service": {"electricity"},
		"from": {"2026-01-01"}, "to": {"2026-11-30"}, "email": {""}, "do": {"download"}}
	t.Run("ErrDates", func(t *testing.T) {
		bad := url.Values{}
		for k, v := range form {
			bad[k] = v
		}
		bad.Set("to", "2025-12-31")
		wantStatus(t, a.post(action, bad), http.StatusUnprocessableEntity)
		if got := a.doc().Text("#from-error"); !strings.Contains(got, "не позже конечной") {
			t.Errorf("error = %q", got)
		}
		wantValue(t, a.doc().One("#to"), "2025-12-31")
	})
	w := a.post(action, form)
	wantStatus(t, w, http.StatusOK)
	if cd := w.Header().Get("Content-Disposition"); cd != `attachment; filename="akt-sverki-2026-01-01-2026-11-30.pdf"` {
		t.Errorf("Content-Disposition = %q", cd)
	}
	got := w.Body.Bytes()
	if ms, _ := d.db.FindMessages(context.Background(), kabinet.ChannelEmail, 10); len(ms) != 0 {
		t.Fatalf("a download sent %d letters", len(ms))
	}
	form.Set("email", "ivanov@example.ru")
	form.Del("do")
	a.follow(a.post(action, form), accountPath(d.ivanov, "requests"))
	ms, err := d.db.FindMessages(context.Background(), kabinet.ChannelEmail, 1)
	if err != nil || len(ms) != 1 {
		t.Fatalf("letters %v, %v", ms, err)
	}
	m, err := d.db.FindMessageByID(context.Background(), ms[0].ID)
	if err != nil || len(m.Attachments) != 1 {
		t.Fatalf("attachments %+v, %v", m, err)
	}
	if !bytes.Equal(m.Attachments[0].Data, got) || m.Attachments[0].Name != "akt-sverki-2026-01-01-2026-11-30.pdf" {
		t.Errorf("the downloaded PDF (%d bytes) is not the letter's %s (%d bytes)", len(got), m.Attachments[0].Name, len(m.Attachments[0].Data))
	}
}
