package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"kabinet"
	"kabinet/billrun"
	"kabinet/sqlstore"
)

// closePeriod closes the period named on the command line
// (`kabinet close-period YYYY-MM`).
func closePeriod(ctx context.Context, cfg Config, args []string, out io.Writer) error {
	if len(args) != 1 {
		return fmt.Errorf("usage: kabinet close-period YYYY-MM")
	}
	p, err := kabinet.ParsePeriod(args[0])
	if err != nil {
		return err
	}
	loc, err := cfg.location()
	if err != nil {
		return err
	}
	db, err := sqlstore.Open(ctx, cfg.dsn())
	if err != nil {
		return err
	}
	defer db.Close()
	began := time.Now()
	c, err := billrun.New(db, loc).Close(ctx, p)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "period %s is closed (%s); this run took %s\n", p, c.CompletedAt.In(loc).Format("02.01.2006 15:04"),
		time.Since(began).Round(time.Millisecond))
	return nil
}

// reopenPeriod undoes a close (`kabinet reopen-period YYYY-MM`): an
// explicit administrator's action, never done by the scheduled close.
func reopenPeriod(ctx context.Context, cfg Config, args []string, out io.Writer) error {
	if len(args) != 1 {
		return fmt.Errorf("usage: kabinet reopen-period YYYY-MM")
	}
	p, err := kabinet.ParsePeriod(args[0])
	if err != nil {
		return err
	}
	db, err := sqlstore.Open(ctx, cfg.dsn())
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.ReopenPeriod(ctx, p); err != nil {
		return err
	}
	fmt.Fprintf(out, "period %s is open again: its charges, penalties and bills are removed\n", p)
	return nil
}

// closeLastPeriod closes the period before the current one in the
// supplier's time zone: the scheduled close.
func (m *Main) closeLastPeriod(ctx context.Context) error {
	p := kabinet.PeriodOf(time.Now().In(m.loc)).Add(-1)
	_, err := billrun.New(m.db, m.loc).Close(ctx, p)
	return err
}
