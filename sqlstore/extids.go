package sqlstore

import (
	"context"
	"sync"
)

// An import looks up, a chunk of lines at a time, the rows its lines refer
// to by the billing system's IDs: the ledger's sub-accounts, the readings'
// meters, the bills' accounts. At a million homes that was millions of
// index look-ups, each of some eight pages, and on SQLite every writer
// commit empties the readers' page caches, so each chunk read its pages
// again: a sixth of the CPU of the 1M import (issue 16). Once a table has
// been looked up for many keys, its IDs are read in one pass instead and
// remembered: rows whose ID is past the last pass are read on the next
// look-up that misses. What makes that right:
//   - these tables' rows are never deleted, and a row's external ID never
//     changes once it has one (an import finds its rows by it);
//   - on SQLite rows get IDs above every ID before them (one writer, no row
//     deleted), so a key missing after the pass is missing; PostgreSQL's
//     sequences may commit out of order, so there a missing key is looked
//     up in the index as well.

// extIDTables are the tables whose IDs are remembered.
var extIDTables = map[string]bool{"accounts": true, "sub_accounts": true, "meters": true}

// A table's IDs are read in one pass once more keys than the larger of
// extIDsAfter and a twentieth of its rows went to its index: a key looked
// up cost 30–55 µs at 1M homes on SQLite, a row of the pass far less, and
// a nightly delta's 50,000 entries checked and written read 1.5M
// sub-accounts' IDs for nothing when the bar was 20,000 alone (2 s); a
// first import's millions stop taking the index after its first chunks.
const (
	extIDsAfter   = 20000
	extIDsPerPass = 20
)

type extIDs struct {
	mu     sync.Mutex
	tables map[string]*extIDTable
	// atOnce: IDs are read in one pass from the first look-up (tests).
	atOnce bool
}

type extIDTable struct {
	ids map[string]int64
	// upTo: every row with an ID up to it is in ids (once read).
	upTo int64
	read bool
	// indexed is how many keys went to the index before the first pass,
	// until more than limit; the IDs found there are remembered too (a
	// file refused whole on a bad line looks its keys up twice: checking,
	// then writing).
	indexed, limit int
}

// externalIDs returns the IDs of table's rows with those external IDs;
// IDs not found are absent.
func (db *DB) externalIDs(ctx context.Context, table string, ext []string) (map[string]int64, error) {
	if !extIDTables[table] {
		return db.indexedIDs(ctx, table, ext)
	}
	db.extIDs.mu.Lock()
	defer db.extIDs.mu.Unlock()
	t := db.extIDs.table(table)
	found := make(map[string]int64, len(ext))
	missing := t.lookUp(ext, found)
	if len(missing) == 0 {
		return found, nil
	}
	if t.limit == 0 && !db.extIDs.atOnce {
		var rows int
		if err := db.read.QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0) FROM `+table).Scan(&rows); err != nil {
			return nil, translate(err)
		}
		t.limit = max(extIDsAfter, rows/extIDsPerPass)
	}
	if t.read || t.indexed+len(missing) > t.limit {
		if err := db.readExtIDs(ctx, table, t); err != nil {
			return nil, err
		}
		if missing = t.lookUp(missing, found); len(missing) == 0 || db.dialect.name == "sqlite" {
			return found, nil
		}
	} else {
		t.indexed += len(missing)
	}
	late, err := db.indexedIDs(ctx, table, missing)
	for e, id := range late {
		found[e], t.ids[e] = id, id
	}
	return found, err
}

func (x *extIDs) table(name string) *extIDTable {
	if x.tables == nil {
		x.tables = map[string]*extIDTable{}
	}
	t := x.tables[name]
	if t == nil {
		t = &extIDTable{ids: map[string]int64{}}
		x.tables[name] = t
	}
	return t
}

// lookUp adds the IDs t knows to found and returns the keys it does not.
func (t *extIDTable) lookUp(ext []string, found map[string]int64) []string {
	var missing []string
	for _, e := range ext {
		if id, ok := t.ids[e]; ok {
			found[e] = id
		} else {
			missing = append(missing, e)
		}
	}
	return missing
}

// readExtIDs reads into t the rows past t.upTo, in the order of their IDs.
func (db *DB) readExtIDs(ctx context.Context, table string, t *extIDTable) error {
	t.read = true
	return db.each(ctx, `SELECT id, external_id FROM `+table+` WHERE id > $1 AND external_id <> '' ORDER BY id`, []any{t.upTo},
		func(s scanner) error {
			var id int64
			var e string
			if err := s.Scan(&id, &e); err != nil {
				return err
			}
			t.ids[e], t.upTo = id, max(t.upTo, id)
			return nil
		})
}

// indexedIDs looks the keys up in table's index on external_id.
func (db *DB) indexedIDs(ctx context.Context, table string, ext []string) (map[string]int64, error) {
	ids := make(map[string]int64, len(ext))
	err := db.byExternalID(ext, func(list string, args []any) error {
		return db.each(ctx, `SELECT external_id, id FROM `+table+` WHERE external_id <> '' AND external_id IN (`+list+`)`, args, func(s scanner) error {
			var e string
			var id int64
			if err := s.Scan(&e, &id); err != nil {
				return err
			}
			ids[e] = id
			return nil
		})
	})
	return ids, err
}

// RememberExternalIDsAtOnce makes look-ups by external ID read a table's
// IDs in one pass from the first one, as they do after many: the tests of
// imports take that path with worlds of a few homes.
func (db *DB) RememberExternalIDsAtOnce() {
	db.extIDs.mu.Lock()
	db.extIDs.atOnce = true
	db.extIDs.mu.Unlock()
}

// ForgetExternalIDs drops the IDs remembered: an import calls it when it
// ends, so that a server that ran one does not keep them.
func (db *DB) ForgetExternalIDs() {
	db.extIDs.mu.Lock()
	db.extIDs.tables = nil
	db.extIDs.mu.Unlock()
}
