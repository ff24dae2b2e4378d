package exchange_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"kabinet/exchange"
	"kabinet/sqlstore/sqlstoretest"
)

// TestInbox: files dropped in the inbox are imported in the kinds' order
// (accounts before the providers file's name sorts them), the good ones
// filed in done/, one with a bad line and one of no known kind in failed/,
// each with its report; a file still being written waits.
func TestInbox(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		db := sqlstoretest.MustOpen(t, dsn)
		dir := t.TempDir()
		writeFile(t, dir, "subaccounts.csv", subaccountsCSV)
		writeFile(t, dir, "providers.csv", providersCSV)
		writeFile(t, dir, "accounts.csv", accountsCSV) // line 3 is bad
		writeFile(t, dir, "notes.txt", "не файл обмена\n")
		writeFile(t, dir, "ledger.csv.part", ledgerCSV)
		in := &exchange.Inbox{Dir: dir, Importer: &exchange.Importer{Store: db},
			Now: func() time.Time { return time.Date(2026, 12, 2, 6, 0, 0, 0, time.UTC) }}
		n, err := in.Scan(ctx)
		if err != nil || n != 4 {
			t.Fatalf("Scan took %d files, %v; want 4", n, err)
		}
		prefix := "20261202T060000Z-"
		if got, want := names(t, dir, "done"), []string{prefix + "providers.csv", prefix + "providers.csv.report.txt",
			prefix + "subaccounts.csv", prefix + "subaccounts.csv.report.txt"}; !slices.Equal(got, want) {
			t.Errorf("done/ holds %v, want %v", got, want)
		}
		if got, want := names(t, dir, "failed"), []string{prefix + "accounts.csv", prefix + "accounts.csv.report.txt",
			prefix + "notes.txt", prefix + "notes.txt.report.txt"}; !slices.Equal(got, want) {
			t.Errorf("failed/ holds %v, want %v", got, want)
		}
		report, _ := os.ReadFile(filepath.Join(dir, "failed", prefix+"accounts.csv.report.txt"))
		if !strings.Contains(string(report), "accounts.csv:3: settlement") {
			t.Errorf("the report of accounts.csv does not name its bad line:\n%s", report)
		}
		if n := count(t, db, "sub_accounts"); n != 2 {
			t.Errorf("%d sub-accounts imported, want 2 (their accounts came first)", n)
		}
		if _, err := os.Stat(filepath.Join(dir, "ledger.csv.part")); err != nil {
			t.Errorf("the file being written was taken: %v", err)
		}
		if n, err := in.Scan(ctx); n != 0 || err != nil {
			t.Errorf("a second scan took %d files, %v; want none", n, err)
		}
		// The ledger, once written, ends like `kabinet import`: the kept
		// balances' debts the bulk load left stale are computed.
		if err := os.Rename(filepath.Join(dir, "ledger.csv.part"), filepath.Join(dir, "ledger.csv")); err != nil {
			t.Fatal(err)
		}
		if n, err := in.Scan(ctx); n != 1 || err != nil {
			t.Fatalf("the ledger's scan took %d files, %v; want 1", n, err)
		}
		if n := count(t, db, "ledger"); n == 0 {
			t.Fatalf("the ledger was not imported: failed/ holds %v", names(t, dir, "failed"))
		}
		if n := count(t, db, "balances WHERE debts_at <> version"); n != 0 {
			t.Errorf("%d kept balances left stale after the inbox's import", n)
		}
	})
}

func names(t *testing.T, dir, sub string) []string {
	t.Helper()
	es, err := os.ReadDir(filepath.Join(dir, sub))
	if err != nil {
		t.Fatal(err)
	}
	var ns []string
	for _, e := range es {
		ns = append(ns, e.Name())
	}
	return ns
}

// TestInboxBillPDFs: a bill PDF dropped with the bill_files file that
// names it goes in with that file and is filed in done/ after it, not
// refused as a file of no known kind.
func TestInboxBillPDFs(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		db := sqlstoretest.MustOpen(t, dsn)
		dir := t.TempDir()
		writeFile(t, dir, "accounts.csv", accountsCSV)
		writeFile(t, dir, "bill-A1-2026-10.pdf", "%PDF-1.4\n%%EOF\n")
		writeFile(t, dir, "bill_files.csv", "account_id;period;file\nA1;2026-10;bill-A1-2026-10.pdf\n")
		in := &exchange.Inbox{Dir: dir, Importer: &exchange.Importer{Store: db},
			Now: func() time.Time { return time.Date(2026, 12, 2, 6, 0, 0, 0, time.UTC) }}
		if n, err := in.Scan(ctx); err != nil || n != 3 {
			t.Fatalf("Scan took %d files, %v; want 3", n, err)
		}
		done := names(t, dir, "done")
		if !slices.Contains(done, "20261202T060000Z-bill_files.csv") || !slices.Contains(done, "20261202T060000Z-bill-A1-2026-10.pdf") {
			t.Errorf("done/ holds %v, want bill_files.csv and its PDF", done)
		}
		if n := count(t, db, "bill_pdfs"); n != 1 {
			t.Errorf("%d bill PDFs kept, want 1", n)
		}
	})
}
