package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kabinet"
	"kabinet/billrun"
	"kabinet/demo"
	"kabinet/sqlstore"
)

// TestBillCommand closes November 2026 on a demo world and prints
// Иванов's bill: a PDF whose text pdftotext reads back.
func TestBillCommand(t *testing.T) {
	ctx := context.Background()
	dsn := filepath.Join(t.TempDir(), "kabinet.db")
	mustCloseNovember(t, dsn).Close()

	var out bytes.Buffer
	if err := run(ctx, []string{"bill", "--db", dsn, "10103001857", "2026-11"}, &out); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(out.Bytes(), []byte("%PDF-")) {
		t.Fatalf("not a PDF: %.20q", out.Bytes())
	}
	var other bytes.Buffer
	if err := run(ctx, []string{"bill", "--db", dsn, "10103001857", "2026-10"}, &other); err != nil || !bytes.HasPrefix(other.Bytes(), []byte("%PDF-")) {
		t.Errorf("the October bill of the demo's history: %v", err)
	}
	if err := run(ctx, []string{"bill", "--db", dsn, "10103001857", "2026-12"}, &other); kabinet.ErrorCode(err) != kabinet.ENOTFOUND {
		t.Errorf("a bill for a month not closed: %v", err)
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("KABINET_TEST_TOOLS") != "" {
			t.Fatal("pdftotext is missing")
		}
		t.Skip("pdftotext is missing")
	}
	path := filepath.Join(t.TempDir(), "bill.pdf")
	os.WriteFile(path, out.Bytes(), 0o644)
	text, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Иванов Иван Иванович", "10103001857", "ноябрь 2026"} {
		if !strings.Contains(strings.ToLower(string(text)), strings.ToLower(want)) {
			t.Errorf("the bill's text lacks %q:\n%s", want, text)
		}
	}
}

// mustCloseNovember builds a demo world of 5 homes as of 27.11.2026 in a
// SQLite file at dsn and closes November as the night of 01.12 would,
// returning the open database.
func mustCloseNovember(t *testing.T, dsn string) *sqlstore.DB {
	t.Helper()
	ctx := context.Background()
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
	return db
}
