package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// Batch collects rows for a bulk load (the demo world, imports) and writes
// them in one transaction, with statements that must commit with them, such
// as a progress marker.
type Batch struct {
	tables []*batchTable
	byName map[string]*batchTable
	execs  []statement
	// debts are the kept debts writers know (KeepDebts).
	debts map[int64]knownDebts
}

type batchTable struct {
	name string
	cols []string
	rows [][]any
}

type statement struct {
	query string
	args  []any
}

// add appends a row to table in cols; rows of a table in other columns
// (without "id") go to a statement of their own. Tables are written in
// the order they were first added (parents first). The typed adders in
// batchrows.go are the only callers, so table names and column lists
// never leave the store.
func (b *Batch) add(table string, cols []string, values ...any) {
	if b.byName == nil {
		b.byName = map[string]*batchTable{}
	}
	key := table + "/" + cols[0]
	t := b.byName[key]
	if t == nil {
		t = &batchTable{name: table, cols: cols}
		b.byName[key] = t
		b.tables = append(b.tables, t)
	}
	t.rows = append(t.rows, values)
}

// exec adds a statement that runs after the rows, in the same transaction.
func (b *Batch) exec(query string, args ...any) { b.execs = append(b.execs, statement{query, args}) }

// Rows returns the number of rows in the batch.
func (b *Batch) Rows() int {
	n := 0
	for _, t := range b.tables {
		n += len(t.rows)
	}
	return n
}

// Load writes the batch in one transaction, with what its ledger rows
// add to the kept balances.
func (db *DB) Load(ctx context.Context, b *Batch) error {
	if ups := balanceUpserts(b); ups != nil {
		execs := b.execs
		b.execs = append(ups, execs...)
		defer func() { b.execs = execs }()
	}
	return translate(db.dialect.load(ctx, db.write, b))
}

// sqliteMaxRows bounds one multi-row INSERT: 32766 variables at most, and
// past a few hundred rows longer statements stop paying off.
const sqliteMaxRows = 500

func loadSQLite(ctx context.Context, db *sql.DB, b *Batch) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, t := range b.tables {
		if err := insertRows(ctx, tx, t); err != nil {
			return fmt.Errorf("insert %s: %w", t.name, err)
		}
	}
	for _, st := range b.execs {
		if _, err := tx.ExecContext(ctx, st.query, st.args...); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// insertRows writes t with prepared multi-row INSERTs of sqliteMaxRows rows,
// then one statement for the rest.
func insertRows(ctx context.Context, tx *sql.Tx, t *batchTable) error {
	perRow := min(sqliteMaxRows, 32766/len(t.cols))
	var full *sql.Stmt
	rows := t.rows
	args := make([]any, 0, perRow*len(t.cols))
	for len(rows) > 0 {
		n := min(perRow, len(rows))
		args = args[:0]
		for _, r := range rows[:n] {
			args = append(args, r...)
		}
		var err error
		if n == perRow {
			if full == nil {
				if full, err = tx.PrepareContext(ctx, insertSQL(t, n)); err != nil {
					return err
				}
				defer full.Close()
			}
			_, err = full.ExecContext(ctx, args...)
		} else {
			_, err = tx.ExecContext(ctx, insertSQL(t, n), args...)
		}
		if err != nil {
			return err
		}
		rows = rows[n:]
	}
	return nil
}

// insertSQL writes anonymous ? placeholders: the driver looks the name of
// each numbered one up in a list as long as the statement, which made 500-row
// statements quadratic.
func insertSQL(t *batchTable, rows int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "INSERT INTO %s (%s) VALUES ", t.name, strings.Join(t.cols, ", "))
	for r := range rows {
		if r > 0 {
			b.WriteString(", ")
		}
		b.WriteByte('(')
		for c := range t.cols {
			if c > 0 {
				b.WriteString(", ")
			}
			b.WriteByte('?')
		}
		b.WriteByte(')')
	}
	return b.String()
}
