// Package billrun closes billing periods: for every account it turns the
// period's readings (or an average, or the norm) into charges by the
// tariffs, charges heat, accrues penalties on late debts, and issues the
// period's bill. It reads and writes through the store; the rules are the
// billing package's. A close goes chunk by chunk, each chunk committed with
// its progress, so a close killed halfway goes on where it stopped, and a
// closed period closes again as a no-op.
package billrun

import (
	"context"

	"kabinet"
	"kabinet/billing"
)

// Store is what a close reads and writes.
type Store interface {
	FindPeriodClose(ctx context.Context, p kabinet.Period) (*kabinet.PeriodClose, error)
	StartPeriodClose(ctx context.Context, p kabinet.Period) error
	CompletePeriodClose(ctx context.Context, p kabinet.Period) error
	FindAccountsAfter(ctx context.Context, after int64, limit int) ([]*kabinet.Account, error)
	FindProviders(ctx context.Context) ([]*kabinet.Provider, error)
	FindAccountData(ctx context.Context, from, to int64, since kabinet.Period) (*kabinet.AccountData, error)
	SaveClosedChunk(ctx context.Context, c *kabinet.ClosedChunk) error
	Optimize(ctx context.Context) error
}

// Engine closes periods.
type Engine struct {
	Store     Store
	Tariffs   billing.Tariffs
	Heat      billing.HeatTariffs
	Norms     billing.Norms
	Estimate  billing.EstimateRules
	Due       billing.DueRules
	Penalties billing.PenaltyRules
	// Calendar is the clock and the supplier's time zone: a period ends
	// at local midnight.
	kabinet.Calendar
	// ChunkSize is how many accounts commit together (default 500).
	ChunkSize int
	// Issued, if set, is called with every bill of a close once it is
	// committed, in account order, from one goroutine: the demo world
	// schedules its households' payments from them.
	Issued func(*kabinet.Bill)
}

// New returns an engine with the demo rules (every tariff and norm in them
// is labelled demo).
func New(store Store, cal kabinet.Calendar) *Engine {
	return &Engine{Store: store, Tariffs: billing.DemoTariffs(), Heat: billing.DemoHeatTariffs(), Norms: billing.DemoNorms(),
		Estimate: billing.DefaultEstimateRules(), Due: billing.DefaultDueRules(), Penalties: billing.DefaultPenaltyRules(),
		Calendar: cal, ChunkSize: 500}
}

// Close closes period p for every account. A period that has not ended
// yet in the supplier's time zone is refused; a closed period is left as
// it is.
func (e *Engine) Close(ctx context.Context, p kabinet.Period) (*kabinet.PeriodClose, error) {
	if !p.Before(e.Period()) {
		return nil, kabinet.Errorf(kabinet.EINVALID, "Период %s ещё не закончился", p)
	}
	c, err := e.Store.FindPeriodClose(ctx, p)
	if kabinet.ErrorCode(err) == kabinet.ENOTFOUND {
		if err := e.Store.StartPeriodClose(ctx, p); err != nil {
			return nil, err
		}
		c, err = e.Store.FindPeriodClose(ctx, p)
	}
	if err != nil || c.State == kabinet.CloseDone {
		return c, err
	}
	// The month's readings and payments may have come in bulk since the
	// planner last looked (an import, the demo's history).
	if err := e.Store.Optimize(ctx); err != nil {
		return nil, err
	}
	if err := e.closeAll(ctx, p, c.LastAccount); err != nil {
		return nil, err
	}
	if err := e.Store.CompletePeriodClose(ctx, p); err != nil {
		return nil, err
	}
	return e.Store.FindPeriodClose(ctx, p)
}

// closeAll closes the accounts after the given one, chunk by chunk. Two
// workers read and compute chunks while the last finished one is written;
// chunks are written in order, each with its progress, so a close that
// stops resumes after the last chunk written.
func (e *Engine) closeAll(ctx context.Context, p kabinet.Period, after int64) error {
	providers, err := e.Store.FindProviders(ctx)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	type chunk struct {
		c   *kabinet.ClosedChunk
		err error
	}
	type job struct {
		accounts []*kabinet.Account
		out      chan chunk
	}
	jobs, order := make(chan job), make(chan chan chunk, 4)
	go func() { // hands out chunks in account order
		defer close(jobs)
		defer close(order)
		for {
			accounts, err := e.Store.FindAccountsAfter(ctx, after, max(e.ChunkSize, 1))
			if err == nil && len(accounts) == 0 {
				return
			}
			out := make(chan chunk, 1)
			select {
			case order <- out:
			case <-ctx.Done():
				return
			}
			if err != nil {
				out <- chunk{err: err}
				return
			}
			select {
			case jobs <- job{accounts, out}:
			case <-ctx.Done():
				return
			}
			after = accounts[len(accounts)-1].ID
		}
	}()
	for range closeWorkers {
		go func() {
			for j := range jobs {
				c, err := e.closeChunk(ctx, p, providers, j.accounts)
				j.out <- chunk{c, err}
			}
		}()
	}
	for out := range order {
		var c chunk
		select {
		case c = <-out:
		case <-ctx.Done():
			return ctx.Err()
		}
		if c.err != nil {
			return c.err
		}
		if err := e.Store.SaveClosedChunk(ctx, c.c); err != nil {
			return err
		}
		if e.Issued != nil {
			for _, b := range c.c.Bills {
				e.Issued(b)
			}
		}
	}
	return ctx.Err()
}

// closeWorkers is how many chunks are read and computed at once: reading
// is most of a close's work, and SQLite's readers run side by side.
const closeWorkers = 2

// closeChunk computes the close of a chunk of accounts: what the store
// writes in one transaction, with the chunk's progress.
func (e *Engine) closeChunk(ctx context.Context, p kabinet.Period, providers []*kabinet.Provider, accounts []*kabinet.Account) (*kabinet.ClosedChunk, error) {
	first, last := accounts[0].ID, accounts[len(accounts)-1].ID
	data, err := e.Store.FindAccountData(ctx, first, last, p.Add(-36))
	if err != nil {
		return nil, err
	}
	c := &kabinet.ClosedChunk{Period: p, FromID: first, ToID: last, Bills: make([]*kabinet.Bill, 0, len(accounts))}
	for _, a := range accounts {
		r, err := e.closeAccount(p, providers, a, data)
		if err != nil {
			return nil, err
		}
		c.Entries = append(c.Entries, r.entries...)
		c.Estimates = append(c.Estimates, r.estimates...)
		c.Bills = append(c.Bills, r.bill)
	}
	return c, nil
}
