package payments_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"testing"
	"time"

	"kabinet"
	"kabinet/payments"
	"kabinet/sberbank"
	"kabinet/sberbank/sberbanktest"
	"kabinet/sqlstore"
	"kabinet/sqlstore/sqlstoretest"
)

var ctx = context.Background()

var key = []byte("merchant-callback-key")

type fixture struct {
	db      *sqlstore.DB
	bank    *sberbanktest.Bank
	svc     *payments.Service
	account *kabinet.Account
	subs    []*kabinet.SubAccount // IES owes 1 500,00 ₽, BEK 500,00 ₽
	now     time.Time
}

func newFixture(t *testing.T, dsn string, opts ...sqlstore.Option) *fixture {
	t.Helper()
	f := &fixture{db: sqlstoretest.MustOpen(t, dsn, opts...), now: time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)}
	mux := http.NewServeMux()
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	f.bank = sberbanktest.New(sberbanktest.Config{UserName: "u", Password: "p", Key: key, PublicURL: srv.URL})
	mux.Handle("/payment/", f.bank)
	mux.HandleFunc("/callback", func(w http.ResponseWriter, r *http.Request) {
		if err := f.svc.Callback(r.Context(), r.URL.Query()); err != nil {
			http.Error(w, err.Error(), http.StatusForbidden)
		}
	})
	f.bank.SetCallbackURL(srv.URL + "/callback")
	gw := &sberbank.Gateway{Client: &sberbank.Client{BaseURL: srv.URL, UserName: "u", Password: "p"}, Key: key}
	f.svc = payments.New(f.db, gw, payments.Config{ReturnURL: "https://portal.example/payments/return"})
	f.svc.Clock = func() time.Time { return f.now }
	f.db.Now = f.svc.Clock
	f.account = &kabinet.Account{Number: kabinet.MustParseAccountNumber("10103001857"), Display: "10103001857", Surname: "Иванов",
		Email: "ivanov@example.ru", Address: "г. Иркутск", Settlement: kabinet.SettlementCity, Housing: kabinet.HousingFlat}
	for i, code := range []string{"IES", "BEK"} {
		p := &kabinet.Provider{Code: code, Name: code, Services: []kabinet.Service{kabinet.ServiceElectricity}}
		if err := f.db.CreateProvider(ctx, p); err != nil {
			t.Fatal(err)
		}
		f.subs = append(f.subs, &kabinet.SubAccount{ProviderID: p.ID, Number: "00" + code, Services: p.Services})
		_ = i
	}
	if err := f.db.CreateAccount(ctx, f.account, f.subs); err != nil {
		t.Fatal(err)
	}
	for i, amount := range []kabinet.Money{150000, 50000} {
		e := &kabinet.LedgerEntry{SubAccountID: f.subs[i].ID, Period: kabinet.Period{Year: 2026, Month: 2}, Kind: kabinet.EntryCharge,
			Service: kabinet.ServiceElectricity, Amount: amount, PostedOn: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)}
		if err := f.db.CreateLedgerEntry(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
	return f
}

// order makes an order paying both providers in full.
func (f *fixture) order(t *testing.T, key string) *kabinet.PaymentOrder {
	t.Helper()
	o, err := f.svc.Order(ctx, f.account.ID, key, map[int64]kabinet.Money{f.subs[0].ID: 150000, f.subs[1].ID: 50000})
	if err != nil {
		t.Fatal(err)
	}
	return o
}

// debts returns what the account owes each provider.
func (f *fixture) debts(t *testing.T) [2]kabinet.Money {
	t.Helper()
	var out [2]kabinet.Money
	for i, s := range f.subs {
		tot, err := f.db.FindTotals(ctx, s.ID)
		if err != nil {
			t.Fatal(err)
		}
		out[i] = tot.Balance().Debt
	}
	return out
}

