package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"time"

	"kabinet/exchange"
	"kabinet/sqlstore"
)

const tokenUsage = "usage: kabinet token add --name N --scope exchange | kabinet token revoke --name N | kabinet token list"

// tokenFlags are the subcommand and flags of `kabinet token`.
type tokenFlags struct {
	sub, name, scope string
}

// take reads the subcommand off the arguments.
func (f *tokenFlags) take(args []string) ([]string, error) {
	if len(args) == 0 {
		return nil, fmt.Errorf(tokenUsage)
	}
	switch args[0] {
	case "add", "revoke", "list":
		f.sub = args[0]
		return args[1:], nil
	}
	return nil, fmt.Errorf(tokenUsage)
}

func (f *tokenFlags) bind(fs *flag.FlagSet) {
	fs.StringVar(&f.name, "name", "", "the token's name (the billing system it is for)")
	fs.StringVar(&f.scope, "scope", "", "what the token reaches: exchange")
}

// tokenCommand adds, revokes or lists machine clients' exchange tokens.
// A new token is printed once; only its hash is kept.
func tokenCommand(ctx context.Context, cfg Config, f tokenFlags, out io.Writer) error {
	return withDB(ctx, cfg, func(db *sqlstore.DB) error {
		tokens := exchange.NewTokens(db)
		switch f.sub {
		case "add":
			secret, t, err := tokens.Add(ctx, f.name, f.scope)
			if err != nil {
				return err
			}
			fmt.Fprintf(out, "token %q (scope %s) added; it is shown only now:\n%s\n", t.Name, t.Scope, secret)
			fmt.Fprintln(out, "send it as «Authorization: Bearer <token>» to /api/exchange/v1/")
			return nil
		case "revoke":
			if err := tokens.Revoke(ctx, f.name); err != nil {
				return err
			}
			fmt.Fprintf(out, "token %q revoked\n", f.name)
			return nil
		}
		ts, err := tokens.List(ctx)
		if err != nil {
			return err
		}
		for _, t := range ts {
			state := "active"
			if !t.RevokedAt.IsZero() {
				state = "revoked " + stamp(t.RevokedAt)
			}
			fmt.Fprintf(out, "%-24s %-9s created %s  last used %s  %s\n", t.Name, t.Scope, stamp(t.CreatedAt), stamp(t.LastUsedAt), state)
		}
		return nil
	})
}

func stamp(t time.Time) string {
	if t.IsZero() {
		return "never           "
	}
	return t.UTC().Format("2006-01-02 15:04Z")
}
