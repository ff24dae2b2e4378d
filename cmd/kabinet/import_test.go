package main

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"kabinet/sqlstore"
	"kabinet/sqlstore/sqlstoretest"
)

// RoundTripEnv sets the homes of TestImportRoundTripCommand's world (50 by
// default; 10000 for the acceptance run).
const RoundTripEnv = "KABINET_TEST_ROUNDTRIP_HOMES"

// TestImportRoundTripCommand: a demo world written by `kabinet export-world`
// and read by `kabinet import` into an empty database with the built-in
// billing off prints the same bills (`kabinet bill`, compared as text) for
// random accounts and months, and shows the same customer pages of those
// accounts (pages_test.go); importing again changes nothing; a file with a
// bad line makes the command fail. The world is built on SQLite and
// imported into each engine.
func TestImportRoundTripCommand(t *testing.T) {
	ctx := context.Background()
	homes := 50
	if n, err := strconv.Atoi(os.Getenv(RoundTripEnv)); err == nil {
		homes = n
	}
	dir := t.TempDir()
	src, files := filepath.Join(dir, "src.db"), filepath.Join(dir, "in")
	mustRunCommands(t, [][]string{
		{"demo", "--db", src, "--accounts", strconv.Itoa(homes)},
		{"export-world", "--db", src, files},
	})
	numbers := accountNumbers(t, src)
	sqlstoretest.Run(t, func(t *testing.T, dst string) {
		out := mustRunCommands(t, [][]string{{"import", "--db", dst, "--builtin-billing=false", files}})
		if !strings.Contains(out, "bills.csv (bills): строк") {
			t.Errorf("no summary of the bills:\n%s", out)
		}
		rng := rand.New(rand.NewPCG(uint64(homes), 7))
		sampled := map[string]bool{}
		for range min(200, len(numbers)) {
			n := numbers[rng.IntN(len(numbers))]
			p := fmt.Sprintf("2026-%02d", 1+rng.IntN(10))
			want, got := billText(t, src, n, p), billText(t, dst, n, p)
			if want != got {
				t.Errorf("%s %s: the imported bill reads\n%s\nthe original\n%s", n, p, got, want)
			}
			sampled[n] = true
		}
		original, imported := newPageReader(t, src, true), newPageReader(t, dst, false)
		for _, n := range numbers {
			if sampled[n] {
				for _, d := range pageDifferences(n, original.customerPages(n), imported.customerPages(n)) {
					t.Error(d)
				}
			}
		}
		pagesShowBrokenFigure(t, original, imported, sampled)
		var again bytes.Buffer
		if err := run(ctx, []string{"import", "--db", dst, "--again", files}, &again); err != nil || strings.Contains(again.String(), "добавлено 1") {
			t.Errorf("importing again: %v\n%s", err, again.String())
		}
		bad := filepath.Join(t.TempDir(), "accounts-delta.csv")
		os.WriteFile(bad, []byte("account_id;account_number;surname;address;settlement;housing\nX1;12345;Петров;ул. Мира, 1;city;tent\n"), 0o644)
		var refused bytes.Buffer
		if err := run(ctx, []string{"import", "--db", dst, bad}, &refused); err == nil || !strings.Contains(refused.String(), "accounts-delta.csv:2: housing:") {
			t.Errorf("a bad line: %v\n%s", err, refused.String())
		}
	})
}

// mustRunCommands runs kabinet commands in turn and returns the last one's
// output.
func mustRunCommands(t *testing.T, commands [][]string) string {
	t.Helper()
	var out bytes.Buffer
	for _, args := range commands {
		out.Reset()
		if err := run(context.Background(), args, &out); err != nil {
			t.Fatalf("kabinet %s: %v\n%s", strings.Join(args, " "), err, out.String())
		}
	}
	return out.String()
}

