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
	"kabinet/billing"
	"kabinet/billrun"
	"kabinet/demo"
	"kabinet/web/htmltest"
)

// demoPortal is a portal over the documented demo accounts with a year of
// history, November 2026 closed by the real month close (so there are
// bills), on 2 December 2026.
type demoPortal struct {
	*portal
	ivanov, kuznetsova *kabinet.Account
}

func newDemoPortal(t *testing.T, baseURL string) *demoPortal {
	t.Helper()
	ctx := context.Background()
	p := newPortal(t, baseURL, Config{DevOutbox: true})
	if _, err := demo.Build(ctx, p.db, demo.Options{Seed: 1, Location: irkutsk, Today: p.clock.Now()}); err != nil {
		t.Fatal(err)
	}
	p.clock.Add(5 * 24 * time.Hour) // 2 December
	e := billrun.New(p.db, kabinet.Calendar{Location: irkutsk, Clock: p.clock.Now})
	if _, err := e.Close(ctx, kabinet.Period{Year: 2026, Month: time.November}); err != nil {
		t.Fatal(err)
	}
	d := &demoPortal{portal: p}
	for _, a := range []**kabinet.Account{&d.ivanov, &d.kuznetsova} {
		n := map[**kabinet.Account]string{&d.ivanov: "10103001857", &d.kuznetsova: "ИЭСБК0077001"}[a]
		found, err := p.db.FindAccountByNumber(ctx, kabinet.MustParseAccountNumber(n))
		if err != nil {
			t.Fatal(err)
		}
		*a = found
	}
	return d
}

// signedIn is an agent signed in to a documented registered account.
func (d *demoPortal) signedIn(t *testing.T, number string) *agent {
	t.Helper()
	a := newAgent(t, d.Handler())
	a.follow(a.post("/login", url.Values{"account": {number}, "secret": {demo.DemoPassword}}), "/")
	wantStatus(t, a.last, http.StatusOK)
	return a
}

func (d *demoPortal) ledger(t *testing.T, subID int64) []*kabinet.LedgerEntry {
	t.Helper()
	es, err := d.db.FindLedgerEntries(context.Background(), kabinet.LedgerFilter{SubAccountID: subID, Limit: 100000})
	if err != nil {
		t.Fatal(err)
	}
	return es
}

func TestHomeDebtPerProvider(t *testing.T) {
	d := newDemoPortal(t, "http://portal.test")
	a := d.signedIn(t, "10103001857")
	w := a.get(accountPath(d.ivanov, ""))
	wantStatus(t, w, http.StatusOK)
	doc := a.doc()
	subs, err := d.db.FindSubAccounts(context.Background(), d.ivanov.ID)
	if err != nil || len(subs) != 2 {
		t.Fatalf("Иванов's sub-accounts = %d, %v; want electricity and heat", len(subs), err)
	}
	balances := doc.Find(".balance")
	if len(balances) != len(subs) {
		t.Fatalf("%d balances shown, want %d", len(balances), len(subs))
	}
	today := d.clock.Now().In(irkutsk)
	for i, sub := range subs {
		entries := d.ledger(t, sub.ID)
		var debt, penalties kabinet.Money
		for _, e := range entries {
			debt += e.Amount
			if e.Kind == kabinet.EntryPenalty {
				penalties += e.Amount
			}
		}
		if debt <= 0 {
			t.Fatalf("Иванов owes nothing on %s: the demo promises a debt", sub.Number)
		}
		t.Run("Provider"+strconv.Itoa(i+1), func(t *testing.T) {
			b := doc.Sub(balances[i])
			if got := b.Text(".sub-account"); got != sub.Number {
				t.Errorf("sub-account = %q, want %q", got, sub.Number)
			}
			if got := b.Text(".balance-label"); !strings.HasPrefix(got, "Задолженность перед ООО «Демо-") {
				t.Errorf("label = %q", got)
			}
			if got := b.Text(".balance-amount"); got != collapse(debt.String()) {
				t.Errorf("debt = %q, the ledger sums to %q", got, debt.String())
			}
			if got := b.Text(".balance-penalties"); got != collapse("в т.ч. пени "+min(penalties, debt).String()) {
				t.Errorf("penalties = %q, the ledger has %s", got, penalties)
			}
			f, err := billing.DefaultPenaltyRules().ForecastLedger(entries, billing.DefaultDueRules(), today)
			if err != nil || f.Pay <= 0 {
				t.Fatalf("forecast %+v, %v", f, err)
			}
			// The date is the bill's «Оплатить до» until it passes.
			want := "Оплатите " + f.Pay.String() + " до " + f.Due.Format("02.01.2006") + " — срок оплаты по счету"
			if f.Overdue {
				want = "Срок оплаты по счету " + f.Due.Format("02.01.2006") + " прошел. Оплатите " + f.Pay.String() +
					" до " + f.By.Format("02.01.2006") + ", чтобы не начислялись пени"
			}
			if f.PerDay > 0 {
				want = "Пени начисляются: " + f.PerDay.String() + " в день. Оплатите " + f.Pay.String() + " как можно скорее, чтобы они не росли"
			}
			if got := b.Text(".forecast"); got != collapse(want) {
				t.Errorf("forecast = %q, want %q", got, want)
			}
			b.One(`a[href="` + accountPath(d.ivanov, "payments?provider="+strconv.FormatInt(sub.ProviderID, 10)) + `"]`)
		})
	}
}