func (f *fixture) state(t *testing.T, id int64) *kabinet.PaymentOrder {
	t.Helper()
	o, err := f.db.FindPaymentOrder(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	return o
}

var owed = [2]kabinet.Money{150000, 50000}

func TestOrder(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		f := newFixture(t, dsn)
		t.Run("DoubleClickMakesOneOrder", func(t *testing.T) {
			first := f.order(t, "form-1")
			var wg sync.WaitGroup
			ids := make([]int64, 10)
			for i := range ids {
				wg.Go(func() {
					o, err := f.svc.Order(ctx, f.account.ID, "form-1", map[int64]kabinet.Money{f.subs[0].ID: 150000, f.subs[1].ID: 50000})
					if err != nil {
						t.Error(err)
						return
					}
					ids[i] = o.ID
				})
			}
			wg.Wait()
			for _, id := range ids {
				if id != first.ID {
					t.Fatalf("orders %v, want all %d", ids, first.ID)
				}
			}
			os, _ := f.db.FindPaymentOrders(ctx, f.account.ID, 10)
			if len(os) != 1 || os[0].GatewayID != first.GatewayID || os[0].State != kabinet.PaymentPending || len(os[0].Parts) != 2 {
				t.Fatalf("orders = %+v", os)
			}
		})
		t.Run("ErrSubAccountOfAnother", func(t *testing.T) {
			_, err := f.svc.Order(ctx, f.account.ID, "form-2", map[int64]kabinet.Money{f.subs[0].ID + 100: 100})
			if kabinet.ErrorCode(err) != kabinet.EINVALID {
				t.Fatalf("err = %v", err)
			}
		})
		t.Run("ErrNothingToPay", func(t *testing.T) {
			_, err := f.svc.Order(ctx, f.account.ID, "form-3", map[int64]kabinet.Money{f.subs[0].ID: 0})
			if kabinet.ErrorCode(err) != kabinet.EINVALID {
				t.Fatalf("err = %v", err)
			}
		})
	})
}

func TestCallback(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		f := newFixture(t, dsn)
		t.Run("BadChecksumsChangeNothing", func(t *testing.T) {
			f.bank.DropCallbacks(true)
			o := f.order(t, "bad")
			other := f.order(t, "other")
			f.bank.Pay(ctx, o.GatewayID, int64(o.Amount))
			f.bank.Pay(ctx, other.GatewayID, int64(other.Amount))
			good := f.bank.Signed(o.GatewayID, sberbank.OpDeposited, true)
			for name, p := range map[string]url.Values{
				"Missing": without(good, "checksum"),
				"Forged":  resigned(good, []byte("guessed key")),
				"Altered": with(good, "mdOrder", other.GatewayID),
				"Empty":   with(good, "checksum", ""),
			} {
				if err := f.svc.Callback(ctx, p); err != payments.ErrCallback {
					t.Errorf("%s: err = %v, want ErrCallback", name, err)
				}
			}
			if got := f.debts(t); got != owed {
				t.Fatalf("debts after bad callbacks = %v, want %v", got, owed)
			}
			if s := f.state(t, o.ID).State; s != kabinet.PaymentPending {
				t.Fatalf("state = %s", s)
			}
			if err := f.svc.Callback(ctx, good); err != nil {
				t.Fatal(err)
			}
			if got := f.debts(t); got != [2]kabinet.Money{} {
				t.Fatalf("debts after the good callback = %v", got)
			}
		})
	})
}

// TestCallbackOnce: the same callback 100 times in a row and 50 times at
// once credits the order once.
func TestCallbackOnce(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		f := newFixture(t, dsn)
		o := f.order(t, "once")
		if err := f.bank.Pay(ctx, o.GatewayID, int64(o.Amount)); err != nil { // the first callback over HTTP
			t.Fatal(err)
		}
		p := f.bank.Signed(o.GatewayID, sberbank.OpDeposited, true)
		for range 100 {
			if err := f.svc.Callback(ctx, p); err != nil {
				t.Fatal(err)
			}
		}
		var wg sync.WaitGroup
		for range 50 {
			wg.Go(func() {
				if err := f.svc.Callback(ctx, p); err != nil {
					t.Error(err)
				}
			})
		}
		wg.Wait()
		if got := f.debts(t); got != [2]kabinet.Money{} {
			t.Fatalf("debts = %v, want both 0", got)
		}
		for i, s := range f.subs {
			es, _ := f.db.FindLedgerEntries(ctx, kabinet.LedgerFilter{SubAccountID: s.ID, Kind: kabinet.EntryPayment})
			if len(es) != 1 || es[0].Amount != -owed[i] || es[0].Channel != kabinet.ChannelCard ||
				es[0].Period != (kabinet.Period{Year: 2026, Month: 2}) || !es[0].PostedOn.Equal(time.Date(2026, 3, 10, 0, 0, 0, 0, time.UTC)) {
				t.Fatalf("payments of %d = %+v", s.ID, es)
			}
		}
		if got := f.state(t, o.ID); got.State != kabinet.PaymentPaid {
			t.Fatalf("state = %s", got.State)
		}
	})
}

