package main

import (
	"context"
	"fmt"
	"io"
	"runtime/debug"
	"time"

	"kabinet/demo"
	"kabinet/jobs"
	"kabinet/sqlstore"
)

// buildDemo builds a demo world of --accounts homes, printing progress.
// Killed halfway, it resumes on the next run (or the next serve).
func buildDemo(ctx context.Context, cfg Config, out io.Writer) error {
	cal, err := cfg.Calendar()
	if err != nil {
		return err
	}
	db, err := sqlstore.Open(ctx, cfg.DSN())
	if err != nil {
		return err
	}
	defer db.Close()
	db.Now = cal.Now
	// A build allocates many short-lived rows; fewer collections make a
	// million homes about 15 % faster for some more memory.
	defer debug.SetGCPercent(debug.SetGCPercent(400))
	began, last := time.Now(), time.Time{}
	w, err := demo.Build(ctx, db, demo.Options{Accounts: cfg.DemoAccounts, Seed: cfg.DemoSeed, Location: cal.Location, Today: cal.Now(),
		Progress: func(p demo.Progress) {
			switch {
			case p.Month != "":
				fmt.Fprintf(out, "closed %s (%d/%d months), %s elapsed, about %s left\n",
					p.Month, p.Done, p.Total, p.Elapsed.Round(time.Second), p.Left.Round(time.Second))
			case time.Since(last) >= time.Second || p.Done == p.Total:
				last = time.Now()
				fmt.Fprintf(out, "%d/%d homes, %.0f/s, %s elapsed, about %s left\n",
					p.Done, p.Total, p.Rate, p.Elapsed.Round(time.Second), p.Left.Round(time.Second))
			}
		}})
	if err != nil {
		return err
	}
	if w.Accounts != cfg.DemoAccounts || w.Seed != cfg.DemoSeed {
		fmt.Fprintf(out, "the database already holds a demo world of %d homes (seed %d); use another --db for a new one\n", w.Accounts, w.Seed)
		return nil
	}
	fmt.Fprintf(out, "demo world of %d homes (seed %d) is complete on %s in %s\n", w.Accounts, w.Seed, db.Engine(), time.Since(began).Round(time.Millisecond))
	return nil
}

// migrate brings the schema of the portal and its job queue up to date.
func migrate(ctx context.Context, cfg Config, out io.Writer) error {
	return withDB(ctx, cfg, func(db *sqlstore.DB) error {
		if _, err := jobs.New(ctx, jobs.Config{Engine: db.Engine(), DB: db.SQL()}); err != nil {
			return err
		}
		fmt.Fprintf(out, "database %s is up to date\n", db.Engine())
		return nil
	})
}
