// Command kabinet is the customer self-service portal: `serve` runs the
// portal, its back office and its workers; `demo` builds a demo world;
// `migrate` brings the database schema up to date; `close-period YYYY-MM`
// closes a billing month; `bill ACCOUNT YYYY-MM` prints a bill's PDF;
// `statement ACCOUNT SERVICE FROM TO` prints a reconciliation statement's;
// `import-payments FILE` credits a payment agent's registry; `operator add`
// adds a back-office operator; `import FILE|DIR` imports the billing
// system's files and `export-world DIR` writes a world as such files;
// `export --to DIR` writes what customers did for the supplier's billing;
// `token add|revoke|list` manages the billing system's exchange tokens.
// With no command it
// serves, building a demo world on first start.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"syscall"
	_ "time/tzdata" // the supplier's time zone, whatever the host has

	"kabinet/cmd/kabinet/app"
	"kabinet/payments"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := runIn(ctx, os.Args[1:], os.Stdin, os.Stdout); err != nil && !errors.Is(err, flag.ErrHelp) {
		fmt.Fprintln(os.Stderr, "kabinet:", err)
		os.Exit(1)
	}
}

// run dispatches a command line with nothing on standard input.
func run(ctx context.Context, args []string, out io.Writer) error {
	return runIn(ctx, args, strings.NewReader(""), out)
}

// runIn dispatches a command line; ctx ends on SIGINT or SIGTERM.
func runIn(ctx context.Context, args []string, stdin io.Reader, out io.Writer) error {
	cmd := "serve"
	if len(args) > 0 && args[0] != "" && args[0][0] != '-' {
		cmd, args = args[0], args[1:]
	}
	var op operatorFlags
	if cmd == "operator" {
		if len(args) == 0 || args[0] != "add" {
			return fmt.Errorf("usage: kabinet operator add --login L --name N [--role operator|admin] [--password-stdin]")
		}
		args = args[1:]
	}
	var tok tokenFlags
	if cmd == "token" {
		var err error
		if args, err = tok.take(args); err != nil {
			return err
		}
	}
	cfg := DefaultConfig()
	fs := flag.NewFlagSet("kabinet "+cmd, flag.ContinueOnError)
	if err := bind(&cfg, fs); err != nil {
		return err
	}
	var format *payments.RegistryFormat
	if cmd == "import-payments" {
		format = registryFlags(fs)
	}
	if cmd == "operator" {
		op.bind(fs)
	}
	var xf exchangeFlags
	xf.bind(fs, cmd)
	var ex exportFlags
	if cmd == "export" {
		ex.bind(fs)
	}
	if cmd == "token" {
		tok.bind(fs)
	}
	if cmd == "demo" {
		fs.IntVar(&cfg.DemoAccounts, "accounts", cfg.DemoAccounts, "homes in the demo world")
		fs.Int64Var(&cfg.DemoSeed, "seed", cfg.DemoSeed, "seed of the demo world")
	}
	switch cmd {
	case "serve", "demo", "migrate", "close-period", "reopen-period", "bill", "statement", "import-payments", "operator", "import",
		"export-world", "export", "token":
		if err := fs.Parse(args); err != nil {
			return err
		}
	default:
		return fmt.Errorf("unknown command %q (serve, demo, migrate, close-period, reopen-period, bill, statement, import-payments, operator, import, export-world, export, token)", cmd)
	}
	switch cmd {
	case "demo":
		return buildDemo(ctx, cfg, out)
	case "migrate":
		return migrate(ctx, cfg, out)
	case "close-period":
		return closePeriod(ctx, cfg, fs.Args(), out)
	case "reopen-period":
		return reopenPeriod(ctx, cfg, fs.Args(), out)
	case "bill":
		return printBill(ctx, cfg, fs.Args(), out)
	case "statement":
		return printStatement(ctx, cfg, fs.Args(), out)
	case "import-payments":
		return importPayments(ctx, cfg, *format, fs.Args(), out)
	case "operator":
		return addOperator(ctx, cfg, op, stdin, out)
	case "import":
		return importExchange(ctx, cfg, xf, fs.Args(), out)
	case "export-world":
		return exportWorld(ctx, cfg, xf, fs.Args(), out)
	case "export":
		return export(ctx, cfg, ex, out)
	case "token":
		return tokenCommand(ctx, cfg, tok, out)
	}
	return serve(ctx, cfg, out)
}

// serve runs the portal until ctx ends, then shuts down gracefully.
func serve(ctx context.Context, cfg Config, out io.Writer) error {
	app.TuneGC()
	m := NewMain(cfg, newLogger(os.Stderr))
	if err := m.Run(ctx); err != nil {
		m.Close(context.Background())
		return err
	}
	m.PrintWelcome(ctx, out)
	<-ctx.Done()
	m.log.Info("shutting down", "drain_grace", cfg.DrainGrace, "timeout", cfg.ShutdownTimeout)
	sctx, cancel := context.WithTimeout(context.Background(), cfg.DrainGrace+cfg.ShutdownTimeout)
	defer cancel()
	return m.Drain(sctx)
}

func newLogger(w io.Writer) *slog.Logger {
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: slog.LevelInfo}))
}
