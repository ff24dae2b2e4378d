package sqlstore

import (
	"context"
	"database/sql"

	"kabinet"
)

func sessionRow(s *kabinet.Session) []any {
	var user any
	if s.UserID != 0 {
		user = s.UserID
	}
	kind := s.Kind
	if kind == "" {
		kind = kabinet.SessionBrowser
	}
	return []any{s.TokenHash, user, s.AccountID, s.CreatedAt.UTC(), s.SeenAt.UTC(), s.IP, s.UserAgent, string(kind), s.Device}
}

const insertSession = `INSERT INTO sessions (token_hash, user_id, account_id, created_at, seen_at, ip, user_agent, kind, device)
	VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`

// CreateSession stores a new session.
func (db *DB) CreateSession(ctx context.Context, s *kabinet.Session) error {
	return db.InTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, insertSession, sessionRow(s)...)
		return translate(err)
	})
}

// ReplaceSession ends the session old (if any) and starts s in its place,
// in one transaction: a browser gets a new token whenever it signs in.
func (db *DB) ReplaceSession(ctx context.Context, old string, s *kabinet.Session) error {
	return db.InTx(ctx, func(tx *sql.Tx) error { return replaceSession(ctx, tx, old, s) })
}

func replaceSession(ctx context.Context, tx *sql.Tx, old string, s *kabinet.Session) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE token_hash = $1`, old); err != nil {
		return translate(err)
	}
	_, err := tx.ExecContext(ctx, insertSession, sessionRow(s)...)
	return translate(err)
}

// FindSession returns the session with the given token hash.
func (db *DB) FindSession(ctx context.Context, hash string) (*kabinet.Session, error) {
	var s kabinet.Session
	var user sql.NullInt64
	err := db.queryRow(ctx, `SELECT `+sessionColumns+` FROM sessions s WHERE token_hash = $1`, hash).
		Scan(sessionDest(&s, &user)...)
	if err != nil {
		return nil, notFound(err, "Сеанс")
	}
	s.UserID = user.Int64
	return &s, nil
}

const sessionColumns = `s.token_hash, s.user_id, s.account_id, s.created_at, s.seen_at, s.ip, s.user_agent, s.kind, s.device`

func sessionDest(s *kabinet.Session, user *sql.NullInt64) []any {
	return []any{&s.TokenHash, user, &s.AccountID, &s.CreatedAt, &s.SeenAt, &s.IP, &s.UserAgent, &s.Kind, &s.Device}
}

// FindVisit returns a signed-in session with its account, its user, the
// accounts the user reaches and the user's unread notifications, in one
// round trip instead of five: every page view starts with it. A session
// without a user (one registering) or without its account is ENOTFOUND
// here; FindSession and the others read those.
func (db *DB) FindVisit(ctx context.Context, hash string) (*kabinet.Visit, error) {
	rows, err := db.query(ctx, visitQuery, hash)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	var v *kabinet.Visit
	for rows.Next() {
		var s kabinet.Session
		var user sql.NullInt64
		var a accountScan
		var u userScan
		var unread int
		var ua struct {
			account       sql.NullInt64
			owner         sql.NullBool
			name, display sql.NullString
			created       sql.NullTime
		}
		dest := append(append(sessionDest(&s, &user), a.dest()...), u.dest()...)
		dest = append(dest, &unread, &ua.account, &ua.owner, &ua.name, &ua.created, &ua.display)
		if err := rows.Scan(dest...); err != nil {
			return nil, translate(err)
		}
		if v == nil {
			s.UserID = user.Int64
			v = &kabinet.Visit{Session: &s, Account: a.account(), User: u.user(), Unread: unread,
				Reached: []*kabinet.UserAccount{}}
		}
		if ua.account.Valid {
			v.Reached = append(v.Reached, &kabinet.UserAccount{UserID: v.User.ID, AccountID: ua.account.Int64,
				Owner: ua.owner.Bool, Name: ua.name.String, CreatedAt: ua.created.Time, Display: ua.display.String})
		}
	}
	if err := rows.Err(); err != nil {
		return nil, translate(err)
	}
	if v == nil {
		return nil, kabinet.Errorf(kabinet.ENOTFOUND, "Сеанс не найден")
	}
	return v, nil
}

// visitQuery is FindVisit's: a row for each account the user reaches (in
// FindUserAccounts' order), each repeating the session, account and user.
// The reached account's number comes by its key, as in FindUserAccounts.
const visitQuery = `SELECT ` + sessionColumns + `,
	a.id, a.number, a.number_digits, a.display, a.surname, a.first_name, a.patronymic, a.address, a.district,
	a.settlement, a.housing, a.electric_heating, a.rooms, a.area, a.residents, a.phone, a.email, a.created_at,
	a.external_id, CAST(a.closed_on AS TEXT),
	u.id, u.password_hash, u.email, u.phone, u.confirm_by, u.confirmed_at, u.created_at, u.password_changed_at,
	(SELECT count(*) FROM notifications n WHERE n.user_id = u.id AND n.read_at IS NULL),
	ua.account_id, ua.owner, ua.name, ua.created_at, (SELECT r.display FROM accounts r WHERE r.id = ua.account_id)
	FROM sessions s JOIN accounts a ON a.id = s.account_id JOIN users u ON u.id = s.user_id
	LEFT JOIN user_accounts ua ON ua.user_id = u.id
	WHERE s.token_hash = $1
	ORDER BY ua.owner DESC, ua.created_at, ua.account_id`

// TouchSession records that the session was used now.
func (db *DB) TouchSession(ctx context.Context, hash string) error {
	return db.InTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE sessions SET seen_at = $1 WHERE token_hash = $2`, db.now(), hash)
		return translate(err)
	})
}

