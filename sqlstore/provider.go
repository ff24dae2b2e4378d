package sqlstore

import (
	"context"
	"database/sql"
	"strings"

	"kabinet"
)

// CreateProvider stores p and sets its ID.
func (db *DB) CreateProvider(ctx context.Context, p *kabinet.Provider) error {
	return db.InTx(ctx, func(tx *sql.Tx) error {
		return translate(tx.QueryRowContext(ctx, `
			INSERT INTO providers (code, name, inn, kpp, bank_name, bic, corresp_acc, personal_acc, services, external_id)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
			p.Code, p.Name, p.INN, p.KPP, p.BankName, p.BIC, p.CorrespAcc, p.PersonalAcc, joinServices(p.Services), p.ExternalID,
		).Scan(&p.ID))
	})
}

// FindProviders returns all providers by ID.
func (db *DB) FindProviders(ctx context.Context) ([]*kabinet.Provider, error) {
	rows, err := db.query(ctx, `SELECT `+providerSelect+` FROM providers p ORDER BY p.id`)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	var ps []*kabinet.Provider
	for rows.Next() {
		var p kabinet.Provider
		var services string
		if err := rows.Scan(providerDest(&p, &services)...); err != nil {
			return nil, err
		}
		p.Services = splitServices(services)
		ps = append(ps, &p)
	}
	return ps, translate(rows.Err())
}

// providerSelect is providerColumns of the table named p, as FindProviders
// and FindBalances read them (providerDest).
var providerSelect = "p." + strings.Join(providerColumns, ", p.")

// providerDest is where providerSelect's columns scan to, in
// providerColumns order as providerRow writes them; services is the
// list as stored, for splitServices.
func providerDest(p *kabinet.Provider, services *string) []any {
	return []any{&p.ID, &p.Code, &p.Name, &p.INN, &p.KPP, &p.BankName, &p.BIC, &p.CorrespAcc, &p.PersonalAcc, services, &p.ExternalID}
}

func joinServices(ss []kabinet.Service) string {
	parts := make([]string, len(ss))
	for i, s := range ss {
		parts[i] = string(s)
	}
	return strings.Join(parts, ",")
}

func splitServices(s string) []kabinet.Service {
	var ss []kabinet.Service
	for _, p := range strings.Split(s, ",") {
		if p != "" {
			ss = append(ss, kabinet.Service(p))
		}
	}
	return ss
}

// providerColumns are the providers table's columns in providerRow order,
// for bulk loads.
var providerColumns = []string{"id", "code", "name", "inn", "kpp", "bank_name", "bic", "corresp_acc", "personal_acc", "services", "external_id"}

// providerRow returns p's values in providerColumns order.
func providerRow(p *kabinet.Provider) []any {
	return []any{p.ID, p.Code, p.Name, p.INN, p.KPP, p.BankName, p.BIC, p.CorrespAcc, p.PersonalAcc, joinServices(p.Services), p.ExternalID}
}
