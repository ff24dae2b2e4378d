// Command import measures the billing exchange's import (BEY-6): it builds
// a demo world of -base homes with a year of history (unless -src holds
// one), writes it as the billing system's IN files (accounts, meters,
// readings, 12 months of ledger and bills), replicates those files into a
// world of -accounts homes (copies with their own IDs and account numbers;
// see replicate), imports them into an empty database and prints the time
// of each file and the lines per second; then a nightly delta of -delta
// ledger entries.
//
//	go run ./bench/import -accounts 100000 -src /tmp/world-10k.db -db /tmp/import-100k.db
//	go run ./bench/import -accounts 100000 -src /tmp/world-10k.db -db 'postgres://postgres@127.0.0.1:5432/import100k?sslmode=disable'
//	go run ./bench/import -accounts 1000000 -src /tmp/world-10k.db -db /tmp/import-1m.db
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
	"strings"
	"time"

	"kabinet/cmd/kabinet/app"
	"kabinet/demo"
	"kabinet/exchange"
	"kabinet/sqlstore"
)

func main() {
	n := flag.Int("accounts", 100000, "homes in the imported world: a multiple of -base")
	base := flag.Int("base", 10000, "homes in the demo world built and exported once, then replicated")
	src := flag.String("src", "/tmp/kabinet-import-src.db", "the demo world of -base homes to export (built when empty)")
	dir := flag.String("dir", "", "the IN files (default: next to -src; written when absent)")
	dsn := flag.String("db", "/tmp/kabinet-import.db", "the database to import into: a SQLite path (removed first) or an empty postgres:// database")
	delta := flag.Int("delta", 50000, "ledger entries in the nightly delta (0: none)")
	jsonl := flag.Bool("jsonl", false, "JSON Lines instead of CSV")
	profile := flag.String("cpuprofile", "", "write a CPU profile of the import to this file")
	chunk := flag.Int("chunk", 5000, "lines per transaction")
	deltaOnly := flag.Bool("delta-only", false, "only the nightly delta, into the world -db holds already")
	flag.Parse()
	ctx := context.Background()
	if *n%*base != 0 {
		log.Fatalf("-accounts %d is not a multiple of -base %d", *n, *base)
	}
	if *dir == "" {
		*dir = fmt.Sprintf("%s.in-%d", *src, *n)
	}
	baseDir := fmt.Sprintf("%s.in-%d", *src, *base)
	if _, err := os.Stat(baseDir); err != nil {
		exportWorld(ctx, *src, baseDir, *base, *jsonl)
	}
	if _, err := os.Stat(*dir); err != nil {
		start := time.Now()
		if err := replicate(baseDir, *dir, *n / *base); err != nil {
			log.Fatal(err)
		}
		fmt.Printf("%d copies of the %d-home world written to %s in %s\n", *n / *base, *base, *dir, time.Since(start).Round(time.Millisecond))
	}
	if !sqlstore.IsPostgres(*dsn) && !*deltaOnly {
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
	app.TuneGC() // as `kabinet import` runs
	if *deltaOnly {
		nightly(ctx, &exchange.Importer{Store: db, Chunk: *chunk}, *dir, *delta)
		return
	}
	start := time.Now()
	ph := &phases{start: start, last: start}
	im := &exchange.Importer{Store: db, Progress: ph, Chunk: *chunk}
	sums, err := im.ImportPath(ctx, *dir)
	if err != nil {
		log.Fatal(err)
	}
	took := time.Since(start)
	lines := 0
	fmt.Printf("\n%-22s %10s %10s %12s\n", "phase", "lines", "time", "lines/s")
	for i, s := range sums {
		lines += s.Lines
		if !s.OK() {
			log.Fatalf("%s refused", s.File)
		}
		d := ph.took[i]
		fmt.Printf("%-22s %10d %10s %12.0f\n", s.File, s.Lines, d.Round(time.Millisecond), float64(s.Lines)/d.Seconds())
	}
	fmt.Printf("%-22s %10s %10s\n", "balances, statistics", "", time.Since(ph.last).Round(time.Millisecond))
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
	loaded := time.Since(start)
	// Then what `kabinet import` and the exchange over HTTP do after a
	// file: the kept balances the delta left stale, and the statistics.
	if _, err := im.Store.Settle(ctx); err != nil {
		log.Fatal(err)
	}
	took := time.Since(start)
	fmt.Printf("nightly delta of %d ledger entries imported in %s: loaded in %s, settled in %s\n", n,
		took.Round(time.Millisecond), loaded.Round(time.Millisecond), (took - loaded).Round(time.Millisecond))
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

// phases passes the import's progress on to standard output with the time
// since the start, and times each file by its summary line.
type phases struct {
	start, last time.Time
	took        []time.Duration
}

func (p *phases) Write(b []byte) (int, error) {
	now := time.Now()
	line := string(b)
	if i := strings.Index(line, "): "); i > 0 && strings.Contains(line[:i], " (") && !strings.Contains(line, "продолжение") {
		p.took = append(p.took, now.Sub(p.last))
		p.last = now
	}
	fmt.Printf("[%7.1fs] %s", now.Sub(p.start).Seconds(), line)
	return len(b), nil
}
