package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"kabinet"
	"kabinet/billing"
	"kabinet/billrun"
	"kabinet/cmd/kabinet/app"
	"kabinet/sqlstore"
)

// printStatement writes the PDF of an account's reconciliation statement
// (акт сверки) to out (`kabinet statement ACCOUNT SERVICE FROM TO >
// act.pdf`), the one the portal e-mails: operators answer with it, and
// tests check it. SERVICE is a service as the form names it (electricity,
// «Электроэнергия») or a provider's code (every service of that
// provider); the dates are DD.MM.YYYY or YYYY-MM-DD.
func printStatement(ctx context.Context, cfg Config, args []string, out io.Writer) error {
	if len(args) != 4 {
		return fmt.Errorf("usage: kabinet statement ACCOUNT SERVICE FROM TO > act.pdf (dates DD.MM.YYYY or YYYY-MM-DD)")
	}
	n, err := kabinet.ParseAccountNumber(args[0])
	if err != nil {
		return err
	}
	from, err := dateArg(args[2])
	if err != nil {
		return err
	}
	to, err := dateArg(args[3])
	if err != nil {
		return err
	}
	if from.After(to) {
		return kabinet.Errorf(kabinet.EINVALID, "Начальная дата %s позже конечной %s", args[2], args[3])
	}
	cal, err := cfg.Calendar()
	if err != nil {
		return err
	}
	return withDB(ctx, cfg, func(db *sqlstore.DB) error {
		a, err := db.FindAccountByNumber(ctx, n)
		if err != nil {
			return err
		}
		s, err := billrun.StatementOf(ctx, db, billrun.StatementFor{Account: a, Of: args[1], From: from, To: to,
			Due: billing.NewDueSource(db.FindBillDueDates)})
		if err != nil {
			return err
		}
		s.IssuedAt = cal.Now()
		doc, err := app.NewRenderer(cal).Statement(s)
		if err != nil {
			return err
		}
		_, err = out.Write(doc)
		return err
	})
}

// dateArg reads a date of a command line: DD.MM.YYYY or YYYY-MM-DD.
func dateArg(s string) (time.Time, error) {
	for _, layout := range []string{"02.01.2006", time.DateOnly} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, kabinet.Errorf(kabinet.EINVALID, "Дата «%s»: ожидается ДД.ММ.ГГГГ или ГГГГ-ММ-ДД", s)
}
