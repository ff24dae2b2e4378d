package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"maps"
	"slices"
	"strconv"
	"strings"

	"kabinet"
)

// The billing exchange's imports (BEY-6) look rows up by the billing
// system's IDs, a chunk of lines at a time, and write each chunk as one
// Batch with its progress marker.

// externalTables are the tables with an external_id column; the table name
// of FindExternalIDs must be one of them.
var externalTables = map[string]bool{"providers": true, "accounts": true, "sub_accounts": true,
	"meters": true, "readings": true, "ledger": true, "bills": true,
	"request_answers": true}

// FindExternalIDs returns the IDs of table's rows with those external IDs,
// by external ID; IDs not found are absent.
func (db *DB) FindExternalIDs(ctx context.Context, table string, ext []string) (map[string]int64, error) {
	if !externalTables[table] {
		panic("sqlstore: no external IDs in table " + table)
	}
	return db.externalIDs(ctx, table, ext)
}

// byExternalID calls fn with placeholders and arguments for ext, at most
// 500 at a time. On SQLite the placeholders are anonymous: the driver looks
// numbered ones up by name in time quadratic in their number (as insertSQL
// notes). Queries say external_id <> ” as well: the unique indexes are
// partial, and without it SQLite scanned the whole table for every chunk.
func (db *DB) byExternalID(ext []string, fn func(list string, args []any) error) error {
	for len(ext) > 0 {
		n := min(500, len(ext))
		var b strings.Builder
		args := make([]any, n)
		for i := range n {
			if i > 0 {
				b.WriteByte(',')
			}
			if db.dialect.name == "sqlite" {
				b.WriteByte('?')
			} else {
				b.WriteString("$" + strconv.Itoa(i+1))
			}
			args[i] = ext[i]
		}
		if err := fn(b.String(), args); err != nil {
			return err
		}
		ext = ext[n:]
	}
	return nil
}

// FindAccountsByExternalID returns the accounts with those external IDs.
// The three finders below read the rows by their IDs (externalIDs): a
// chunk's rows were written together, so their IDs share pages.
func (db *DB) FindAccountsByExternalID(ctx context.Context, ext []string) (map[string]*kabinet.Account, error) {
	found := map[string]*kabinet.Account{}
	err := db.byIDsOf(ctx, "accounts", ext, func(list string) error {
		as, err := db.queryAccounts(ctx, `WHERE id IN (`+list+`)`)
		for _, a := range as {
			found[a.ExternalID] = a
		}
		return err
	})
	return found, err
}

// FindSubAccountsByExternalID returns the sub-accounts with those external IDs.
func (db *DB) FindSubAccountsByExternalID(ctx context.Context, ext []string) (map[string]*kabinet.SubAccount, error) {
	found := map[string]*kabinet.SubAccount{}
	err := db.byIDsOf(ctx, "sub_accounts", ext, func(list string) error {
		ss, err := db.querySubAccounts(ctx, db.read.QueryContext, `WHERE id IN (`+list+`)`)
		for _, s := range ss {
			found[s.ExternalID] = s
		}
		return err
	})
	return found, err
}

// FindMetersByExternalID returns the meters with those external IDs.
func (db *DB) FindMetersByExternalID(ctx context.Context, ext []string) (map[string]*kabinet.Meter, error) {
	found := map[string]*kabinet.Meter{}
	err := db.byIDsOf(ctx, "meters", ext, func(list string) error {
		ms, err := db.queryMeters(ctx, db.read.QueryContext, `WHERE id IN (`+list+`)`)
		for _, m := range ms {
			found[m.ExternalID] = m
		}
		return err
	})
	return found, err
}

// byIDsOf calls fn with lists of the IDs of table's rows with those
// external IDs, in order, at most 500 at a time.
func (db *DB) byIDsOf(ctx context.Context, table string, ext []string, fn func(list string) error) error {
	ids, err := db.externalIDs(ctx, table, ext)
	if err != nil {
		return err
	}
	for chunk := range slices.Chunk(slices.Sorted(maps.Values(ids)), 500) {
		if err := fn(idList(chunk)); err != nil {
			return err
		}
	}
	return nil
}

// FindReadingStatuses returns the status of the readings with those
// external IDs, with their IDs.
func (db *DB) FindReadingStatuses(ctx context.Context, ext []string) (map[string]*kabinet.Reading, error) {
	found := map[string]*kabinet.Reading{}
	err := db.byExternalID(ext, func(list string, args []any) error {
		return db.each(ctx, `SELECT id, external_id, status FROM readings WHERE external_id <> '' AND external_id IN (`+list+`)`, args, func(s scanner) error {
			var r kabinet.Reading
			var status string
			if err := s.Scan(&r.ID, &r.ExternalID, &status); err != nil {
				return err
			}
			r.Status = kabinet.ReadingStatus(status)
			found[r.ExternalID] = &r
			return nil
		})
	})
	return found, err
}