// DeleteSession ends a session.
func (db *DB) DeleteSession(ctx context.Context, hash string) error {
	return db.InTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE token_hash = $1`, hash)
		return translate(err)
	})
}

// FindUserSessions returns the sessions of a user, the one seen last
// first: every browser and device signed in, whatever kind of session it
// is, since «Выйти на всех устройствах» must reach them all.
func (db *DB) FindUserSessions(ctx context.Context, userID int64) ([]*kabinet.Session, error) {
	rows, err := db.read.QueryContext(ctx, `
		SELECT `+sessionColumns+` FROM sessions s
		WHERE user_id = $1 ORDER BY seen_at DESC, created_at DESC, token_hash`, userID)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	var ss []*kabinet.Session
	for rows.Next() {
		var s kabinet.Session
		var user sql.NullInt64
		if err := rows.Scan(sessionDest(&s, &user)...); err != nil {
			return nil, translate(err)
		}
		s.UserID = user.Int64
		ss = append(ss, &s)
	}
	return ss, translate(rows.Err())
}

// EndUserSessions ends the sessions of a user but keep ("" keeps none)
// and records e, in one transaction. It returns how many ended.
func (db *DB) EndUserSessions(ctx context.Context, userID int64, keep string, e *kabinet.AuditEntry) (int, error) {
	var n int
	err := db.InTx(ctx, func(tx *sql.Tx) error {
		var err error
		if n, err = endSessions(ctx, tx, userID, keep); err != nil {
			return err
		}
		return db.audit(ctx, tx, e)
	})
	return n, err
}

// EndUserSession ends one session of a user; ENOTFOUND if the user has
// no such session.
func (db *DB) EndUserSession(ctx context.Context, userID int64, hash string, e *kabinet.AuditEntry) error {
	return db.InTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = $1 AND token_hash = $2`, userID, hash)
		if err != nil {
			return translate(err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return kabinet.Errorf(kabinet.ENOTFOUND, "Сеанс не найден")
		}
		return db.audit(ctx, tx, e)
	})
}

func endSessions(ctx context.Context, tx *sql.Tx, userID int64, keep string) (int, error) {
	res, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2`, userID, keep)
	if err != nil {
		return 0, translate(err)
	}
	n, err := res.RowsAffected()
	return int(n), translate(err)
}
