package sqlstore

import (
	"context"

	"kabinet"
)

// AccountData is everything a batch job (the month close) reads about a
// range of accounts, loaded with one query per table instead of several
// per account.
type AccountData struct {
	SubAccounts map[int64][]*kabinet.SubAccount  // by account, in provider order
	Meters      map[int64][]*kabinet.Meter       // by account
	Readings    map[int64][]*kabinet.Reading     // by meter, newest first
	Ledger      map[int64][]*kabinet.LedgerEntry // by sub-account, oldest first
}

// FindAccountData loads the data of the accounts with IDs in [from, to]
// and, of readings, those of the last 36 periods before until.
func (db *DB) FindAccountData(ctx context.Context, from, to int64, since kabinet.Period) (*AccountData, error) {
	d := &AccountData{SubAccounts: map[int64][]*kabinet.SubAccount{}, Meters: map[int64][]*kabinet.Meter{},
		Readings: map[int64][]*kabinet.Reading{}, Ledger: map[int64][]*kabinet.LedgerEntry{}}
	subs, err := db.querySubAccounts(ctx, `WHERE account_id BETWEEN $1 AND $2 ORDER BY account_id, provider_id`, from, to)
	if err != nil {
		return nil, err
	}
	for _, s := range subs {
		d.SubAccounts[s.AccountID] = append(d.SubAccounts[s.AccountID], s)
	}
	meters, err := db.queryMeters(ctx, `WHERE account_id BETWEEN $1 AND $2 ORDER BY id`, from, to)
	if err != nil {
		return nil, err
	}
	for _, m := range meters {
		d.Meters[m.AccountID] = append(d.Meters[m.AccountID], m)
	}
	readings, err := db.queryReadings(ctx, `WHERE meter_id IN (SELECT id FROM meters WHERE account_id BETWEEN $1 AND $2)
		AND period >= $3 ORDER BY meter_id, taken_on DESC, id DESC`, from, to, since.Int())
	if err != nil {
		return nil, err
	}
	for _, r := range readings {
		d.Readings[r.MeterID] = append(d.Readings[r.MeterID], r)
	}
	entries, err := db.queryLedger(ctx, `WHERE sub_account_id IN (SELECT id FROM sub_accounts WHERE account_id BETWEEN $1 AND $2)
		ORDER BY sub_account_id, posted_on, id`, from, to)
	if err != nil {
		return nil, err
	}
	for _, e := range entries {
		d.Ledger[e.SubAccountID] = append(d.Ledger[e.SubAccountID], e)
	}
	return d, nil
}