// EachExternalAccount calls fn with the ID and external ID of every open
// account the billing system sent, to find those a full snapshot lacks.
func (db *DB) EachExternalAccount(ctx context.Context, fn func(id int64, ext string) error) error {
	return db.each(ctx, `SELECT id, external_id FROM accounts WHERE external_id <> '' AND closed_on IS NULL ORDER BY id`, nil,
		func(s scanner) error {
			var id int64
			var ext string
			if err := s.Scan(&id, &ext); err != nil {
				return err
			}
			return fn(id, ext)
		})
}

// StartImportFile returns the running import of that content and kind, to
// resume it, or starts one; one that was done is returned as it is, or,
// with again, started anew from the first line.
func (db *DB) StartImportFile(ctx context.Context, sha, kind, name string, again bool) (*kabinet.ImportFile, error) {
	f := &kabinet.ImportFile{SHA256: sha, Kind: kind, Name: name}
	err := db.InTx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `SELECT id, state, lines_done, inserted, updated, refused FROM import_files
			WHERE sha256 = $1 AND kind = $2`, sha, kind).Scan(&f.ID, &f.State, &f.LinesDone, &f.Inserted, &f.Updated, &f.Refused)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			f.State = kabinet.ImportRunning
			return tx.QueryRowContext(ctx, `INSERT INTO import_files (sha256, kind, name, state, lines_done, inserted, updated, refused, started_at)
				VALUES ($1, $2, $3, $4, 0, 0, 0, 0, $5) RETURNING id`, sha, kind, name, kabinet.ImportRunning, db.now()).Scan(&f.ID)
		case err != nil:
			return err
		case f.State == kabinet.ImportRunning, !again:
			return nil
		}
		*f = kabinet.ImportFile{ID: f.ID, SHA256: sha, Kind: kind, Name: name, State: kabinet.ImportRunning}
		_, err = tx.ExecContext(ctx, `UPDATE import_files SET name = $1, state = $2, lines_done = 0, inserted = 0, updated = 0,
			refused = 0, started_at = $3, completed_at = NULL WHERE id = $4`, name, kabinet.ImportRunning, db.now(), f.ID)
		return err
	})
	return f, translate(err)
}

// MarkImportFile adds to the batch the file's progress, so that it commits with the
// rows it counts. Load corrects f's counts first: rows of AddNew… that
// were there already are not counted as inserted, and the rows a status
// move (MoveReadingStatus) changed are counted as updated.
func (b *Batch) MarkImportFile(f *kabinet.ImportFile) { b.mark = f }

// CompleteImportFile records that the file's import ended.
func (db *DB) CompleteImportFile(ctx context.Context, f *kabinet.ImportFile) error {
	f.State = kabinet.ImportDone
	_, err := db.write.ExecContext(ctx, `UPDATE import_files SET state = $1, lines_done = $2, inserted = $3, updated = $4,
		refused = $5, completed_at = $6 WHERE id = $7`, kabinet.ImportDone, f.LinesDone, f.Inserted, f.Updated, f.Refused, db.now(), f.ID)
	return translate(err)
}

// FindLedgerOf returns the whole ledger of those sub-accounts, by
// sub-account and posting date: the world export writes it out.
func (db *DB) FindLedgerOf(ctx context.Context, subIDs []int64) ([]*kabinet.LedgerEntry, error) {
	return db.queryLedger(ctx, `WHERE sub_account_id IN (`+idList(subIDs)+`) ORDER BY sub_account_id, posted_on, id`)
}

// FindReadingsOf returns every reading of those meters, oldest first.
func (db *DB) FindReadingsOf(ctx context.Context, meterIDs []int64) ([]*kabinet.Reading, error) {
	return db.queryReadings(ctx, db.read.QueryContext, `WHERE meter_id IN (`+idList(meterIDs)+`) ORDER BY meter_id, taken_on, id`)
}

// FindBillsOf returns every bill of the accounts with IDs in [from, to], by
// account and period.
func (db *DB) FindBillsOf(ctx context.Context, from, to int64) ([]*kabinet.Bill, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT id, account_id, period, issued_at, data FROM bills WHERE account_id BETWEEN $1 AND $2
		ORDER BY account_id, period`, from, to)
	if err != nil {
		return nil, translate(err)
	}
	return db.readBills(ctx, rows)
}
