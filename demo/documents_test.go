package demo_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"kabinet"
	"kabinet/billrun"
	"kabinet/demo"
	"kabinet/home"
	"kabinet/pdf"
	"kabinet/qrpay"
	"kabinet/sqlstore"
	"kabinet/sqlstore/sqlstoretest"
)

// TestDocumentsTellOneStory builds a demo world on each engine and, for
// every account, provider and closed period, reads the documents a
// customer may lay side by side: the act's closing balance on the
// period's last day, the bill's «к оплате», and the debt «Главная» would
// have shown that day (the ledger as booked by then) are one amount, and
// «Главная» names the bill's due date while it has not passed; the bill's
// QR code carries that amount in Sum, the bill's penalties in AddAmount,
// and a PersAcc that finds the account by the registry import's look-up.
func TestDocumentsTellOneStory(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		db := sqlstoretest.MustOpen(t, dsn)
		if _, err := demo.Build(ctx, db, demo.Options{Accounts: 60, Seed: 1, Today: today, Location: irk}); err != nil {
			t.Fatal(err)
		}
		accounts, err := db.FindAccountsAfter(ctx, 0, 1000)
		if err != nil {
			t.Fatal(err)
		}
		checked := 0
		for _, a := range accounts {
			bills, err := db.FindBills(ctx, a.ID, 100)
			if err != nil {
				t.Fatal(err)
			}
			if len(bills) == 0 {
				continue
			}
			first := bills[len(bills)-1].Period.Start(time.UTC)
			for _, b := range bills {
				for i := range b.Data.Providers {
					checkDocuments(t, db, a, b, &b.Data.Providers[i], first)
					checked++
				}
			}
		}
		if checked < 60*11 {
			t.Errorf("only %d bills' provider parts checked", checked)
		}
	})
}

func checkDocuments(t *testing.T, db *sqlstore.DB, a *kabinet.Account, b *kabinet.Bill, bp *kabinet.BillProvider, first time.Time) {
	t.Helper()
	where := a.Display + " " + bp.Provider.Code + " " + b.Period.String()
	end := b.Period.Add(1).Start(time.UTC).AddDate(0, 0, -1)
	act, err := billrun.StatementOf(ctx, db, billrun.StatementFor{Account: a, Of: bp.Provider.Code, From: first, To: end})
	if err != nil {
		t.Fatal(err)
	}
	if act.Closing != bp.ToPay {
		t.Errorf("%s: the act closes on %s, the bill says %s to pay", where, act.Closing, bp.ToPay)
	}
	h := home.New(asOf{db, end}, kabinet.Calendar{Location: irk,
		Clock: kabinet.ClockAt(time.Date(end.Year(), end.Month(), end.Day(), 12, 0, 0, 0, irk))})
	balances, err := h.Balances(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(balances, func(pb *home.ProviderBalance) bool { return pb.Provider.ID == bp.Provider.ID })
	if i < 0 {
		t.Fatalf("%s: «Главная» has no line for the provider", where)
	}
	f := balances[i].Forecast
	switch {
	case balances[i].Balance.Debt != bp.ToPay:
		t.Errorf("%s: «Главная» shows %s owed, the bill says %s to pay", where, balances[i].Balance.Debt, bp.ToPay)
	case f.Pay > 0 && !f.Overdue && !f.Due.Equal(bp.DueOn):
		t.Errorf("%s: «Главная» says pay by %s, the bill by %s", where, f.Due.Format("02.01.2006"), bp.DueOn.Format("02.01.2006"))
	}
	checkQR(t, db, a, b, bp, where)
}

// checkQR reads the bill's code for bp back as a bank app would.
func checkQR(t *testing.T, db *sqlstore.DB, a *kabinet.Account, b *kabinet.Bill, bp *kabinet.BillProvider, where string) {
	t.Helper()
	text, err := pdf.Payment(b, bp).Encode()
	if err != nil {
		t.Fatal(err)
	}
	q, err := qrpay.Decode(text)
	if err != nil {
		t.Fatal(err)
	}
	sum, add := max(bp.ToPay, 0), kabinet.Money(0)
	if sum > 0 {
		add = min(max(bp.Penalties, 0), sum)
	}
	if q.Sum != sum || q.AddAmount != add {
		t.Errorf("%s: the code pays %s with %s penalties, the bill %s with %s", where, q.Sum, q.AddAmount, sum, add)
	}
	n, err := kabinet.ParseAccountNumber(q.PersAcc)
	if err != nil {
		t.Fatalf("%s: PersAcc %q: %v", where, q.PersAcc, err)
	}
	if found, err := db.FindAccountByNumber(ctx, n); err != nil || found.ID != a.ID {
		t.Errorf("%s: PersAcc %q finds %v, %v", where, q.PersAcc, found, err)
	}
}

// asOf is the store as «Главная» read it on day: the ledger entries booked
// by then, no later ones.
type asOf struct {
	*sqlstore.DB
	day time.Time
}

func (s asOf) FindLedgerEntries(ctx context.Context, f kabinet.LedgerFilter) ([]*kabinet.LedgerEntry, error) {
	f.Limit = 1 << 20
	es, err := s.DB.FindLedgerEntries(ctx, f)
	return slices.DeleteFunc(es, func(e *kabinet.LedgerEntry) bool { return e.BookedOn().After(s.day) }), err
}

func (s asOf) FindTotals(ctx context.Context, subAccountID int64) (kabinet.Totals, error) {
	es, err := s.FindLedgerEntries(ctx, kabinet.LedgerFilter{SubAccountID: subAccountID})
	var t kabinet.Totals
	for _, e := range es {
		t.Add(*e)
	}
	return t, err
}