// pagesShowBrokenFigure checks that the comparison of pages can fail: the
// last payment of a sampled account made a kopeck bigger in the imported
// world shows on «История оплат» (and is put back after, so the check of
// idempotence that follows is untouched).
func pagesShowBrokenFigure(t *testing.T, original, imported *pageReader, sampled map[string]bool) {
	t.Helper()
	ctx := context.Background()
	db := imported.db.SQL()
	rows, err := db.QueryContext(ctx, `SELECT a.display, MAX(l.id) FROM ledger l JOIN sub_accounts s ON s.id = l.sub_account_id
		JOIN accounts a ON a.id = s.account_id WHERE l.kind = 'payment' GROUP BY a.display ORDER BY a.display`)
	if err != nil {
		t.Fatal(err)
	}
	var n string
	var id int64
	for rows.Next() {
		if err := rows.Scan(&n, &id); err != nil {
			t.Fatal(err)
		}
		if sampled[n] {
			break
		}
	}
	rows.Close()
	if !sampled[n] {
		t.Fatal("no sampled account has a payment")
	}
	shift := func(by int) {
		if _, err := db.ExecContext(ctx, `UPDATE ledger SET amount = amount + $1 WHERE id = $2`, by, id); err != nil {
			t.Fatal(err)
		}
	}
	shift(-1) // payments are negative amounts: a kopeck more paid
	diffs := pageDifferences(n, original.customerPages(n), imported.customerPages(n))
	shift(1)
	if !slices.ContainsFunc(diffs, func(d string) bool { return strings.Contains(d, ", История оплат:") }) {
		t.Errorf("a payment a kopeck bigger in the imported world is not seen on «История оплат»: %q", diffs)
	}
	t.Logf("one payment of %s broken by a kopeck: %d pages differ", n, len(diffs))
}

