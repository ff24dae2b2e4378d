package sqlstore

import (
	"context"
	"database/sql"

	"kabinet"
)

// accountColumns are the accounts table's columns in the order accountRow
// gives them, for bulk loads.
var accountColumns = []string{"id", "number", "number_digits", "display", "surname", "first_name", "patronymic",
	"address", "district", "settlement", "housing", "electric_heating", "rooms", "area", "residents",
	"phone", "email", "created_at", "external_id", "closed_on"}

// accountRow returns a's values in accountColumns order.
func accountRow(a *kabinet.Account) []any {
	return []any{a.ID, a.Number.String(), a.Number.Digits, a.Display, a.Surname, a.FirstName, a.Patronymic,
		a.Address, a.District, string(a.Settlement), string(a.Housing), a.ElectricHeating, a.Rooms, int64(a.Area), a.Residents,
		a.Phone, a.Email, a.CreatedAt.UTC(), a.ExternalID, nullDate(a.ClosedOn)}
}

// CreateAccount stores a with its sub-accounts and sets their IDs. A number
// that is already taken is ECONFLICT.
func (db *DB) CreateAccount(ctx context.Context, a *kabinet.Account, subs []*kabinet.SubAccount) error {
	if err := a.Validate(); err != nil {
		return err
	}
	if a.CreatedAt.IsZero() {
		a.CreatedAt = db.now()
	}
	return db.InTx(ctx, func(tx *sql.Tx) error {
		row := accountRow(a)[1:]
		err := tx.QueryRowContext(ctx, `
			INSERT INTO accounts (number, number_digits, display, surname, first_name, patronymic, address, district,
				settlement, housing, electric_heating, rooms, area, residents, phone, email, created_at, external_id, closed_on)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19) RETURNING id`,
			row...).Scan(&a.ID)
		if err != nil {
			return translate(err)
		}
		for _, s := range subs {
			s.AccountID = a.ID
			err := tx.QueryRowContext(ctx, `
				INSERT INTO sub_accounts (account_id, provider_id, number, services, external_id) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
				subAccountRow(s)[1:]...).Scan(&s.ID)
			if err != nil {
				return translate(err)
			}
		}
		return nil
	})
}

const accountSelect = `SELECT id, number, number_digits, display, surname, first_name, patronymic, address, district,
	settlement, housing, electric_heating, rooms, area, residents, phone, email, created_at,
	external_id, CAST(closed_on AS TEXT) FROM accounts `

// FindAccountByID returns the account with the given ID.
func (db *DB) FindAccountByID(ctx context.Context, id int64) (*kabinet.Account, error) {
	return scanAccount(db.queryRow(ctx, accountSelect+`WHERE id = $1`, id))
}

// FindAccountByNumber finds an account however its number was typed. With
// the letter part the whole canonical number must match; without it the
// digits must match exactly one account (two accounts that differ only in
// their letter part need the letter part, and are ENOTFOUND without it).
func (db *DB) FindAccountByNumber(ctx context.Context, n kabinet.AccountNumber) (*kabinet.Account, error) {
	if n.HasPrefix() {
		return scanAccount(db.queryRow(ctx, accountSelect+`WHERE number = $1`, n.String()))
	}
	found, err := db.queryAccounts(ctx, `WHERE number_digits = $1 LIMIT 2`, n.Digits)
	if err != nil {
		return nil, err
	}
	if len(found) != 1 {
		return nil, kabinet.Errorf(kabinet.ENOTFOUND, "Лицевой счёт не найден")
	}
	return found[0], nil
}

type scanner interface{ Scan(dest ...any) error }

func scanAccount(s scanner) (*kabinet.Account, error) {
	var r accountScan
	if err := s.Scan(r.dest()...); err != nil {
		return nil, notFound(err, "Лицевой счёт")
	}
	return r.account(), nil
}

// accountScan is accountSelect's columns as scanned, for a query that reads
// them beside others' (FindVisit).
type accountScan struct {
	a                           kabinet.Account
	number, settlement, housing string
	area                        int64
	closed                      sql.NullString
}

func (r *accountScan) dest() []any {
	a := &r.a
	return []any{&a.ID, &r.number, &a.Number.Digits, &a.Display, &a.Surname, &a.FirstName, &a.Patronymic, &a.Address,
		&a.District, &r.settlement, &r.housing, &a.ElectricHeating, &a.Rooms, &r.area, &a.Residents, &a.Phone, &a.Email, &a.CreatedAt,
		&a.ExternalID, &r.closed}
}

func (r *accountScan) account() *kabinet.Account {
	a := r.a
	a.Number.Prefix = r.number[:len(r.number)-len(a.Number.Digits)]
	a.Settlement, a.Housing, a.Area = kabinet.Settlement(r.settlement), kabinet.Housing(r.housing), kabinet.Area(r.area)
	a.ClosedOn = parseDate(r.closed.String)
	return &a
}

// FindSubAccounts returns an account's sub-accounts in provider order.
func (db *DB) FindSubAccounts(ctx context.Context, accountID int64) ([]*kabinet.SubAccount, error) {
	return db.querySubAccounts(ctx, db.query, `WHERE account_id = $1 ORDER BY provider_id`, accountID)
}

func (db *DB) querySubAccounts(ctx context.Context, run queryFunc, where string, args ...any) ([]*kabinet.SubAccount, error) {
	rows, err := run(ctx, `SELECT id, account_id, provider_id, number, services, external_id FROM sub_accounts `+where, args...)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	var subs []*kabinet.SubAccount
	for rows.Next() {
		var s kabinet.SubAccount
		var services string
		if err := rows.Scan(&s.ID, &s.AccountID, &s.ProviderID, &s.Number, &services, &s.ExternalID); err != nil {
			return nil, err
		}
		s.Services = splitServices(services)
		subs = append(subs, &s)
	}
	return subs, translate(rows.Err())
}

// CountAccounts returns the number of accounts.
func (db *DB) CountAccounts(ctx context.Context) (int, error) {
	var n int
	err := db.queryRow(ctx, `SELECT count(*) FROM accounts`).Scan(&n)
	return n, translate(err)
}

// subAccountColumns are the sub_accounts table's columns in subAccountRow
// order, for bulk loads.
var subAccountColumns = []string{"id", "account_id", "provider_id", "number", "services", "external_id"}

// subAccountRow returns s's values in subAccountColumns order.
func subAccountRow(s *kabinet.SubAccount) []any {
	return []any{s.ID, s.AccountID, s.ProviderID, s.Number, joinServices(s.Services), s.ExternalID}
}
