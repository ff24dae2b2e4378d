package payments_test

import (
	"context"
	"database/sql"
	"errors"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"kabinet"
	"kabinet/payments"
	"kabinet/sberbank"
	"kabinet/sqlstore"
	"kabinet/sqlstore/sqlstoretest"
)

// noJobs accepts the outbox's delivery jobs; the tests read the outbox.
type noJobs struct{}

func (noJobs) InsertTx(context.Context, *sql.Tx, sqlstore.JobArgs) error { return nil }

// cut is the network between the portal and the bank with a kill switch:
// armed, it lets one recurrentPayment.do die before the bank gets it
// (the scheduler killed right after its claim) or after the bank has
// charged (killed before the answer was read).
type cut struct {
	next   http.RoundTripper
	mode   atomic.Value // "", "before" or "after"
	cancel context.CancelFunc
}

func (c *cut) RoundTrip(r *http.Request) (*http.Response, error) {
	mode, _ := c.mode.Load().(string)
	if mode == "" || !strings.HasSuffix(r.URL.Path, "/recurrentPayment.do") {
		return c.next.RoundTrip(r)
	}
	c.mode.Store("")
	if mode == "after" {
		res, err := c.next.RoundTrip(r)
		if err == nil {
			res.Body.Close()
		}
	}
	c.cancel()
	return nil, context.Canceled
}

// autopayFixture is the payments fixture with a customer who turned on
// autopay, the network to the bank behind a kill switch, and a bill for
// March 2026 (IES 1 500,00 ₽, BEK 500,00 ₽) issued on 1 April.
type autopayFixture struct {
	*fixture
	net  *cut
	user *kabinet.User
	rule *kabinet.AutopayRule
	bill *kabinet.Bill
}

func newAutopayFixture(t *testing.T, dsn string, form payments.AutopayForm) *autopayFixture {
	t.Helper()
	f := &autopayFixture{fixture: newFixture(t, dsn, sqlstore.WithJobInserter(noJobs{})), net: &cut{next: http.DefaultTransport}}
	gw := f.svc.Gateway().(*sberbank.Gateway)
	gw.Client.HTTP = &http.Client{Transport: f.net, Timeout: 10 * time.Second}
	f.user = &kabinet.User{PasswordHash: "x", Email: "ivanov@example.ru", ConfirmBy: kabinet.ConfirmByEmail}
	if err := f.db.CreateUser(ctx, f.user, f.account.ID); err != nil {
		t.Fatal(err)
	}
	form.UserID = f.user.ID
	o, err := f.svc.OrderAutopay(ctx, payments.Request{AccountID: f.account.ID, Key: "first", Amounts: map[int64]kabinet.Money{f.subs[0].ID: 150000, f.subs[1].ID: 50000}}, form)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.bank.PayAndBind(ctx, o.GatewayID); err != nil { // the callback resolves it
		t.Fatal(err)
	}
	v, err := f.svc.Autopay(ctx, f.account.ID)
	if err != nil || v.Rule == nil || v.Rule.State != kabinet.AutopayActive || v.Rule.BindingID == "" {
		t.Fatalf("autopay after the first payment = %+v, %v", v, err)
	}
	f.rule = v.Rule
	f.bill = f.issue(t, kabinet.Period{Year: 2026, Month: 3}, 150000, 50000)
	return f
}

// issue charges a month and issues its bill on the 1st of the next one.
func (f *autopayFixture) issue(t *testing.T, p kabinet.Period, amounts ...kabinet.Money) *kabinet.Bill {
	t.Helper()
	issued := p.Add(1).Start(time.UTC).Add(3 * time.Hour)
	b := &kabinet.Bill{AccountID: f.account.ID, Period: p, IssuedAt: issued}
	for i, m := range amounts {
		e := &kabinet.LedgerEntry{SubAccountID: f.subs[i].ID, Period: p, Kind: kabinet.EntryCharge,
			Service: kabinet.ServiceElectricity, Amount: m, PostedOn: issued.Truncate(24 * time.Hour)}
		if err := f.db.CreateLedgerEntry(ctx, e); err != nil {
			t.Fatal(err)
		}
		b.Data.Providers = append(b.Data.Providers, kabinet.BillProvider{Provider: kabinet.Provider{ID: f.subs[i].ProviderID},
			SubAccount: f.subs[i].Number, ToPay: m})
		b.Data.Total += m
	}
	if err := f.db.CreateBill(ctx, b); err != nil {
		t.Fatal(err)
	}
	return b
}

