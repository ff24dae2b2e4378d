package sqlstore

import (
	"context"
	"database/sql"
	"sync"
)

// stmts are the hot read queries, prepared on the read pool once and
// reused: database/sql prepares a statement on each connection the first
// time it runs there and keeps it, so SQLite parses each hot query once
// per connection instead of once per page (parsing was about 13 % of the
// CPU of «Главная» on SQLite). PostgreSQL's driver caches its statements
// anyway; there this saves the look-up.
type stmts struct {
	m sync.Map // query → *sql.Stmt
}

// readStmt returns query prepared on the read pool.
func (db *DB) readStmt(ctx context.Context, query string) (*sql.Stmt, error) {
	if st, ok := db.stmts.m.Load(query); ok {
		return st.(*sql.Stmt), nil
	}
	st, err := db.read.PrepareContext(ctx, query)
	if err != nil {
		return nil, translate(err)
	}
	if prev, loaded := db.stmts.m.LoadOrStore(query, st); loaded {
		st.Close()
		return prev.(*sql.Stmt), nil
	}
	return st, nil
}

// closeStmts closes the prepared statements.
func (db *DB) closeStmts() {
	db.stmts.m.Range(func(q, st any) bool {
		st.(*sql.Stmt).Close()
		db.stmts.m.Delete(q)
		return true
	})
}

// query runs a read through its prepared statement. Only for queries
// whose text is one of a fixed few (constants, or constants joined): each
// text is prepared and kept for the life of the store.
func (db *DB) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	st, err := db.readStmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(ctx, args...)
}

// queryRow is query for one row.
func (db *DB) queryRow(ctx context.Context, query string, args ...any) *sql.Row {
	st, err := db.readStmt(ctx, query)
	if err != nil { // the pool's own call reports the error
		return db.read.QueryRowContext(ctx, query, args...)
	}
	return st.QueryRowContext(ctx, args...)
}

// queryFunc runs a read: db.query for a query of fixed text, the pool's
// QueryContext for one built from its arguments (lists of IDs).
type queryFunc func(ctx context.Context, query string, args ...any) (*sql.Rows, error)
