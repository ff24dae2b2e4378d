package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kabinet"
	"kabinet/billrun"
	"kabinet/demo"
	"kabinet/qrpay"
	"kabinet/sqlstore"
)

// TestQRPaysTheRightAccount pays bills the way a bank app does: `kabinet
// bill` prints November's bill, zbarimg reads its QR codes off the page
// as a phone would, each decoded code becomes a line of a bank's registry
// (the account from PersAcc, the provider whose bank account the code
// pays, the sum, the period), and `kabinet import-payments` credits each
// to the sub-account of that account with that provider. ЕТСОО204646's
// number has a letter part; 10103001857 pays two providers.
func TestQRPaysTheRightAccount(t *testing.T) {
	pdftoppm, err1 := exec.LookPath("pdftoppm")
	zbarimg, err2 := exec.LookPath("zbarimg")
	if err1 != nil || err2 != nil {
		if os.Getenv("KABINET_TEST_TOOLS") != "" {
			t.Fatal("pdftoppm or zbarimg is missing")
		}
		t.Skip("pdftoppm or zbarimg is missing")
	}
	ctx := context.Background()
	dsn := filepath.Join(t.TempDir(), "kabinet.db")
	db, err := sqlstore.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := demo.Build(ctx, db, demo.Options{Accounts: 5, Seed: 1, Today: time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	e := billrun.New(db, kabinet.Calendar{Clock: kabinet.ClockAt(time.Date(2026, 12, 1, 3, 0, 0, 0, time.UTC))})
	if _, err := e.Close(ctx, kabinet.Period{Year: 2026, Month: time.November}); err != nil {
		t.Fatal(err)
	}
	providers, err := db.FindProviders(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()

	var registry strings.Builder
	want := map[string]credit{} // by the ledger's external id
	for _, number := range []string{"ЕТСОО204646", "10103001857"} {
		var out bytes.Buffer
		if err := run(ctx, []string{"bill", "--db", dsn, number, "2026-11"}, &out); err != nil {
			t.Fatal(err)
		}
		for _, code := range qrCodes(t, pdftoppm, zbarimg, out.Bytes()) {
			q, err := qrpay.Decode(code)
			if err != nil {
				t.Fatal(err)
			}
			if q.Sum <= 0 {
				continue // nothing to pay: the bank asks for a sum
			}
			id, pr := fmt.Sprintf("qr-%d", len(want)+1), payee(t, providers, q)
			fmt.Fprintf(&registry, "%s;02.12.2026;%s;%s;%s;%s\n", id, q.PersAcc, pr.Code, q.Sum.Plain(), q.PaymPeriod)
			want["gorod:"+id] = credit{sub: subAccountOf(t, db, number, pr), amount: q.Sum}
		}
	}
	if len(want) < 2 {
		t.Fatalf("only %d codes with a sum:\n%s", len(want), registry.String())
	}
	file := filepath.Join(t.TempDir(), "bank-20261202.txt")
	os.WriteFile(file, []byte(registry.String()), 0o644)
	var out bytes.Buffer
	if err := run(ctx, []string{"import-payments", "--db", dsn, file}, &out); err != nil {
		t.Fatalf("import-payments: %v\n%s\n%s", err, out.String(), registry.String())
	}
	checkCredited(t, db, want)
}

// credit is a payment expected on a sub-account's ledger.
type credit struct {
	sub    int64
	amount kabinet.Money
}

// subAccountOf is the sub-account of the account numbered number with pr.
func subAccountOf(t *testing.T, db *sqlstore.DB, number string, pr *kabinet.Provider) int64 {
	t.Helper()
	a, err := db.FindAccountByNumber(context.Background(), kabinet.MustParseAccountNumber(number))
	if err != nil {
		t.Fatal(err)
	}
	subs, err := db.FindSubAccounts(context.Background(), a.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range subs {
		if s.ProviderID == pr.ID {
			return s.ID
		}
	}
	t.Fatalf("%s has no sub-account with %s", number, pr.Code)
	return 0
}

// qrCodes renders the bill's first page at 150 dpi and reads its codes.
func qrCodes(t *testing.T, pdftoppm, zbarimg string, doc []byte) []string {
	t.Helper()
	dir := t.TempDir()
	path := filepath.Join(dir, "bill.pdf")
	os.WriteFile(path, doc, 0o644)
	if out, err := exec.Command(pdftoppm, "-r", "150", "-f", "1", "-l", "1", "-png", "-singlefile", path, filepath.Join(dir, "page")).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v: %s", err, out)
	}
	out, err := exec.Command(zbarimg, "--raw", "-q", filepath.Join(dir, "page.png")).Output()
	if err != nil {
		t.Fatalf("zbarimg found no code: %v", err)
	}
	return strings.Split(strings.TrimRight(string(out), "\n"), "\n")
}

// payee is the provider a code pays: the bank's registry is per payee.
func payee(t *testing.T, providers []*kabinet.Provider, q qrpay.Payment) *kabinet.Provider {
	t.Helper()
	for _, p := range providers {
		if p.PersonalAcc == q.PersonalAcc && p.INN == q.PayeeINN {
			return p
		}
	}
	t.Fatalf("no provider with account %s and INN %s", q.PersonalAcc, q.PayeeINN)
	return nil
}

// checkCredited finds each payment on the ledger of the sub-account of
// the account the code named with the provider it paid, with the amount
// the code carried.
func checkCredited(t *testing.T, db *sqlstore.DB, want map[string]credit) {
	t.Helper()
	for id, c := range want {
		var amount kabinet.Money
		var sub int64
		err := db.SQL().QueryRowContext(context.Background(), `SELECT amount, sub_account_id FROM ledger WHERE external_id = $1`, id).Scan(&amount, &sub)
		switch {
		case err != nil:
			t.Errorf("%s: not credited: %v", id, err)
		case sub != c.sub || amount != -c.amount:
			t.Errorf("%s: %s credited to sub-account %d, the code paid %s to %d", id, -amount, sub, c.amount, c.sub)
		}
	}
}
