package sqlstore

import (
	"context"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// pipedRead is one query of readPiped: its text (of a fixed few, as for
// db.query), its arguments, and what takes each row.
type pipedRead struct {
	query string
	args  []any
	row   func(scanner) error
}

// readPiped runs independent reads together. On PostgreSQL they go in one
// round trip (pgx's batch: the queries are sent at once and their results
// read back in order), since there a round trip costs more than the query
// behind it: a page that read its parts one after another made eight
// (issue 17). SQLite, in the process, runs them one after another through
// their prepared statements.
func (db *DB) readPiped(ctx context.Context, reads ...pipedRead) error {
	if db.dialect.name != "postgres" || len(reads) == 1 {
		for _, r := range reads {
			rows, err := db.query(ctx, r.query, r.args...)
			if err != nil {
				return translate(err)
			}
			if err := eachRow(rows, r.row); err != nil {
				return err
			}
		}
		return nil
	}
	conn, err := db.read.Conn(ctx)
	if err != nil {
		return translate(err)
	}
	defer conn.Close()
	return conn.Raw(func(dc any) error {
		var b pgx.Batch
		for _, r := range reads {
			b.Queue(r.query, r.args...)
		}
		br := dc.(*stdlib.Conn).Conn().SendBatch(ctx, &b)
		for _, r := range reads {
			rows, err := br.Query()
			if err != nil {
				br.Close()
				return translate(err)
			}
			if err := eachRow(pgxRows{rows}, r.row); err != nil {
				br.Close()
				return err
			}
		}
		return translate(br.Close())
	})
}

// rowCursor is what eachRow needs of database/sql's rows and pgx's.
type rowCursor interface {
	Next() bool
	Scan(dest ...any) error
	Err() error
	Close() error
}

// eachRow passes each row to fn and closes rows.
func eachRow(rows rowCursor, fn func(scanner) error) error {
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return translate(err)
		}
	}
	return translate(rows.Err())
}

// pgxRows gives pgx's rows database/sql's Close.
type pgxRows struct{ pgx.Rows }

func (r pgxRows) Close() error {
	r.Rows.Close()
	return r.Rows.Err()
}
