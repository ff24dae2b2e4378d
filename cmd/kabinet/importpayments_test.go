package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kabinet/demo"
	"kabinet/sqlstore"
)

// TestImportPaymentsCommand imports a registry in a custom format twice:
// the good line is credited once, the bad ones are reported each time and
// make the command fail.
func TestImportPaymentsCommand(t *testing.T) {
	ctx := context.Background()
	dsn := filepath.Join(t.TempDir(), "kabinet.db")
	db, err := sqlstore.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := demo.Build(ctx, db, demo.Options{Accounts: 5, Seed: 1, Today: time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	db.Close()
	file := filepath.Join(t.TempDir(), "gorod-20261127.txt")
	os.WriteFile(file, []byte("#FILESUM 1010,00\n1|10103001857|IES|27.11.2026|1000,00\n2|10103001857|XYZ|27.11.2026|10,00\n"), 0o644)
	args := []string{"import-payments", "--db", dsn, "--delimiter", "|", "--columns", "id,account,provider,date,amount", file}
	for i, want := range []string{"credited 1 payments, 1\u00a0000,00\u00a0₽; 0 already", "credited 0 payments, 0,00\u00a0₽; 1 already"} {
		var out bytes.Buffer
		err := run(ctx, args, &out)
		if err == nil || !strings.Contains(out.String(), want) || !strings.Contains(out.String(), "line 3: неизвестный поставщик «XYZ»") {
			t.Fatalf("run %d: %v\n%s", i, err, out.String())
		}
	}
}
