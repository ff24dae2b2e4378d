package sqlstore

import (
	"context"
	"database/sql"

	"kabinet"
)

// meterColumns are the meters table's columns in meterRow order.
var meterColumns = []string{"id", "account_id", "sub_account_id", "service", "model", "serial", "zoning", "digits",
	"decimals", "accuracy_class", "ratio", "phases", "installed_on", "verified_on", "next_verified_on", "removed", "external_id"}

// meterRow returns m's values in meterColumns order.
func meterRow(m *kabinet.Meter) []any {
	return []any{m.ID, m.AccountID, m.SubAccountID, string(m.Service), m.Model, m.Serial, int(m.Zoning), m.Digits,
		m.Decimals, m.AccuracyClass, m.Ratio, m.Phases, dateArg(m.InstalledOn), dateArg(m.VerifiedOn), dateArg(m.NextVerifiedOn), m.Removed, m.ExternalID}
}

// CreateMeter stores m and sets its ID.
func (db *DB) CreateMeter(ctx context.Context, m *kabinet.Meter) error {
	return db.InTx(ctx, func(tx *sql.Tx) error {
		return translate(tx.QueryRowContext(ctx, `
			INSERT INTO meters (account_id, sub_account_id, service, model, serial, zoning, digits, decimals,
				accuracy_class, ratio, phases, installed_on, verified_on, next_verified_on, removed, external_id)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING id`,
			meterRow(m)[1:]...).Scan(&m.ID))
	})
}

// FindMeters returns an account's meters.
func (db *DB) FindMeters(ctx context.Context, accountID int64) ([]*kabinet.Meter, error) {
	return db.queryMeters(ctx, `WHERE account_id = $1 ORDER BY id`, accountID)
}

func (db *DB) queryMeters(ctx context.Context, where string, args ...any) ([]*kabinet.Meter, error) {
	rows, err := db.read.QueryContext(ctx, `
		SELECT id, account_id, sub_account_id, service, model, serial, zoning, digits, decimals,
			accuracy_class, ratio, phases, installed_on, verified_on, next_verified_on, removed, external_id
		FROM meters `+where, args...)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	var ms []*kabinet.Meter
	for rows.Next() {
		var m kabinet.Meter
		var service string
		err := rows.Scan(&m.ID, &m.AccountID, &m.SubAccountID, &service, &m.Model, &m.Serial, &m.Zoning, &m.Digits,
			&m.Decimals, &m.AccuracyClass, &m.Ratio, &m.Phases, &m.InstalledOn, &m.VerifiedOn, &m.NextVerifiedOn, &m.Removed, &m.ExternalID)
		if err != nil {
			return nil, err
		}
		m.Service = kabinet.Service(service)
		ms = append(ms, &m)
	}
	return ms, translate(rows.Err())
}
