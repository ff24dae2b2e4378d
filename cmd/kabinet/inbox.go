package main

import (
	"context"

	"kabinet/exchange"
)

// inbox is the scan of --exchange-inbox for the job queue, nil without one.
func (m *Main) inbox() func(context.Context) error {
	if m.Config.ExchangeInbox == "" {
		return nil
	}
	in := &exchange.Inbox{Dir: m.Config.ExchangeInbox, Importer: &exchange.Importer{Store: m.db}}
	return func(ctx context.Context) error {
		n, err := in.Scan(ctx)
		if n > 0 {
			m.log.Info("exchange inbox", "files", n, "err", err)
		}
		return err
	}
}