func accountNumbers(t *testing.T, dsn string) []string {
	t.Helper()
	db := openTestDB(t, dsn)
	rows, err := db.Query(`SELECT display FROM accounts ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var ns []string
	for rows.Next() {
		var n string
		rows.Scan(&n)
		ns = append(ns, n)
	}
	return ns
}

func openTestDB(t *testing.T, dsn string) *sql.DB {
	t.Helper()
	db, err := sqlstore.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db.SQL()
}

// billText is `kabinet bill`'s PDF as text (pdftotext), or the PDF itself
// without its creation date when pdftotext is missing.
func billText(t *testing.T, dsn, number, period string) string {
	t.Helper()
	var out bytes.Buffer
	if err := run(context.Background(), []string{"bill", "--db", dsn, number, period}, &out); err != nil {
		return "error: " + err.Error()
	}
	return pdfText(t, out.Bytes())
}

// pdfText is a PDF's text (pdftotext -layout), or the PDF itself without
// its creation date when pdftotext is missing.
func pdfText(t *testing.T, doc []byte) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("KABINET_TEST_TOOLS") != "" {
			t.Fatal("pdftotext is missing")
		}
		return stripCreationDate(string(doc))
	}
	cmd := exec.Command("pdftotext", "-layout", "-", "-")
	cmd.Stdin = bytes.NewReader(doc)
	text, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	return string(text)
}

func stripCreationDate(pdf string) string {
	var b strings.Builder
	for _, l := range strings.Split(pdf, "\n") {
		if !strings.Contains(l, "/CreationDate") && !strings.Contains(l, "/ModDate") {
			b.WriteString(l + "\n")
		}
	}
	return b.String()
}

// TestImportSurvivesKill SIGKILLs `kabinet import` again and again while it
// imports a world, restarts it each time, and finds the database the same,
// row for row, as after an import never killed. Both engines.
func TestImportSurvivesKill(t *testing.T) {
	if os.Getenv(DurabilityEnv) != "1" {
		t.Skip("slow: builds the binary and kills it; set " + DurabilityEnv + "=1 (scripts/test does)")
	}
	dir := t.TempDir()
	bin, src, files := filepath.Join(dir, "kabinet"), filepath.Join(dir, "src.db"), filepath.Join(dir, "in")
	mustRun(t, "go", "build", "-o", bin, ".")
	mustRun(t, bin, "demo", "--accounts", "300", "--db", src)
	mustRun(t, bin, "export-world", "--db", src, files)
	sqlstoretest.Run(t, func(t *testing.T, whole string) {
		killed := sqlstoretest.SQLiteDSN(t)
		if sqlstore.IsPostgres(whole) {
			killed = sqlstoretest.PostgresDSN(t)
		}
		mustRun(t, bin, "import", "--db", whole, "--builtin-billing=false", files)
		importKilled(t, bin, killed, files)
		a, b := worldDump(t, whole), worldDump(t, killed)
		for table := range a {
			if a[table] != b[table] {
				t.Errorf("%s differs after the kills from an import never killed", table)
			}
		}
	})
}

// importKilled imports files into killed with bin, SIGKILLing the import
// up to 20 times, each just after a randomly chosen line of its progress
// (a chunk committed, the next one under way), so the kills land in the
// same places however fast the machine is; the last run is let be.
func importKilled(t *testing.T, bin, killed, files string) {
	t.Helper()
	rng := rand.New(rand.NewPCG(3, 4))
	kills := 0
	for run := 0; ; run++ {
		cmd := exec.Command(bin, "import", "--db", killed, "--builtin-billing=false", files)
		progress, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines, killAt := bufio.NewScanner(progress), 1+rng.IntN(3)
		for n := 1; run < 20 && lines.Scan(); n++ {
			if n == killAt {
				cmd.Process.Signal(syscall.SIGKILL)
				break
			}
		}
		io.Copy(io.Discard, progress)
		if err := cmd.Wait(); err != nil {
			if run < 20 && strings.Contains(err.Error(), "killed") {
				kills++
				continue
			}
			t.Fatalf("import after %d kills: %v", kills, err)
		}
		break
	}
	if kills < 3 {
		t.Fatalf("killed only %d times before the import ended; kill sooner", kills)
	}
	t.Logf("killed %d times", kills)
}

// worldDump returns each imported table's rows by external ID, as text.
func worldDump(t *testing.T, dsn string) map[string]string {
	db := openTestDB(t, dsn)
	queries := map[string]string{
		"accounts":     `SELECT external_id, number, surname, address, area, phone FROM accounts`,
		"sub_accounts": `SELECT s.external_id, a.external_id, s.number FROM sub_accounts s JOIN accounts a ON a.id = s.account_id`,
		"meters":       `SELECT m.external_id, s.external_id, m.serial, m.zoning FROM meters m JOIN sub_accounts s ON s.id = m.sub_account_id`,
		"readings":     `SELECT r.external_id, m.external_id, r.v1, r.v2, r.c1, r.c2, r.status FROM readings r JOIN meters m ON m.id = r.meter_id`,
		"ledger":       `SELECT l.external_id, s.external_id, l.kind, l.amount, l.period FROM ledger l JOIN sub_accounts s ON s.id = l.sub_account_id`,
		"bills":        `SELECT b.external_id, a.external_id, b.period, b.data FROM bills b JOIN accounts a ON a.id = b.account_id`,
	}
	dump := map[string]string{}
	for table, q := range queries {
		dump[table] = sqlstoretest.Dump(t, db, q+` ORDER BY 1`)
	}
	return dump
}

// TestClosePeriodRefusedWithoutBuiltinBilling: with the billing system
// owning the money, `kabinet close-period` does not run.
func TestClosePeriodRefusedWithoutBuiltinBilling(t *testing.T) {
	dsn := filepath.Join(t.TempDir(), "kabinet.db")
	err := run(context.Background(), []string{"close-period", "--db", dsn, "--builtin-billing=false", "2026-11"}, &bytes.Buffer{})
	if err == nil || !strings.Contains(err.Error(), "встроенный биллинг выключен") {
		t.Fatalf("close-period with the built-in billing off: %v", err)
	}
}
