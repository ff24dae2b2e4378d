package sqlstore

import (
	"reflect"
	"slices"
	"strconv"
	"strings"

	"kabinet"
)

// The typed adders of a bulk load: each kind of record knows its table
// and columns. A record with an ID is written with it (the demo world
// chooses its own); one without is numbered by the database.

// AddProvider adds a provider to the batch.
func (b *Batch) AddProvider(p *kabinet.Provider) {
	b.addRecord("providers", providerColumns, providerRow(p))
}

// AddAccount adds an account to the batch.
func (b *Batch) AddAccount(a *kabinet.Account) {
	b.addRecord("accounts", accountColumns, accountRow(a))
}

// AddSubAccount adds a sub-account to the batch.
func (b *Batch) AddSubAccount(s *kabinet.SubAccount) {
	b.addRecord("sub_accounts", subAccountColumns, subAccountRow(s))
}

// AddMeter adds a meter to the batch.
func (b *Batch) AddMeter(m *kabinet.Meter) { b.addRecord("meters", meterColumns, meterRow(m)) }

// AddUser adds a registered user to the batch.
func (b *Batch) AddUser(u *kabinet.User) { b.addRecord("users", userColumns, userRow(u)) }

// AddUserAccount adds an account a user reaches to the batch.
func (b *Batch) AddUserAccount(ua *kabinet.UserAccount) {
	b.add("user_accounts", userAccountColumns, userAccountRow(ua)...)
}

// AddReading adds a reading to the batch.
func (b *Batch) AddReading(r *kabinet.Reading) { b.add("readings", readingColumns, readingRow(r)...) }

// AddLedgerEntry adds a ledger entry to the batch.
func (b *Batch) AddLedgerEntry(e *kabinet.LedgerEntry) {
	b.add("ledger", ledgerColumns, ledgerRow(e)...)
}

// AddBill adds a bill to the batch.
func (b *Batch) AddBill(bill *kabinet.Bill) error {
	row, err := b.billRow(bill)
	if err != nil {
		return err
	}
	b.add("bills", billColumns, row...)
	return nil
}

// The import's adders: a row goes in unless its table has one with its
// external_id already (the database skips it; Batch.Skipped counts it).

// AddNewReading adds an imported reading to the batch.
func (b *Batch) AddNewReading(r *kabinet.Reading) {
	b.addNew("readings", readingColumns, readingRow(r)...)
}

// MoveReadingStatus adds the move of an imported reading's status, made
// only when some AddNewReading of the batch was there already. The query
// excludes empty external IDs so that SQLite uses the partial unique index
// (without it each update scanned the whole table).
func (b *Batch) MoveReadingStatus(ext string, s kabinet.ReadingStatus) {
	b.ifExisting("readings", readingColumns, `UPDATE readings SET status = $1 WHERE external_id <> '' AND external_id = $2 AND status <> $1`, string(s), ext)
}

// AddNewLedgerEntry adds an imported ledger entry to the batch.
func (b *Batch) AddNewLedgerEntry(e *kabinet.LedgerEntry) {
	b.addNew("ledger", ledgerColumns, ledgerRow(e)...)
}

// AddNewBill adds an imported bill to the batch.
func (b *Batch) AddNewBill(bill *kabinet.Bill) error {
	row, err := b.billRow(bill)
	if err != nil {
		return err
	}
	b.addNew("bills", billColumns, row...)
	return nil
}

// addRecord adds a row whose first column is "id": without it when the
// record has none yet.
func (b *Batch) addRecord(table string, cols []string, row []any) {
	if row[0] == int64(0) {
		cols, row = cols[1:], row[1:]
	}
	b.add(table, cols, row...)
}

// PutProvider adds an insert of p when old is nil, or an update of the
// stored provider old to p's values when they differ.
func (b *Batch) PutProvider(p, old *kabinet.Provider) kabinet.Put {
	if old == nil {
		b.AddProvider(p)
		return kabinet.PutInserted
	}
	return b.update("providers", old.ID, providerColumns, providerRow(p), providerRow(old))
}

// PutAccount adds an insert of a when old is nil, or an update of the
// stored account old to a's values when they differ (its creation time
// stays).
func (b *Batch) PutAccount(a, old *kabinet.Account) kabinet.Put {
	if old == nil {
		b.AddAccount(a)
		return kabinet.PutInserted
	}
	return b.update("accounts", old.ID, accountColumns, accountRow(a), accountRow(old), "created_at")
}

// PutSubAccount adds an insert of s when old is nil, or an update of the
// stored sub-account old to s's values when they differ.
func (b *Batch) PutSubAccount(s, old *kabinet.SubAccount) kabinet.Put {
	if old == nil {
		b.AddSubAccount(s)
		return kabinet.PutInserted
	}
	return b.update("sub_accounts", old.ID, subAccountColumns, subAccountRow(s), subAccountRow(old))
}

// PutMeter adds an insert of m when old is nil, or an update of the
// stored meter old to m's values when they differ.
func (b *Batch) PutMeter(m, old *kabinet.Meter) kabinet.Put {
	if old == nil {
		b.AddMeter(m)
		return kabinet.PutInserted
	}
	return b.update("meters", old.ID, meterColumns, meterRow(m), meterRow(old))
}

// update adds an UPDATE of the row id of table to row's values when they
// differ from old's; cols, row and old start with "id", which is not
// compared, and skip names the columns an update leaves alone.
func (b *Batch) update(table string, id int64, cols []string, row, old []any, skip ...string) kabinet.Put {
	var uc []string
	var uv []any
	changed := false
	for i, c := range cols[1:] {
		if !slices.Contains(skip, c) {
			uc, uv = append(uc, c), append(uv, row[i+1])
			changed = changed || !reflect.DeepEqual(row[i+1], old[i+1])
		}
	}
	if !changed {
		return kabinet.PutUnchanged
	}
	var q strings.Builder
	q.WriteString("UPDATE " + table + " SET ")
	for i, c := range uc {
		if i > 0 {
			q.WriteString(", ")
		}
		q.WriteString(c + " = $" + strconv.Itoa(i+1))
	}
	q.WriteString(" WHERE id = $" + strconv.Itoa(len(uc)+1))
	b.exec(q.String(), append(uv, id)...)
	return kabinet.PutUpdated
}
