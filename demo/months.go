package demo

import (
	"context"
	"time"

	"kabinet"
	"kabinet/billrun"
)

// history runs the world's months through the billing engine, oldest
// first: the payments households made in the month, then the month close,
// which charges by the readings (or the average, or the norm), accrues
// penalties on what was paid late and issues the bills the next months'
// payments follow. Last come the payments of the open month up to today.
// Every bill in the world is what the engine computes.
func history(ctx context.Context, db Store, w *kabinet.World, c clock, o Options) error {
	e := billrun.New(db, o.calendar())
	s := newSchedule(w.Seed, c.today, e.Due)
	first, err := firstOpen(ctx, db, c)
	if err != nil {
		return err
	}
	// A resumed build schedules again the payments of the bills it
	// issued before it stopped.
	for _, p := range c.closed {
		if p.Before(first) && !p.Before(first.Add(-paymentLag)) {
			if err := db.EachBill(ctx, p, func(b *kabinet.Bill) error { s.bill(b); return nil }); err != nil {
				return err
			}
		}
	}
	began := time.Now()
	for i, p := range c.closed {
		if p.Before(first) {
			continue
		}
		if err := loadPayments(ctx, db, w, s, p); err != nil {
			return err
		}
		if err := closeMonth(ctx, db, e, s, p); err != nil {
			return err
		}
		report(o.Progress, began, i+1, i+1, len(c.closed), p.String())
	}
	return loadPayments(ctx, db, w, s, c.open)
}

// paymentLag is how many months after its period a bill may still be
// paid: a late payer pays up to 80 days after the due date.
const paymentLag = 5

// firstOpen is the first month of the history whose close is not done.
func firstOpen(ctx context.Context, db Store, c clock) (kabinet.Period, error) {
	for _, p := range c.closed {
		pc, err := db.FindPeriodClose(ctx, p)
		if kabinet.ErrorCode(err) == kabinet.ENOTFOUND || err == nil && pc.State != kabinet.CloseDone {
			return p, nil
		} else if err != nil {
			return kabinet.Period{}, err
		}
	}
	return c.open, nil
}

// closeMonth closes month p as the engine would in the night after it
// ended, scheduling the payments of its bills. A close that a stopped
// build began is finished, and its bills are then read back whole.
func closeMonth(ctx context.Context, db Store, e *billrun.Engine, s *schedule, p kabinet.Period) error {
	_, err := db.FindPeriodClose(ctx, p)
	fresh := kabinet.ErrorCode(err) == kabinet.ENOTFOUND
	if err != nil && !fresh {
		return err
	}
	e.Clock = func() time.Time { return p.Add(1).Start(e.Zone()).Add(2 * time.Hour) }
	e.Issued = nil
	if fresh {
		e.Issued = s.bill
	}
	if _, err := e.Close(ctx, p); err != nil {
		return err
	}
	if fresh {
		return nil
	}
	return db.EachBill(ctx, p, func(b *kabinet.Bill) error { s.bill(b); return nil })
}
