// Command import measures the billing exchange's import (BEY-6): it builds
// a demo world of N homes with a year of history (unless -src holds one),
// writes it as the billing system's IN files (accounts, meters, readings,
// 12 months of ledger and bills), imports them into an empty database and
// prints the time; then a nightly delta of -delta ledger entries.
//
//	go run ./bench/import -accounts 100000 -src /tmp/world-100k.db -db /tmp/import-100k.db
//	go run ./bench/import -accounts 100000 -src /tmp/world-100k.db -db 'postgres://postgres@127.0.0.1:5432/import100k?sslmode=disable'
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime/pprof"
	"time"

	"kabinet/demo"
	"kabinet/exchange"
	"kabinet/sqlstore"
)

func main() {
	n := flag.Int("accounts", 100000, "homes in the demo world")
	src := flag.String("src", "/tmp/kabinet-import-src.db", "the demo world to export (built when empty)")
	dir := flag.String("dir", "", "the IN files (default: next to -src; written when absent)")
	dsn := flag.String("db", "/tmp/kabinet-import.db", "the database to import into: a SQLite path (removed first) or an empty postgres:// database")
	delta := flag.Int("delta", 50000, "ledger entries in the nightly delta (0: none)")
	jsonl := flag.Bool("jsonl", false, "JSON Lines instead of CSV")
	profile := flag.String("cpuprofile", "", "write a CPU profile of the import to this file")
	flag.Parse()
	ctx := context.Background()
	if *dir == "" {
		*dir = *src + ".in"
	}
	if _, err := os.Stat(*dir); err != nil {
		exportWorld(ctx, *src, *dir, *n, *jsonl)
	}
	if !sqlstore.IsPostgres(*dsn) {
		for _, suffix := range []string{"", "-wal", "-shm"} {
			os.Remove(*dsn + suffix)
		}
	}
	db, err := sqlstore.Open(ctx, *dsn)
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()
	if *profile != "" {
		f, err := os.Create(*profile)
		if err != nil {
			log.Fatal(err)
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			log.Fatal(err)
		}
		defer pprof.StopCPUProfile()
	}
	start := time.Now()
	im := &exchange.Importer{Store: db, Progress: os.Stdout, Chunk: 5000}
	sums, err := im.ImportPath(ctx, *dir)
	if err != nil {
		log.Fatal(err)
	}
	lines := 0
	for _, s := range sums {
		lines += s.Lines
	}
	took := time.Since(start)
	fmt.Printf("imported %d lines (%d homes) on %s in %s (%.0f lines/s)\n", lines, *n, db.Engine(), took.Round(time.Millisecond), float64(lines)/took.Seconds())
	if *delta > 0 {
		nightly(ctx, im, *dir, *delta)
	}
}

func exportWorld(ctx context.Context, src, dir string, n int, jsonl bool) {
	db, err := sqlstore.Open(ctx, src)
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()
	start := time.Now()
	if _, err := demo.Build(ctx, db, demo.Options{Accounts: n, Seed: 1, Today: time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)}); err != nil {
		log.Fatal(err)
	}
	fmt.Printf("demo world of %d homes ready in %s\n", n, time.Since(start).Round(time.Millisecond))
	start = time.Now()
	enc := exchange.CSV
	if jsonl {
		enc = exchange.JSONL
	}
	if err := exchange.ExportWorld(ctx, db, dir, enc); err != nil {
		log.Fatal(err)
	}
	fmt.Printf("exported as IN files to %s in %s\n", dir, time.Since(start).Round(time.Millisecond))
}

// nightly writes a delta of n payments by other channels on random
// sub-accounts of the world and times its import.
func nightly(ctx context.Context, im *exchange.Importer, dir string, n int) {
	subs := subAccounts(dir)
	path := filepath.Join(os.TempDir(), fmt.Sprintf("ledger-delta-%d.csv", time.Now().UnixNano()))
	f, err := os.Create(path)
	if err != nil {
		log.Fatal(err)
	}
	defer os.Remove(path)
	w, err := exchange.NewWriter(f, exchange.KindLedger, exchange.CSV, false)
	if err != nil {
		log.Fatal(err)
	}
	r := exchange.KindLedger.NewRecord()
	stamp := time.Now().UnixNano()
	for i := range n {
		r.Set("entry_id", fmt.Sprintf("N%d-%d", stamp, i))
		r.Set("subaccount_id", subs[rand.IntN(len(subs))])
		r.Set("period", "2026-11")
		r.Set("kind", "payment")
		r.Set("amount", "100.00")
		r.Set("posted_on", "2026-11-28")
		r.Set("channel", "bank")
		if err := w.Write(r); err != nil {
			log.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		log.Fatal(err)
	}
	f.Close()
	start := time.Now()
	s, err := im.ImportFile(ctx, path, nil)
	if err != nil || !s.OK() {
		log.Fatal(s, err)
	}
	fmt.Printf("nightly delta of %d ledger entries imported in %s\n", n, time.Since(start).Round(time.Millisecond))
}

func subAccounts(dir string) []string {
	matches, _ := filepath.Glob(filepath.Join(dir, "subaccounts.*"))
	if len(matches) == 0 {
		log.Fatal("no subaccounts file in ", dir)
	}
	f, err := os.Open(matches[0])
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	rd, err := exchange.NewReader(matches[0], f, nil)
	if err != nil {
		log.Fatal(err)
	}
	var ids []string
	for r := rd.Kind().NewRecord(); rd.Next(r) == nil; {
		ids = append(ids, r.Get("subaccount_id"))
	}
	return ids
}
