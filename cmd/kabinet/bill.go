package main

import (
	"context"
	"fmt"
	"io"

	"kabinet"
	"kabinet/cmd/kabinet/app"
	"kabinet/sqlstore"
)

// printBill writes the PDF of an account's bill for a period to out
// (`kabinet bill ACCOUNT YYYY-MM > bill.pdf`): operators reprint bills with
// it, and scripts check them. When the supplier's billing sent its own
// PDF of that bill (bill_files), that PDF is the bill, as in the portal.
func printBill(ctx context.Context, cfg Config, args []string, out io.Writer) error {
	if len(args) != 2 {
		return fmt.Errorf("usage: kabinet bill ACCOUNT YYYY-MM > bill.pdf")
	}
	n, err := kabinet.ParseAccountNumber(args[0])
	if err != nil {
		return err
	}
	cal, err := cfg.Calendar()
	if err != nil {
		return err
	}
	p, err := periodArg("bill ACCOUNT", args[1:])
	if err != nil {
		return err
	}
	return withDB(ctx, cfg, func(db *sqlstore.DB) error {
		a, err := db.FindAccountByNumber(ctx, n)
		if err != nil {
			return err
		}
		own, err := db.FindBillPDF(ctx, a.ID, p)
		if err == nil { // the supplier's own PDF, as the portal gives it
			_, err = out.Write(own)
			return err
		} else if kabinet.ErrorCode(err) != kabinet.ENOTFOUND {
			return err
		}
		b, err := db.FindBill(ctx, a.ID, p)
		if err != nil {
			return fmt.Errorf("no bill of %s for %s: %w", a.Display, p, err)
		}
		doc, err := app.NewRenderer(cal).Bill(b)
		if err != nil {
			return err
		}
		_, err = out.Write(doc)
		return err
	})
}