func TestAmountOffByOneKopeck(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		f := newFixture(t, dsn)
		o := f.order(t, "off")
		f.bank.Pay(ctx, o.GatewayID, int64(o.Amount)-1)
		got := f.state(t, o.ID)
		if got.State != kabinet.PaymentMismatch || got.Flag == "" {
			t.Fatalf("order = %+v, want flagged", got)
		}
		if d := f.debts(t); d != owed {
			t.Fatalf("debts = %v, want %v: nothing credited", d, owed)
		}
		f.svc.Callback(ctx, f.bank.Signed(o.GatewayID, sberbank.OpDeposited, true))
		if d := f.debts(t); d != owed {
			t.Fatalf("debts after a repeated callback = %v", d)
		}
	})
}

func TestPoll(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		f := newFixture(t, dsn)
		f.bank.DropCallbacks(true)
		paid := f.order(t, "paid")
		declined := f.order(t, "declined")
		waiting := f.order(t, "waiting")
		f.bank.Pay(ctx, paid.GatewayID, int64(paid.Amount))
		if err := declineOnPage(f.bank, declined); err != nil {
			t.Fatal(err)
		}
		if n, err := f.svc.Poll(ctx); err != nil || n != 0 {
			t.Fatalf("poll before the callbacks had their time: %d, %v", n, err)
		}
		f.now = f.now.Add(2 * time.Minute)
		if n, err := f.svc.Poll(ctx); err != nil || n != 3 {
			t.Fatalf("poll: %d, %v", n, err)
		}
		for o, want := range map[*kabinet.PaymentOrder]kabinet.PaymentState{paid: kabinet.PaymentPaid,
			declined: kabinet.PaymentFailed, waiting: kabinet.PaymentPending} {
			if got := f.state(t, o.ID).State; got != want {
				t.Errorf("order %s: %s, want %s", o.Key, got, want)
			}
		}
		if d := f.debts(t); d != [2]kabinet.Money{} {
			t.Fatalf("debts = %v", d)
		}
		f.svc.Poll(ctx) // twice changes nothing
		if d := f.debts(t); d != [2]kabinet.Money{} {
			t.Fatalf("debts after a second poll = %v", d)
		}
		f.now = f.now.Add(3 * time.Hour)
		f.svc.Poll(ctx)
		if got := f.state(t, waiting.ID).State; got != kabinet.PaymentFailed {
			t.Errorf("an order left unpaid for hours: %s", got)
		}
	})
}

// TestReturnNeverCredits: the customer's return from the bank's page is
// shown the bank's word but credits nothing.
func TestReturnNeverCredits(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		f := newFixture(t, dsn)
		f.bank.DropCallbacks(true)
		o := f.order(t, "return")
		f.bank.Pay(ctx, o.GatewayID, int64(o.Amount))
		got, st, err := f.svc.Look(ctx, o.GatewayID)
		if err != nil || st == nil || st.State != kabinet.PaymentPaid || got.State != kabinet.PaymentPending {
			t.Fatalf("look = %+v, %+v, %v", got, st, err)
		}
		if d := f.debts(t); d != owed {
			t.Fatalf("debts = %v", d)
		}
	})
}

func declineOnPage(bank *sberbanktest.Bank, o *kabinet.PaymentOrder) error {
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.PostForm(o.FormURL, url.Values{"mdOrder": {o.GatewayID}, "pan": {sberbanktest.CardDeclined}})
	if err != nil {
		return err
	}
	resp.Body.Close()
	return nil
}

func with(p url.Values, k, v string) url.Values {
	q := url.Values{}
	for k, vs := range p {
		q[k] = append([]string(nil), vs...)
	}
	q.Set(k, v)
	return q
}

func without(p url.Values, k string) url.Values {
	q := with(p, k, "")
	q.Del(k)
	return q
}

func resigned(p url.Values, key []byte) url.Values {
	return with(p, "checksum", sberbank.Checksum(p, key))
}
