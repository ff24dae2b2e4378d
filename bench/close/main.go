// Command close measures the month close: it builds a demo world as of
// 27.11.2026 (unless the database holds one) and closes November 2026 as on
// 01.12.2026, printing the time it took.
//
//	go run ./bench/close -accounts 100000 -db /tmp/close-100k.db
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"log/slog"
	"os"
	"runtime/debug"
	"runtime/pprof"
	"time"

	"kabinet"
	"kabinet/cmd/kabinet/app"
	"kabinet/demo"
)

func main() {
	dsn := flag.String("db", "/tmp/kabinet-close.db", "database (a SQLite path or a postgres:// URL)")
	n := flag.Int("accounts", 100000, "homes in the demo world")
	chunk := flag.Int("chunk", 500, "accounts per transaction")
	profile := flag.String("cpuprofile", "", "write a CPU profile of the close to this file")
	flag.Parse()
	ctx := context.Background()
	db, q, err := app.Open(ctx, app.Config{DB: *dsn}, nil) // the store, with the queue the application runs on it
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()
	start := time.Now()
	w, err := demo.Build(ctx, db, demo.Options{Accounts: *n, Seed: 1, Today: time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("demo world of %d homes ready in %s\n", w.Accounts, time.Since(start).Round(time.Millisecond))
	// The application as `kabinet close-period` would run it on 01.12.2026.
	cfg := app.DefaultConfig()
	cfg.TimeZone, cfg.Now = "UTC", time.Date(2026, 12, 1, 3, 0, 0, 0, time.UTC)
	if cfg.Data, err = os.MkdirTemp("", "bench-close"); err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(cfg.Data)
	a, err := app.New(ctx, cfg, db, q, slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn})))
	if err != nil {
		log.Fatal(err)
	}
	e := a.Billing
	e.ChunkSize = *chunk
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
	debug.SetGCPercent(400) // as `kabinet close-period` runs it
	start = time.Now()
	if _, err := e.Close(ctx, kabinet.Period{Year: 2026, Month: time.November}); err != nil {
		log.Fatal(err)
	}
	fmt.Printf("closed 2026-11 for %d homes on %s in %s\n", w.Accounts+4, db.Engine(), time.Since(start).Round(time.Millisecond))
}