// on moves the clock to noon of day d of the bill's next month.
func (f *autopayFixture) on(d int) {
	p := f.bill.Period.Add(1)
	f.now = time.Date(p.Year, p.Month, d, 12, 0, 0, 0, time.UTC)
}

// charges are the bank's autopay orders on the card: not the first payment.
func (f *autopayFixture) charges(t *testing.T) []int64 {
	t.Helper()
	var out []int64
	first, err := f.db.FindPaymentOrder(ctx, f.rule.OrderID)
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range f.bank.Orders(f.rule.BindingID) {
		if o.Number != first.Number {
			out = append(out, o.Deposited)
		}
	}
	return out
}

func (f *autopayFixture) titles(t *testing.T) []string {
	t.Helper()
	ns, err := f.db.FindNotifications(ctx, f.user.ID, 100)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for i := len(ns) - 1; i >= 0; i-- {
		out = append(out, ns[i].Title)
	}
	return out
}

func (f *autopayFixture) run(t *testing.T) {
	t.Helper()
	if _, err := f.svc.RunAutopay(ctx); err != nil {
		t.Fatal(err)
	}
}

func full(day int) payments.AutopayForm {
	return payments.AutopayForm{Mode: kabinet.AutopayFull, Day: day}
}

func TestAutopayChargesTheBillOnItsDay(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		f := newAutopayFixture(t, dsn, full(5))
		if got := f.debts(t); got != owed {
			t.Fatalf("debts before = %v", got)
		}
		f.on(3)
		f.run(t)
		if n := len(f.charges(t)); n != 0 {
			t.Fatalf("charged %d times two days early", n)
		}
		f.on(4)
		f.run(t)
		f.run(t)
		if got := f.titles(t); strings.Join(got, "|") != "Автоплатеж подключен|Завтра автоплатеж" {
			t.Fatalf("notifications the day before = %q", got)
		}
		if n := len(f.charges(t)); n != 0 {
			t.Fatalf("charged %d times the day before", n)
		}
		f.on(5)
		f.run(t)
		f.run(t)
		f.on(20)
		f.run(t)
		if got := f.charges(t); len(got) != 1 || got[0] != 200000 {
			t.Fatalf("bank charges = %v, want one of 2 000,00 ₽", got)
		}
		for _, o := range f.bank.Orders(f.rule.BindingID) { // the first payment and the charge
			if o.Receipt == nil || !strings.Contains(o.Bundle, `"email":"ivanov@example.ru"`) {
				t.Errorf("order %s was sent without a receipt: %q", o.Number, o.Bundle)
			}
		}
		if rs, err := f.svc.Receipts(ctx, f.account.ID); err != nil || len(rs) != 2 {
			t.Errorf("receipts kept = %v, %v; want the first payment's and the charge's", rs, err)
		}
		if got := f.debts(t); got != [2]kabinet.Money{} {
			t.Errorf("debts after the charge = %v", got)
		}
		if got := f.titles(t); got[len(got)-1] != "Автоплатеж выполнен" || len(got) != 3 {
			t.Errorf("notifications = %q", got)
		}
		v, _ := f.svc.Autopay(ctx, f.account.ID)
		if len(v.Charges) != 1 || v.Charges[0].State != kabinet.ChargePaid || v.Charges[0].Amount != 200000 {
			t.Errorf("history = %+v", v.Charges)
		}
	})
}

func TestAutopayCap(t *testing.T) {
	for _, c := range []struct {
		limit, want kabinet.Money
	}{{100000, 100000}, {500000, 200000}, {200000, 200000}} {
		t.Run(c.limit.Plain(), func(t *testing.T) {
			sqlstoretest.Run(t, func(t *testing.T, dsn string) {
				f := newAutopayFixture(t, dsn, payments.AutopayForm{Mode: kabinet.AutopayCap, Cap: c.limit, Day: 10})
				f.on(10)
				f.run(t)
				if got := f.charges(t); len(got) != 1 || kabinet.Money(got[0]) != c.want {
					t.Errorf("cap %s: charged %v, want %s", c.limit, got, c.want)
				}
			})
		})
	}
}

func TestAutopayRunsAtOnce(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		f := newAutopayFixture(t, dsn, full(5))
		f.on(5)
		var wg sync.WaitGroup
		var claimed atomic.Int64
		for range 8 {
			wg.Go(func() {
				n, err := f.svc.RunAutopay(ctx)
				if err != nil && kabinet.ErrorCode(err) != kabinet.ECONFLICT {
					t.Error(err)
				}
				claimed.Add(int64(n))
			})
		}
		wg.Wait()
		if got := f.charges(t); len(got) != 1 || got[0] != 200000 || claimed.Load() != 1 {
			t.Fatalf("8 runs at once: bank charges %v, claims %d; want one", got, claimed.Load())
		}
		if got := f.debts(t); got != [2]kabinet.Money{} {
			t.Errorf("debts = %v", got)
		}
	})
}

// TestAutopayKilledMidRun kills the scheduler after its claim, before the
// bank hears of the charge, and after the bank has charged, before the
// answer is read: later runs charge nothing again, and the poller settles
// the charge by asking the bank about the order's number.
func TestAutopayKilledMidRun(t *testing.T) {
	for _, when := range []string{"before", "after"} {
		t.Run(when, func(t *testing.T) {
			sqlstoretest.Run(t, func(t *testing.T, dsn string) {
				f := newAutopayFixture(t, dsn, full(5))
				f.on(5)
				runCtx, cancel := context.WithCancel(ctx)
				f.net.cancel = cancel
				f.net.mode.Store(when)
				if _, err := f.svc.RunAutopay(runCtx); !errors.Is(err, context.Canceled) {
					t.Fatalf("killed run: %v", err)
				}
				want := map[string]int{"before": 0, "after": 1}[when]
				if n := len(f.charges(t)); n != want {
					t.Fatalf("bank charges after the killed run = %d, want %d", n, want)
				}
				f.run(t) // the next run finds the claim and charges nothing
				f.run(t)
				if n := len(f.charges(t)); n != want {
					t.Fatalf("bank charges after two more runs = %d, want %d", n, want)
				}
				f.now = f.now.Add(2 * time.Minute)
				if _, err := f.svc.Poll(ctx); err != nil {
					t.Fatal(err)
				}
				f.svc.Poll(ctx)
				f.run(t)
				if got := f.charges(t); len(got) != 1 || got[0] != 200000 {
					t.Fatalf("bank charges after the poller = %v, want one of 2 000,00 ₽", got)
				}
				if got := f.debts(t); got != [2]kabinet.Money{} {
					t.Errorf("debts = %v", got)
				}
				if got := f.titles(t); got[len(got)-1] != "Автоплатеж выполнен" || len(got) != 2 {
					t.Errorf("notifications = %q", got)
				}
			})
		})
	}
}

func TestAutopayDeclineStopsIt(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		f := newAutopayFixture(t, dsn, full(5))
		if _, err := f.db.SaveServiceSettings(ctx, &kabinet.ServiceSettings{AccountID: f.account.ID, SMS: true, Phone: "79041234567",
			BillPaper: true}, kabinet.DefaultServiceSettings(f.account, f.user), kabinet.ChangeSourceWeb, f.user.ID); err != nil {
			t.Fatal(err)
		}
		f.bank.DeclineBinding(f.rule.BindingID)
		f.on(5)
		f.run(t)
		if got := f.debts(t); got != owed {
			t.Errorf("debts after a decline = %v", got)
		}
		if got := f.titles(t); got[len(got)-1] != "Автоплатеж не прошел" {
			t.Errorf("notifications = %q", got)
		}
		sms, err := f.db.FindMessages(ctx, kabinet.ChannelSMS, 10)
		if err != nil || len(sms) != 1 || sms[0].Recipient != "79041234567" || !strings.Contains(sms[0].Text, "отклонил") {
			t.Errorf("SMS = %+v, %v", sms, err)
		}
		v, _ := f.svc.Autopay(ctx, f.account.ID)
		if v.Rule.State != kabinet.AutopayStopped || v.Rule.Reason == "" || !v.Rule.Unbound || f.bank.BindingActive(f.rule.BindingID) {
			t.Errorf("rule after a decline = %+v; binding active %v", v.Rule, f.bank.BindingActive(f.rule.BindingID))
		}
		f.bill = f.issue(t, kabinet.Period{Year: 2026, Month: 4}, 1000, 1000)
		f.on(6)
		f.run(t)
		if n := len(f.charges(t)); n != 1 {
			t.Errorf("charges after the next bill = %d, want only the declined one", n)
		}
	})
}

func TestAutopayTurnOff(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		f := newAutopayFixture(t, dsn, full(5))
		f.on(4)
		f.run(t) // noticed for tomorrow
		unbound, err := f.svc.TurnOff(ctx, f.account.ID)
		if err != nil || !unbound {
			t.Fatalf("TurnOff = %v, %v", unbound, err)
		}
		if f.bank.BindingActive(f.rule.BindingID) {
			t.Error("the card is still bound at the bank")
		}
		f.on(5)
		f.run(t)
		if n := len(f.charges(t)); n != 0 {
			t.Errorf("charged %d times after turning off", n)
		}
		v, _ := f.svc.Autopay(ctx, f.account.ID)
		if v.Rule.State != kabinet.AutopayStopped {
			t.Errorf("rule = %+v", v.Rule)
		}
	})
}

func TestAutopayNeedsTheCardSaved(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		f := newFixture(t, dsn, sqlstore.WithJobInserter(noJobs{}))
		u := &kabinet.User{PasswordHash: "x", Email: "i@example.ru", ConfirmBy: kabinet.ConfirmByEmail}
		if err := f.db.CreateUser(ctx, u, f.account.ID); err != nil {
			t.Fatal(err)
		}
		o, err := f.svc.OrderAutopay(ctx, payments.Request{AccountID: f.account.ID, Key: "k", Amounts: map[int64]kabinet.Money{f.subs[0].ID: 100}}, payments.AutopayForm{UserID: u.ID,
			Mode: kabinet.AutopayFull, Day: 5})
		if err != nil {
			t.Fatal(err)
		}
		if err := f.bank.Pay(ctx, o.GatewayID, 100); err != nil { // paid, card not saved
			t.Fatal(err)
		}
		v, _ := f.svc.Autopay(ctx, f.account.ID)
		if v.Rule != nil {
			t.Errorf("autopay without a saved card = %+v", v.Rule)
		}
		ns, _ := f.db.FindNotifications(ctx, u.ID, 10)
		if len(ns) != 1 || ns[0].Title != "Автоплатеж не подключен" {
			t.Errorf("notifications = %+v", ns)
		}
		if _, err := f.svc.OrderAutopay(ctx, payments.Request{AccountID: f.account.ID, Key: "k2", Amounts: map[int64]kabinet.Money{f.subs[0].ID: 100}},
			payments.AutopayForm{UserID: u.ID, Mode: kabinet.AutopayCap, Day: 5}); kabinet.ErrorCode(err) != kabinet.EINVALID {
			t.Errorf("a cap of 0: %v", err)
		}
	})
}

// TestAutopayClaimOnce is the store's half of «once per (rule, bill)»:
// a second claim of a bill loses whatever its order, and a stopped rule
// claims nothing.
func TestAutopayClaimOnce(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		f := newAutopayFixture(t, dsn, full(5))
		claim := func(key string) bool {
			t.Helper()
			c := &kabinet.AutopayCharge{RuleID: f.rule.ID, BillID: f.bill.ID, Period: f.bill.Period, Amount: 100, ChargeOn: f.now}
			o := &kabinet.PaymentOrder{AccountID: f.account.ID, Key: key, Number: "N" + key, Amount: 100,
				Parts: []kabinet.PaymentPart{{SubAccountID: f.subs[0].ID, Amount: 100}}}
			ok, err := f.db.ClaimAutopayCharge(ctx, c, o)
			if err != nil {
				t.Fatal(err)
			}
			return ok
		}
		if !claim("a1") || claim("a2") {
			t.Fatal("want the first claim only")
		}
		os, err := f.db.FindPaymentOrders(ctx, f.account.ID, 100)
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range os {
			if o.Key == "a2" {
				t.Fatal("a lost claim left its order")
			}
		}
		f.bill = f.issue(t, kabinet.Period{Year: 2026, Month: 4}, 100)
		if _, err := f.svc.TurnOff(ctx, f.account.ID); err != nil {
			t.Fatal(err)
		}
		if claim("a3") {
			t.Error("a stopped rule claimed a bill")
		}
	})
}
