package sqlstore

import (
	"context"
	"time"

	"kabinet"
)

// FindHome reads what «Главная» shows of an account: the balances with
// their providers, the due dates its imported bills printed, the periods
// of its newest bills (at most bills), the chart's months from since on,
// and the additional services. On PostgreSQL that is one round trip
// instead of five (readPiped). The due dates are every sub-account's, a
// few rows each, rather than those of the sub-accounts in debt only: that
// would take a round trip of its own.
func (db *DB) FindHome(ctx context.Context, accountID int64, bills int, since kabinet.Period) (*kabinet.AccountHome, error) {
	h := &kabinet.AccountHome{DueDates: map[int64]map[kabinet.Period]time.Time{}, Bills: make([]kabinet.Period, 0, bills)}
	err := db.readPiped(ctx,
		readBalances(accountID, &h.Balances),
		pipedRead{query: `SELECT d.sub_account_id, d.period, d.due_on FROM bill_due_dates d
			JOIN sub_accounts s ON s.id = d.sub_account_id WHERE s.account_id = $1`,
			args: []any{accountID}, row: dueDateRow(h.DueDates)},
		readBillPeriods(accountID, bills, &h.Bills),
		db.readKeptUsage(&h.Usage, accountID, since),
		pipedRead{query: serviceSettingsSelect, args: []any{accountID}, row: func(row scanner) (err error) {
			h.Settings, err = scanServiceSettings(row)
			return err
		}})
	if err != nil {
		return nil, err
	}
	return h, nil
}
