package exchange

import (
	"context"
	"time"

	"kabinet"
)

func dateOnly(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// loadReadings inserts new readings; one already imported changes only its
// status (рассчитано, отклонено), which the billing system may move on.
func loadReadings(ctx context.Context, run *fileRun, recs []*Record, b kabinet.Batch) error {
	run.unique(recs, "reading_id")
	meters, err := run.im.Store.FindMetersByExternalID(ctx, values(recs, "meter_id"))
	if err != nil {
		return err
	}
	// A dry run looks the readings up to count what it would change; an
	// import lets the database skip those it has and then moves their
	// status (IfExisting), which changes nothing for the new ones.
	var old map[string]*kabinet.Reading
	if run.im.DryRun {
		if old, err = run.im.Store.FindReadingStatuses(ctx, values(recs, "reading_id")); err != nil {
			return err
		}
	}
	for _, r := range run.good(recs) {
		status := kabinet.ReadingStatus(r.Get("status"))
		if status == "" {
			status = kabinet.ReadingAccepted
		}
		if o := old[r.Get("reading_id")]; o != nil {
			if o.Status != status {
				run.sum.Updated++
			}
			continue
		}
		m := meters[r.Get("meter_id")]
		if m == nil && run.im.pending["meters"][r.Get("meter_id")] {
			run.inserted("readings", r.Get("reading_id")) // a dry run cannot check the zones of a meter not yet there
			continue
		}
		if m == nil {
			run.bad(r, "meter_id", "нет такого прибора учёта: %q", r.Get("meter_id"))
			continue
		}
		rd, ok := run.reading(ctx, r, m, status)
		if !ok {
			continue
		}
		run.inserted("readings", rd.ExternalID)
		if run.check {
			continue
		}
		b.AddNewReading(rd)
		b.MoveReadingStatus(rd.ExternalID, status)
	}
	return nil
}

var zoneFields = [3]string{"t1", "t2", "t3"}

func (run *fileRun) reading(ctx context.Context, r *Record, m *kabinet.Meter, status kabinet.ReadingStatus) (*kabinet.Reading, bool) {
	rd := &kabinet.Reading{MeterID: m.ID, TakenOn: r.Date("taken_on"), Period: r.Period("period"),
		Source: kabinet.ReadingSource(r.Get("source")), Status: status, CreatedAt: run.im.now().UTC(), ExternalID: r.Get("reading_id")}
	n := int(m.Zoning)
	given := 0
	for i, z := range zoneFields {
		switch has := r.Has("value_" + z); {
		case i < n && !has:
			run.bad(r, "value_"+z, "у прибора %d зон: не заполнено", n)
			return nil, false
		case i >= n && has:
			run.bad(r, "value_"+z, "у прибора %d зон: лишнее показание", n)
			return nil, false
		case i < n:
			v := r.Int("value_" + z)
			if v < 0 || v >= m.Capacity() {
				run.bad(r, "value_"+z, "не помещается в %d разрядов", m.Digits)
				return nil, false
			}
			rd.Values = append(rd.Values, v)
			rd.Consumption = append(rd.Consumption, r.Int("consumption_"+z))
			if r.Has("consumption_" + z) {
				given++
			}
		}
	}
	if given < n {
		// No consumption sent: what the registers turned since the reading before.
		prev, err := run.im.Store.FindReadings(ctx, kabinet.ReadingFilter{MeterID: m.ID, To: rd.TakenOn.AddDate(0, 0, -1), Limit: 1})
		if err == nil && len(prev) == 1 && len(prev[0].Values) == n {
			for i := range rd.Values {
				rd.Consumption[i] = m.Turned(prev[0].Values[i], rd.Values[i])
			}
		}
	}
	return rd, true
}

// loadLedger posts new entries; an entry is never changed once posted (a
// correction is a new adjustment), so a known ID changes nothing.
func loadLedger(ctx context.Context, run *fileRun, recs []*Record, b kabinet.Batch) error {
	run.unique(recs, "entry_id")
	subs, err := run.known(ctx, "sub_accounts", recs, "subaccount_id")
	if err != nil {
		return err
	}
	// Only a dry run looks the entries up, to count them; an import lets
	// the database skip those it has (AddNew).
	var posted map[string]int64
	if run.im.DryRun {
		if posted, err = run.im.Store.FindExternalIDs(ctx, "ledger", values(recs, "entry_id")); err != nil {
			return err
		}
	}
	for _, r := range run.good(recs) {
		sub, ok := subs[r.Get("subaccount_id")]
		if !ok {
			run.bad(r, "subaccount_id", "нет такого лицевого счёта у исполнителя: %q", r.Get("subaccount_id"))
			continue
		}
		e, ok := run.entry(r, sub)
		if !ok || posted[e.ExternalID] != 0 {
			continue
		}
		run.inserted("ledger", e.ExternalID)
		if !run.check {
			b.AddNewLedgerEntry(e)
		}
	}
	return nil
}

func (run *fileRun) entry(r *Record, sub int64) (*kabinet.LedgerEntry, bool) {
	e := &kabinet.LedgerEntry{SubAccountID: sub, Period: r.Period("period"), Kind: kabinet.EntryKind(r.Get("kind")),
		Service: kabinet.Service(r.Get("service")), Amount: r.Money("amount"), PostedOn: r.Date("posted_on"),
		Channel: kabinet.PaymentChannel(r.Get("channel")), ExternalID: r.Get("entry_id"), Note: r.Get("note")}
	switch e.Kind {
	case kabinet.EntryPayment:
		if e.Amount <= 0 {
			run.bad(r, "amount", "сумма оплаты должна быть больше нуля")
			return nil, false
		}
		e.Amount = -e.Amount
	case "opening":
		e.Kind = kabinet.EntryAdjustment
		if e.Note == "" {
			e.Note = "Входящее сальдо"
		}
	}
	if sub == 0 {
		e.SubAccountID = -1 // a dry run's sub-account that a previous file would insert
	}
	if err := e.Validate(); err != nil {
		run.bad(r, "", "%s", kabinet.ErrorMessage(err))
		return nil, false
	}
	return e, true
}