func TestHomeOverpaidSaysSo(t *testing.T) {
	d := newDemoPortal(t, "http://portal.test")
	subs, _ := d.db.FindSubAccounts(context.Background(), d.kuznetsova.ID)
	pay := &kabinet.LedgerEntry{SubAccountID: subs[0].ID, Period: kabinet.Period{Year: 2026, Month: 12}, Kind: kabinet.EntryPayment,
		Amount: -1_000_000_00, PostedOn: d.clock.Now(), Channel: kabinet.ChannelBank}
	if err := d.db.CreateLedgerEntry(context.Background(), pay); err != nil {
		t.Fatal(err)
	}
	a := d.signedIn(t, "ИЭСБК0077001")
	doc := a.doc()
	if got := htmltest.Text(doc.Find(".balance-label")[0]); !strings.HasPrefix(got, "Переплата перед ") {
		t.Errorf("label = %q", got)
	}
	if doc.Has(".balance-overpaid .forecast") {
		t.Error("a forecast for an overpaid provider")
	}
}

func TestPaymentHistory(t *testing.T) {
	d := newDemoPortal(t, "http://portal.test")
	a := d.signedIn(t, "10103001857")
	subs, _ := d.db.FindSubAccounts(context.Background(), d.ivanov.ID)
	sub := subs[0]
	var pays []*kabinet.LedgerEntry
	for _, e := range d.ledger(t, sub.ID) {
		if e.Kind == kabinet.EntryPayment {
			pays = append(pays, e)
		}
	}
	if len(pays) < 2 {
		t.Fatalf("%d payments in the demo history", len(pays))
	}
	w := a.get(accountPath(d.ivanov, "payments?provider="+strconv.FormatInt(sub.ProviderID, 10)))
	wantStatus(t, w, http.StatusOK)
	doc := a.doc()
	rows := doc.Find(".payments-table tbody tr")
	if len(rows) != len(pays) || len(doc.Find(".payments")) != 1 {
		t.Fatalf("%d rows in %d sections, the ledger has %d payments", len(rows), len(doc.Find(".payments")), len(pays))
	}
	first := doc.Sub(rows[0]).Find("td")
	if got := htmltest.Text(first[0]); got != pays[0].PostedOn.Format("02.01.2006") {
		t.Errorf("newest payment on %q, want %s", got, pays[0].PostedOn.Format("02.01.2006"))
	}
	if got := htmltest.Text(first[1]); got != collapse((-pays[0].Amount).String()) {
		t.Errorf("amount = %q, want %s", got, -pays[0].Amount)
	}
	if got := htmltest.Text(first[2]); got != pays[0].Channel.Title() || got == "" {
		t.Errorf("channel = %q, want %q", got, pays[0].Channel.Title())
	}
	for i := 1; i < len(pays); i++ {
		if pays[i].PostedOn.After(pays[i-1].PostedOn) {
			t.Fatal("payments not newest first")
		}
	}
	t.Run("AllProviders", func(t *testing.T) {
		wantStatus(t, a.get(accountPath(d.ivanov, "payments")), http.StatusOK)
		if n := len(a.doc().Find(".payments")); n != 2 {
			t.Errorf("%d providers, want 2", n)
		}
	})
	t.Run("ErrProviderOfNoSubAccount", func(t *testing.T) {
		for _, q := range []string{"999", "abc", "-1"} {
			wantStatus(t, a.get(accountPath(d.ivanov, "payments?provider="+q)), http.StatusNotFound)
		}
	})
	t.Run("ErrOtherAccount", func(t *testing.T) {
		wantStatus(t, a.get(accountPath(d.kuznetsova, "payments")), http.StatusNotFound)
	})
}

