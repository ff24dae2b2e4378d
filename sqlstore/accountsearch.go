package sqlstore

import (
	"context"
	"strconv"
	"strings"

	"kabinet"
)

// SearchAccounts returns the accounts the search matches, by name. It
// scans the accounts: a look-up by number goes through
// FindAccountByNumber, which is indexed.
func (db *DB) SearchAccounts(ctx context.Context, q kabinet.AccountSearch) ([]*kabinet.Account, error) {
	words := strings.Fields(Fold(q.Text))
	if len(words) == 0 {
		return nil, nil
	}
	limit := q.Limit
	if limit <= 0 {
		limit = 50
	}
	fold := db.dialect.fold
	args := []any{likeEscape(strings.Join(words, " ")) + "%"}
	var address []string
	for _, w := range words {
		args = append(args, "%"+likeEscape(w)+"%")
		address = append(address, fold("address")+` LIKE $`+strconv.Itoa(len(args))+` ESCAPE '\'`)
	}
	args = append(args, limit)
	return db.queryAccounts(ctx, `WHERE `+fold(`surname || ' ' || first_name || ' ' || patronymic`)+` LIKE $1 ESCAPE '\'
		OR (`+strings.Join(address, " AND ")+`)
		ORDER BY surname, first_name, patronymic, id LIMIT $`+strconv.Itoa(len(args)), args...)
}

func (db *DB) queryAccounts(ctx context.Context, where string, args ...any) ([]*kabinet.Account, error) {
	rows, err := db.read.QueryContext(ctx, accountSelect+where, args...)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	var found []*kabinet.Account
	for rows.Next() {
		a, err := scanAccount(rows)
		if err != nil {
			return nil, err
		}
		found = append(found, a)
	}
	return found, translate(rows.Err())
}

// FindAccountUsers returns the registrations that reach an account, the
// owner's first.
func (db *DB) FindAccountUsers(ctx context.Context, accountID int64) ([]*kabinet.AccountUser, error) {
	rows, err := db.read.QueryContext(ctx, `
		SELECT u.id, u.password_hash, u.email, u.phone, u.confirm_by, u.confirmed_at, u.created_at, u.password_changed_at,
			ua.owner, COALESCE(a.display, '')
		FROM user_accounts ua JOIN users u ON u.id = ua.user_id
		LEFT JOIN user_accounts own ON own.user_id = u.id AND own.owner
		LEFT JOIN accounts a ON a.id = own.account_id
		WHERE ua.account_id = $1 ORDER BY ua.owner DESC, u.id`, accountID)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	var users []*kabinet.AccountUser
	for rows.Next() {
		var au kabinet.AccountUser
		if au.User, err = scanUser(alsoScan{rows, []any{&au.Owner, &au.Registered}}); err != nil {
			return nil, err
		}
		users = append(users, &au)
	}
	return users, translate(rows.Err())
}

// alsoScan scans a row into the destinations given to Scan, then into
// extra: a row of a table's columns and some more is read with the
// table's scan function.
type alsoScan struct {
	s     scanner
	extra []any
}

func (a alsoScan) Scan(dest ...any) error { return a.s.Scan(append(dest, a.extra...)...) }
