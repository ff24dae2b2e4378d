// Command export measures the billing exchange's export: it builds a small
// demo world (unless the database holds one), passes -readings readings
// «in the portal» (rows with a session, loaded in bulk, so the journal's
// triggers fire for each as for a customer's), then times one export of
// what changed since the last export into a directory, as
// `kabinet export` does: stamping the journal, then writing the files.
//
//	go run ./bench/export -readings 1000000 -db /tmp/export-1m.db
//	go run ./bench/export -readings 1000000 -db 'postgres://postgres@127.0.0.1:5432/export1m?sslmode=disable'
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"runtime/pprof"
	"syscall"
	"time"

	"kabinet/demo"
	"kabinet/exchange"
	"kabinet/sqlstore"
)

func main() {
	dsn := flag.String("db", "/tmp/kabinet-export.db", "database (a SQLite path or a postgres:// URL)")
	accounts := flag.Int("accounts", 10000, "homes in the demo world the readings are passed for")
	n := flag.Int("readings", 1000000, "readings to pass before the export; 0 exports what is pending")
	to := flag.String("to", "", "directory of the export (default: a temporary one, removed after)")
	format := flag.String("format", "csv", "csv or jsonl")
	profile := flag.String("cpuprofile", "", "write a CPU profile of the export to this file")
	flag.Parse()
	ctx := context.Background()
	db, err := sqlstore.Open(ctx, *dsn)
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()
	start := time.Now()
	w, err := demo.Build(ctx, db, demo.Options{Accounts: *accounts, Seed: 1, Today: time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("demo world of %d homes ready in %s\n", w.Accounts, time.Since(start).Round(time.Millisecond))
	if *n > 0 {
		start = time.Now()
		if err := passReadings(ctx, db, *n); err != nil {
			log.Fatal(err)
		}
		fmt.Printf("%d readings passed in %s\n", *n, time.Since(start).Round(time.Millisecond))
	}
	dir := *to
	if dir == "" {
		if dir, err = os.MkdirTemp("", "kabinet-export-"); err != nil {
			log.Fatal(err)
		}
		defer os.RemoveAll(dir)
	}
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
	if err := export(ctx, db, dir, exchange.Encoding(*format)); err != nil {
		log.Fatal(err)
	}
}

// export times one export after the last one: of what was passed since.
func export(ctx context.Context, db *sqlstore.DB, dir string, enc exchange.Encoding) error {
	since, err := db.LastExport(ctx)
	if err != nil {
		return err
	}
	x := &exchange.Exporter{Store: db}
	cpu0 := cpuTime()
	start := time.Now()
	e, err := x.Start(ctx, "bench", since)
	if err != nil {
		return err
	}
	stamped := time.Since(start)
	counts, err := x.ToDir(ctx, e, dir, exchange.DirOptions{Encoding: enc})
	if err != nil {
		return err
	}
	total := time.Since(start)
	st, err := os.Stat(filepath.Join(dir, "portal_readings."+string(enc)))
	if err != nil {
		return err
	}
	fmt.Printf("exported %d portal readings (%d changes taken) on %s in %s (stamping %s, writing %s): %.0f readings/s, %s %.1f MB\n",
		counts["portal_readings"], e.Changes, db.Engine(), total.Round(time.Millisecond), stamped.Round(time.Millisecond),
		(total - stamped).Round(time.Millisecond), float64(counts["portal_readings"])/total.Seconds(), filepath.Base(st.Name()),
		float64(st.Size())/1e6)
	// The machine is shared: the process's CPU time (user+sys) says what
	// the export cost here, whatever the wall clock did meanwhile (on
	// PostgreSQL the server's share is not in it).
	fmt.Printf("export CPU time of this process: %s\n", (cpuTime() - cpu0).Round(time.Millisecond))
	return nil
}

// cpuTime is the process's user+sys CPU time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