func TestBillPDF(t *testing.T) {
	d := newDemoPortal(t, "http://portal.test")
	a := d.signedIn(t, "10103001857")
	doc := a.doc()
	bill := accountPath(d.ivanov, "bills/2026-11.pdf")
	link := doc.One(`.bills a[href="` + bill + `"][target=_blank]`)
	if got := doc.Sub(link).Text("span"); got != "за Ноябрь 2026 (PDF, откроется в новой вкладке)" {
		t.Errorf("link's hidden text = %q", got)
	}
	doc.One(`a[href="` + accountPath(d.ivanov, "bills/sample.pdf") + `"]`)
	for _, path := range []string{bill, accountPath(d.ivanov, "bills/sample.pdf")} {
		w := a.get(path)
		wantStatus(t, w, http.StatusOK)
		if ct := w.Header().Get("Content-Type"); ct != "application/pdf" {
			t.Errorf("%s: Content-Type = %q", path, ct)
		}
		if cd := w.Header().Get("Content-Disposition"); !strings.HasPrefix(cd, `inline; filename="`) || !strings.Contains(cd, "10103001857") {
			t.Errorf("%s: Content-Disposition = %q", path, cd)
		}
		if !strings.HasPrefix(w.Body.String(), "%PDF-") || w.Body.Len() < 10000 {
			t.Errorf("%s: not a PDF (%d bytes)", path, w.Body.Len())
		}
	}
	t.Run("ErrNoBillForThePeriod", func(t *testing.T) {
		for _, p := range []string{"2025-10.pdf", "2026-12.pdf", "2026-11", "2026-1.pdf", "x.pdf"} {
			wantStatus(t, a.get(accountPath(d.ivanov, "bills/"+p)), http.StatusNotFound)
		}
	})
	t.Run("ErrBillOfAnotherAccount", func(t *testing.T) {
		if _, err := d.db.FindBill(context.Background(), d.kuznetsova.ID, kabinet.Period{Year: 2026, Month: 11}); err != nil {
			t.Fatalf("Кузнецова has no November bill: %v", err)
		}
		wantStatus(t, a.get(accountPath(d.kuznetsova, "bills/2026-11.pdf")), http.StatusNotFound)
		wantStatus(t, a.get(accountPath(d.kuznetsova, "bills/sample.pdf")), http.StatusNotFound)
	})
}

func TestConsumptionChart(t *testing.T) {
	d := newDemoPortal(t, "http://portal.test")
	a := d.signedIn(t, "10103001857")
	doc := a.doc()
	charts := doc.Find("figure.chart")
	if len(charts) != 2 {
		t.Fatalf("%d charts, want electricity and heat", len(charts))
	}
	el := doc.Sub(charts[0])
	if got := el.Text("figcaption"); got != "Электроэнергия, кВт·ч" {
		t.Errorf("caption = %q", got)
	}
	el.One(`svg[role=img] > title`)
	rows := el.Find("details table tbody tr")
	if len(rows) != 12 {
		t.Fatalf("%d months in the table, want 12", len(rows))
	}
	last := el.Sub(rows[11])
	if got := last.Text("th"); got != "Ноябрь 2026" {
		t.Errorf("last month = %q, want the last closed one", got)
	}
	if bars := el.Find("rect.chart-bar"); len(bars) != 12 {
		t.Errorf("%d bars of this year, want 12", len(bars))
	}
	if got := doc.Sub(charts[1]).Text("figcaption"); got != "Теплоснабжение, ₽" {
		t.Errorf("heat caption = %q", got)
	}
}

// collapse collapses white space, no-break spaces included, as
// htmltest.Text does.
func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }
