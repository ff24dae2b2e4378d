package payments_test

import (
	"bytes"
	"strings"
	"sync"
	"testing"
	"time"

	"kabinet"
	"kabinet/payments"
	"kabinet/sberbank"
	"kabinet/sqlstore/sqlstoretest"
)

// sbp makes an СБП order paying both providers in full.
func (f *fixture) sbp(t *testing.T, key string) *kabinet.PaymentOrder {
	t.Helper()
	o, err := f.svc.Place(ctx, payments.Request{AccountID: f.account.ID, Key: key, Method: kabinet.MethodSBP,
		Contact: "+79501234567", Amounts: map[int64]kabinet.Money{f.subs[0].ID: 150000, f.subs[1].ID: 50000}})
	if err != nil {
		t.Fatal(err)
	}
	return o
}

// view is the СБП page's view of an order, asked as the page asks.
func (f *fixture) view(t *testing.T, o *kabinet.PaymentOrder) *payments.SBPView {
	t.Helper()
	time.Sleep(2 * time.Millisecond)
	v, err := f.svc.SBP(ctx, o.Number)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestSBP(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		f := newFixture(t, dsn)
		f.svc = payments.New(f.db, f.svc.Gateway(), payments.Config{ReturnURL: "https://portal.example/payments/return",
			Calendar: f.svc.Calendar, AskEvery: time.Millisecond})
		f.svc.Clock = func() time.Time { return f.now }

		t.Run("Paid", func(t *testing.T) {
			o := f.sbp(t, "paid")
			v := f.view(t, o)
			if v.Order.State != kabinet.PaymentPending || v.QRState != kabinet.QRStarted || o.FormURL != "" {
				t.Fatalf("new order = %+v, QR %s", v.Order, v.QRState)
			}
			if !strings.HasPrefix(v.QR.Payload, "https://qr.nspk.ru/") || !bytes.HasPrefix(v.QR.Image, []byte("\x89PNG")) {
				t.Fatalf("QR = %q, image %d bytes", v.QR.Payload, len(v.QR.Image))
			}
			if err := f.bank.PaySBP(ctx, o.GatewayID); err != nil { // the callback credits it
				t.Fatal(err)
			}
			if d := f.debts(t); d != [2]kabinet.Money{} {
				t.Fatalf("debts after paying = %v", d)
			}
			if v := f.view(t, o); v.Order.State != kabinet.PaymentPaid {
				t.Fatalf("state = %s", v.Order.State)
			}
			for i, s := range f.subs {
				es, _ := f.db.FindLedgerEntries(ctx, kabinet.LedgerFilter{SubAccountID: s.ID, Kind: kabinet.EntryPayment})
				if len(es) != 1 || es[0].Amount != -owed[i] || es[0].Channel != kabinet.ChannelSBP || payments.OrderNumberOf(es[0]) != o.Number {
					t.Fatalf("payments of %d = %+v", s.ID, es)
				}
			}
			rs, _ := f.svc.Receipts(ctx, f.account.ID)
			if r := rs[o.Number]; r == nil || r.State != kabinet.ReceiptDone || !strings.Contains(r.URL, "/ofd/") {
				t.Fatalf("receipt = %+v", r)
			}
			f.reset(t)
		})
		t.Run("Declined", func(t *testing.T) {
			f.bank.DropCallbacks(true)
			defer f.bank.DropCallbacks(false)
			o := f.sbp(t, "declined")
			if err := f.bank.DeclineSBP(ctx, o.GatewayID); err != nil {
				t.Fatal(err)
			}
			if v := f.view(t, o); v.Order.State != kabinet.PaymentFailed {
				t.Fatalf("state = %s", v.Order.State)
			}
			if d := f.debts(t); d != owed {
				t.Fatalf("debts = %v", d)
			}
		})
		t.Run("Expired", func(t *testing.T) {
			o := f.sbp(t, "expired")
			f.bank.SetClock(func() time.Time { return time.Now().Add(21 * time.Minute) })
			defer f.bank.SetClock(time.Now)
			if err := f.bank.PaySBP(ctx, o.GatewayID); err == nil {
				t.Fatal("an expired QR code was paid")
			}
			if v := f.view(t, o); v.Order.State != kabinet.PaymentFailed {
				t.Fatalf("state = %s", v.Order.State)
			}
			if d := f.debts(t); d != owed {
				t.Fatalf("debts = %v", d)
			}
		})
		t.Run("NotificationLost", func(t *testing.T) {
			f.bank.DropCallbacks(true)
			defer f.bank.DropCallbacks(false)
			o := f.sbp(t, "lost")
			if err := f.bank.PaySBP(ctx, o.GatewayID); err != nil {
				t.Fatal(err)
			}
			if d := f.debts(t); d != owed {
				t.Fatalf("credited without the bank's word: %v", d)
			}
			f.now = f.now.Add(2 * time.Minute)
			for range 3 {
				if _, err := f.svc.Poll(ctx); err != nil {
					t.Fatal(err)
				}
			}
			if d := f.debts(t); d != [2]kabinet.Money{} {
				t.Fatalf("debts after the poller = %v", d)
			}
			f.wantCreditedOnce(t, o)
			f.reset(t)
		})
		t.Run("StatusChecksAndCallbacksAtOnce", func(t *testing.T) {
			f.bank.DropCallbacks(true)
			defer f.bank.DropCallbacks(false)
			o := f.sbp(t, "crowd")
			if err := f.bank.PaySBP(ctx, o.GatewayID); err != nil {
				t.Fatal(err)
			}
			cb := f.bank.Signed(o.GatewayID, sberbank.OpDeposited, true)
			var wg sync.WaitGroup
			for i := range 50 {
				wg.Go(func() {
					var err error
					switch i % 3 {
					case 0:
						err = f.svc.Callback(ctx, cb)
					case 1:
						_, err = f.svc.Resolve(ctx, o)
					default:
						_, err = f.svc.SBP(ctx, o.Number)
					}
					if err != nil {
						t.Error(err)
					}
				})
			}
			wg.Wait()
			f.wantCreditedOnce(t, o)
		})
	})
}

// wantCreditedOnce checks that order o made one payment per provider.
func (f *fixture) wantCreditedOnce(t *testing.T, o *kabinet.PaymentOrder) {
	t.Helper()
	for i, s := range f.subs {
		es, _ := f.db.FindLedgerEntries(ctx, kabinet.LedgerFilter{SubAccountID: s.ID, Kind: kabinet.EntryPayment})
		n := 0
		for _, e := range es {
			if payments.OrderNumberOf(e) == o.Number {
				n++
				if e.Amount != -owed[i] {
					t.Errorf("payment of %d = %s", s.ID, e.Amount)
				}
			}
		}
		if n != 1 {
			t.Fatalf("order %s credited sub-account %d %d times", o.Number, s.ID, n)
		}
	}
}

// reset charges the account again what it owed, for the next payment.
func (f *fixture) reset(t *testing.T) {
	t.Helper()
	for i, amount := range owed {
		e := &kabinet.LedgerEntry{SubAccountID: f.subs[i].ID, Period: kabinet.Period{Year: 2026, Month: 3}, Kind: kabinet.EntryCharge,
			Service: kabinet.ServiceElectricity, Amount: amount, PostedOn: f.now.Truncate(24 * time.Hour)}
		if err := f.db.CreateLedgerEntry(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
}

// TestCart: every order carries its receipt's cart, one item per provider
// adding up to what it is paid, and a cart that does not add up never
// reaches the bank.
func TestCart(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		f := newFixture(t, dsn)
		o := f.order(t, "cart")
		got, _ := f.bank.Order(o.GatewayID)
		for _, want := range []string{`"itemAmount":150000`, `"itemAmount":50000`, `"email":"ivanov@example.ru"`,
			`"name":"Электроэнергия — IES, л/с 00IES"`, `"taxType":0`} {
			if !strings.Contains(got.Bundle, want) {
				t.Errorf("orderBundle %s lacks %s", got.Bundle, want)
			}
		}
		gw := f.svc.Gateway().(*sberbank.Gateway)
		bad := &kabinet.PaymentOrder{AccountID: f.account.ID, Key: "bad", Number: "KBAD", Amount: 200000, Contact: "ivanov@example.ru",
			Parts: []kabinet.PaymentPart{{SubAccountID: f.subs[0].ID, Amount: 150000}, {SubAccountID: f.subs[1].ID, Amount: 50000}},
			Cart: []kabinet.CartItem{{SubAccountID: f.subs[0].ID, Name: "IES", Code: "1", Quantity: 1, Price: 150001, Amount: 150001},
				{SubAccountID: f.subs[1].ID, Name: "BEK", Code: "2", Quantity: 1, Price: 49999, Amount: 49999}}}
		if _, _, err := gw.Register(ctx, bad, "https://portal.example/payments/return", "x"); kabinet.ErrorCode(err) != kabinet.EINVALID {
			t.Fatalf("a cart off by a kopeck per provider: %v", err)
		}
		if _, err := gw.Client.OrderStatusByNumber(ctx, "KBAD"); err == nil {
			t.Fatal("the bank got the order whose cart did not add up")
		}
	})
}

// TestReceiptLater: a receipt the cash service registers after the
// payment is asked about by the poller until it is.
func TestReceiptLater(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		f := newFixture(t, dsn)
		f.bank.HoldReceipts(true)
		o := f.order(t, "later")
		if err := f.bank.Pay(ctx, o.GatewayID, int64(o.Amount)); err != nil {
			t.Fatal(err)
		}
		rs, _ := f.svc.Receipts(ctx, f.account.ID)
		if r := rs[o.Number]; r == nil || r.State != kabinet.ReceiptPending || r.URL != "" {
			t.Fatalf("receipt right after paying = %+v", r)
		}
		f.bank.HoldReceipts(false)
		if _, err := f.svc.Poll(ctx); err != nil {
			t.Fatal(err)
		}
		rs, _ = f.svc.Receipts(ctx, f.account.ID)
		if r := rs[o.Number]; r == nil || r.State != kabinet.ReceiptDone || r.URL == "" {
			t.Fatalf("receipt after the poller = %+v", r)
		}
	})
}
