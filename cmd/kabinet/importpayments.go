package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"

	"kabinet/payments"
	"kabinet/sqlstore"
)

// registryFlags are the flags of `kabinet import-payments`: the registry's
// format, as agreed with the agent.
func registryFlags(fs *flag.FlagSet) *payments.RegistryFormat {
	f := payments.DefaultRegistryFormat()
	fs.StringVar(&f.Agent, "agent", f.Agent, "the payment agent (its payment ids are unique per agent)")
	fs.Func("delimiter", "the column delimiter (default ;)", func(s string) error {
		r, n := utf8.DecodeRuneInString(s)
		if n == 0 || n != len(s) {
			return fmt.Errorf("one character, please")
		}
		f.Delimiter = r
		return nil
	})
	fs.StringVar(&f.Encoding, "encoding", "utf-8", "the file's encoding: utf-8 or windows-1251")
	fs.Func("columns", "the columns in order (default "+strings.Join(f.Columns, ",")+")", func(s string) error {
		f.Columns = strings.Split(s, ",")
		return nil
	})
	return &f
}

// importPayments credits an agent's registry of payments
// (`kabinet import-payments FILE`) and reports the lines it rejected. It
// fails when any line was rejected, so that a script notices.
func importPayments(ctx context.Context, cfg Config, format payments.RegistryFormat, args []string, out io.Writer) error {
	if len(args) != 1 {
		return fmt.Errorf("usage: kabinet import-payments [--agent A] [--delimiter ;] [--columns id,date,account,provider,amount,period] [--encoding windows-1251] FILE")
	}
	file, err := os.Open(args[0])
	if err != nil {
		return err
	}
	defer file.Close()
	return withDB(ctx, cfg, func(db *sqlstore.DB) error {
		rep, err := payments.ImportRegistry(ctx, db, format, file)
		if rep != nil {
			fmt.Fprintf(out, "%s: credited %d payments, %s; %d already credited before; %d rejected\n",
				args[0], rep.Credited, rep.Sum, rep.Duplicates, len(rep.Rejected))
			for _, r := range rep.Rejected {
				fmt.Fprintf(out, "  line %d: %s: %s\n", r.Line, r.Reason, r.Text)
			}
		}
		if err != nil {
			return err
		}
		if len(rep.Rejected) > 0 {
			return fmt.Errorf("%d lines rejected", len(rep.Rejected))
		}
		return nil
	})
}
