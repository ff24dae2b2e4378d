package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"

	"kabinet/cmd/kabinet/app"
	"kabinet/exchange"
	"kabinet/sqlstore"
)

// exchangeFlags are the flags of `kabinet import` and `kabinet export-world`.
type exchangeFlags struct {
	dryRun bool
	again  bool
	jsonl  bool
}

func (f *exchangeFlags) bind(fs *flag.FlagSet, cmd string) {
	switch cmd {
	case "import":
		fs.BoolVar(&f.dryRun, "dry-run", false, "check every line, write nothing")
		fs.BoolVar(&f.again, "again", false, "import files imported before again (their records change nothing)")
	case "export-world":
		fs.BoolVar(&f.jsonl, "jsonl", false, "write JSON Lines instead of CSV")
	}
}

// importExchange imports the billing system's files (`kabinet import
// [--dry-run] FILE|DIR`, docs/exchange.md): progress and a summary per file
// on out, and an error, so a non-zero exit, when any line was refused.
func importExchange(ctx context.Context, cfg Config, f exchangeFlags, args []string, out io.Writer) error {
	if len(args) != 1 {
		return fmt.Errorf("usage: kabinet import [--dry-run] FILE|DIR")
	}
	app.TuneGC()
	// The application's importer tells the customers of closed accounts.
	log := slog.New(slog.DiscardHandler)
	db, q, err := app.Open(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer db.Close()
	a, err := app.New(ctx, cfg, db, q, log)
	if err != nil {
		return err
	}
	im := a.Importer()
	im.DryRun, im.Again, im.Progress = f.dryRun, f.again, out
	sums, err := im.ImportPath(ctx, args[0])
	refused := 0
	for _, s := range sums {
		if f.dryRun {
			fmt.Fprintf(out, "проверка: %s\n", s)
		}
		refused += s.Refused
	}
	if err != nil {
		return err
	}
	if refused > 0 {
		return fmt.Errorf("отклонено строк: %d", refused)
	}
	return nil
}

// exportWorld writes the whole world of the database as the billing
// system's IN files (`kabinet export-world DIR`): to move a world, and for
// the round trip of bench/import.
func exportWorld(ctx context.Context, cfg Config, f exchangeFlags, args []string, out io.Writer) error {
	if len(args) != 1 {
		return fmt.Errorf("usage: kabinet export-world [--jsonl] DIR")
	}
	enc := exchange.CSV
	if f.jsonl {
		enc = exchange.JSONL
	}
	return withDB(ctx, cfg, func(db *sqlstore.DB) error {
		if err := exchange.ExportWorld(ctx, db, args[0], enc); err != nil {
			return err
		}
		fmt.Fprintf(out, "мир выгружен в %s\n", args[0])
		return nil
	})
}
