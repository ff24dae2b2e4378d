package payments_test

import (
	"strings"
	"testing"

	"kabinet"
	"kabinet/payments"
	"kabinet/sqlstore/sqlstoretest"
)

// TestPlaceAll: «Оплатить всё» is one order paying each provider its whole
// debt, one receipt item per provider, credited once per sub-account; a
// total that is no longer the debts, or nothing owed, makes no order.
func TestPlaceAll(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		f := newFixture(t, dsn)
		req := payments.Request{AccountID: f.account.ID, Key: "all"}
		t.Run("ErrTotalChanged", func(t *testing.T) {
			_, err := f.svc.PlaceAll(ctx, req, owed[0]+owed[1]-1)
			if err != payments.ErrTotalChanged {
				t.Fatalf("a total a kopeck short: %v", err)
			}
			if os, _ := f.db.FindPaymentOrders(ctx, f.account.ID, 10); len(os) != 0 {
				t.Fatalf("orders made: %+v", os)
			}
		})
		t.Run("OneOrderEveryProvider", func(t *testing.T) {
			req.Amounts = map[int64]kabinet.Money{f.subs[0].ID: 1} // ignored
			o, err := f.svc.PlaceAll(ctx, req, owed[0]+owed[1])
			if err != nil {
				t.Fatal(err)
			}
			if o.Amount != owed[0]+owed[1] || len(o.Parts) != 2 {
				t.Fatalf("order %s with parts %+v", o.Amount, o.Parts)
			}
			got, _ := f.bank.Order(o.GatewayID)
			for _, want := range []string{`"itemAmount":150000`, `"itemAmount":50000`, "л/с 00IES", "л/с 00BEK"} {
				if !strings.Contains(got.Bundle, want) {
					t.Errorf("orderBundle %s lacks %s", got.Bundle, want)
				}
			}
			again, err := f.svc.PlaceAll(ctx, req, owed[0]+owed[1])
			if err != nil || again.ID != o.ID {
				t.Fatalf("the same form sent again: %v, order %d then %d", err, o.ID, again.ID)
			}
			if err := f.bank.Pay(ctx, o.GatewayID, int64(o.Amount)); err != nil {
				t.Fatal(err)
			}
			f.wantCreditedOnce(t, o)
			if d := f.debts(t); d != [2]kabinet.Money{} {
				t.Fatalf("debts after paying all: %v", d)
			}
		})
		t.Run("ErrNothingOwed", func(t *testing.T) {
			if _, err := f.svc.PlaceAll(ctx, payments.Request{AccountID: f.account.ID, Key: "none"}, 0); err != payments.ErrNothingOwed {
				t.Fatalf("paying all of nothing: %v", err)
			}
		})
	})
}

func TestTotal(t *testing.T) {
	got := payments.Total([]kabinet.Balance{{Debt: 451230}, {Debt: -5000}, {Debt: 0}, {Debt: 100}})
	if got != 451330 {
		t.Fatalf("total = %s, want 4 513,30 ₽ (an overpayment to one provider is not set against another's debt)", got)
	}
}
