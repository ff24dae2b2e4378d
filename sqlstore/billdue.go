package sqlstore

import (
	"context"
	"strconv"
	"strings"
	"time"

	"kabinet"
)

// AddBillDueDate adds the due date an imported bill's section printed
// for a sub-account and period («оплатить до»), replacing the one kept
// before: a bill imported again (or corrected) leaves one date, its own.
// Within a batch the last one added for a sub-account and period wins.
func (b *Batch) AddBillDueDate(subAccountID int64, p kabinet.Period, due time.Time) {
	key := [2]int64{subAccountID, int64(p.Int())}
	if i, ok := b.dues[key]; ok {
		b.byName["bill_due_dates/sub_account_id"].rows[i][2] = dateArg(due)
		return
	}
	if b.dues == nil {
		b.dues = map[[2]int64]int{}
	}
	b.dues[key] = len(b.byName["bill_due_dates/sub_account_id"].rowsOrNil())
	b.addUpsert("bill_due_dates", []string{"sub_account_id", "period", "due_on"},
		" ON CONFLICT (sub_account_id, period) DO UPDATE SET due_on = excluded.due_on", subAccountID, p.Int(), dateArg(due))
}

// FindBillDueDates returns the due dates imported bills printed for the
// sub-accounts, by sub-account and period; a sub-account without imported
// bills is absent.
func (db *DB) FindBillDueDates(ctx context.Context, subAccountIDs []int64) (map[int64]map[kabinet.Period]time.Time, error) {
	out := map[int64]map[kabinet.Period]time.Time{}
	for len(subAccountIDs) > 0 {
		n := min(500, len(subAccountIDs))
		list, args := make([]string, n), make([]any, n)
		for i, id := range subAccountIDs[:n] {
			list[i], args[i] = "$"+strconv.Itoa(i+1), id
		}
		err := db.each(ctx, `SELECT sub_account_id, period, due_on FROM bill_due_dates WHERE sub_account_id IN (`+
			strings.Join(list, ", ")+`)`, args, dueDateRow(out))
		if err != nil {
			return nil, err
		}
		subAccountIDs = subAccountIDs[n:]
	}
	return out, nil
}

// dueDateRow takes a row of (sub_account_id, period, due_on) into out.
func dueDateRow(out map[int64]map[kabinet.Period]time.Time) func(scanner) error {
	return func(row scanner) error {
		var sub int64
		var period int
		var due time.Time
		if err := row.Scan(&sub, &period, &due); err != nil {
			return err
		}
		if out[sub] == nil {
			out[sub] = map[kabinet.Period]time.Time{}
		}
		out[sub][kabinet.PeriodFromInt(period)] = due.UTC()
		return nil
	}
}
