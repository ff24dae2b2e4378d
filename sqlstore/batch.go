package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"kabinet"
)

// Batch collects rows for a bulk load (the demo world, imports) and writes
// them in one transaction, with statements that must commit with them, such
// as a progress marker. It is the store's kabinet.Batch.
type Batch struct {
	tables []*batchTable
	byName map[string]*batchTable
	execs  []statement
	// debts are the kept debts writers know (KeepDebts).
	debts map[int64]knownDebts
	// mark is the import's progress, written last (MarkImportFile).
	mark *kabinet.ImportFile
	// dues finds a bill due date's row by sub-account and period
	// (AddBillDueDate).
	dues map[[2]int64]int
	// fresh: AddNew rows go in plain (FreshLoad).
	fresh bool
	// usageKept: the batch recomputes the chart's months itself
	// (keepClosedUsage), so Load does not from its rows.
	usageKept bool
	// billKeys are the sets of providers' details the batch's bills named
	// (billRow).
	billKeys billKeys
}

type batchTable struct {
	name string
	cols []string
	rows [][]any
	// ifNew: a row goes in unless the table has one with its external_id
	// (AddNew); ifExisting runs when any did not go in.
	ifNew bool
	// fresh: the table is being loaded fresh (FreshLoad), its AddNew rows
	// inserted with freshConflict and no ifExisting statements.
	fresh bool
	// conflict is what an INSERT of its rows ends with: conflictClause for
	// ifNew, an upsert's for addUpsert, "" for plain rows.
	conflict   string
	ifExisting []statement
	skipped    int // after Load: rows of AddNew that were there already
	changed    int // after Load: rows the ifExisting statements changed
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
	t := b.table(table, cols, false)
	t.rows = append(t.rows, values)
}

// addNew appends a row that goes in unless table already has a row with
// its external_id (the billing system's ID, unique where set): an import
// that meets its own rows again changes nothing, without looking each one
// up first.
func (b *Batch) addNew(table string, cols []string, values ...any) {
	t := b.table(table, cols, true)
	t.rows = append(t.rows, values)
}

var _ kabinet.Batch = (*Batch)(nil)

// rowsOrNil returns t's rows; none for a table not in the batch yet.
func (t *batchTable) rowsOrNil() [][]any {
	if t == nil {
		return nil
	}
	return t.rows
}

// addUpsert adds a row that replaces the table's row of the same key:
// conflict is the table's ON CONFLICT … DO UPDATE clause. The caller adds
// one row per key to a batch (one INSERT cannot update a row twice).
func (b *Batch) addUpsert(table string, cols []string, conflict string, values ...any) {
	t := b.table(table, cols, false)
	t.conflict = conflict
	t.rows = append(t.rows, values)
}

// ifExisting adds a statement that runs after table's addNew rows, in the
// same transaction, only when some of them were there already; it must
// change nothing for the rows that went in. What it changes is counted in
// Changed.
func (b *Batch) ifExisting(table string, cols []string, query string, args ...any) {
	t := b.table(table, cols, true)
	t.ifExisting = append(t.ifExisting, statement{query, args})
}

func (b *Batch) table(name string, cols []string, ifNew bool) *batchTable {
	if b.byName == nil {
		b.byName = map[string]*batchTable{}
	}
	key := name + "/" + cols[0]
	if ifNew {
		key += "/new"
	}
	t := b.byName[key]
	if t == nil {
		t = &batchTable{name: name, cols: cols, ifNew: ifNew}
		if ifNew {
			t.conflict = conflictClause
		}
		if c, ok := freshConflict[name]; ok && ifNew && b.fresh {
			t.conflict, t.fresh = c, true
		}
		b.byName[key] = t
		b.tables = append(b.tables, t)
	}
	return t
}

// Skipped returns, after Load, how many addNew rows were there already.
func (b *Batch) Skipped() int {
	n := 0
	for _, t := range b.tables {
		n += t.skipped
	}
	return n
}

// Changed returns, after Load, how many rows the ifExisting statements
// changed.
func (b *Batch) Changed() int {
	n := 0
	for _, t := range b.tables {
		n += t.changed
	}
	return n
}

// runIfExisting runs t's ifExisting statements when some rows were skipped.
// A fresh load skips only rows that break another unique constraint, and
// without the external-ID index each statement would read the whole table.
func (t *batchTable) runIfExisting(exec func(query string, args ...any) (int64, error)) error {
	if t.skipped == 0 || t.fresh {
		return nil
	}
	for _, st := range t.ifExisting {
		n, err := exec(st.query, st.args...)
		if err != nil {
			return err
		}
		t.changed += int(n)
	}
	return nil
}

// conflictClause is what an addNew insert adds: the partial unique index
// on external_id is the conflict target.
const conflictClause = " ON CONFLICT (external_id) WHERE external_id <> '' DO NOTHING"

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

// NewBatch returns an empty bulk load for Load.
func (db *DB) NewBatch() kabinet.Batch { return &Batch{} }

// Load writes the batch in one transaction, with what its ledger rows
// add to the kept balances. The batch is one this package made (NewBatch,
// or a Batch value): only the store knows its tables.
func (db *DB) Load(ctx context.Context, kb kabinet.Batch) error {
	b, ok := kb.(*Batch)
	if !ok {
		return kabinet.Errorf(kabinet.EINTERNAL, "sqlstore: cannot load a %T", kb)
	}
	ups, usage := balanceUpserts(b), usageRefreshes(b)
	if ups != nil || usage != nil {
		execs := b.execs
		b.execs = append(append(ups, execs...), usage...)
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
	for _, t := range b.tables {
		err := t.runIfExisting(func(q string, args ...any) (int64, error) {
			res, err := tx.ExecContext(ctx, q, args...)
			if err != nil {
				return 0, err
			}
			return res.RowsAffected()
		})
		if err != nil {
			return err
		}
	}
	for _, st := range b.statements() {
		if _, err := tx.ExecContext(ctx, st.query, st.args...); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// statements returns the Exec statements, then the progress marker with
// the counts the load corrected: rows found there already are not
// inserted, and what IfExisting changed is updated.
func (b *Batch) statements() []statement {
	if b.mark == nil {
		return b.execs
	}
	f := b.mark
	f.Inserted -= b.Skipped()
	f.Updated += b.Changed()
	return append(b.execs, statement{`UPDATE import_files SET lines_done = $1, inserted = $2, updated = $3, refused = $4 WHERE id = $5`,
		[]any{f.LinesDone, f.Inserted, f.Updated, f.Refused, f.ID}})
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
		var res sql.Result
		if n == perRow {
			if full == nil {
				if full, err = tx.PrepareContext(ctx, insertSQL(t, n)); err != nil {
					return err
				}
				defer full.Close()
			}
			res, err = full.ExecContext(ctx, args...)
		} else {
			res, err = tx.ExecContext(ctx, insertSQL(t, n), args...)
		}
		if err != nil {
			return err
		}
		if t.ifNew {
			in, err := res.RowsAffected()
			if err != nil {
				return err
			}
			t.skipped += n - int(in)
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
	b.WriteString(t.conflict)
	return b.String()
}
