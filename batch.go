package kabinet

import "time"

// Batch is a bulk load being built (the demo world, an import): what is
// added to it is written by the store's Load in one transaction, with the
// progress marker that counts it, so a load killed halfway resumes after
// its last committed batch. The store knows the tables and columns; a
// batch is only ever loaded by the store that made it.
type Batch interface {
	// The records as given: one with an ID is written with it (the demo
	// world chooses its own), one without is numbered by the database.
	AddProvider(p *Provider)
	AddAccount(a *Account)
	AddSubAccount(s *SubAccount)
	AddMeter(m *Meter)
	AddUser(u *User)
	AddUserAccount(ua *UserAccount)
	AddReading(r *Reading)
	AddLedgerEntry(e *LedgerEntry)

	// The import's records. Put… inserts the record when old is nil, or
	// updates the stored old to the record's values when they differ.
	PutProvider(p, old *Provider) Put
	PutAccount(a, old *Account) Put
	PutSubAccount(s, old *SubAccount) Put
	PutMeter(m, old *Meter) Put
	// AddNew… adds a record that goes in unless one with its external ID
	// is there already: an import that meets its own rows again changes
	// nothing.
	AddNewReading(r *Reading)
	AddNewLedgerEntry(e *LedgerEntry)
	AddNewBill(b *Bill) error
	// MoveReadingStatus moves an imported reading's status, when some
	// AddNewReading of the batch was there already.
	MoveReadingStatus(ext string, s ReadingStatus)
	// AddBillDueDate keeps the due date an imported bill printed for a
	// sub-account and period, replacing the one kept before.
	AddBillDueDate(subAccountID int64, p Period, due time.Time)

	// The progress markers, committed with the rows they count.
	// StartWorld records a world of n accounts with seed as being built
	// (loading it twice is ECONFLICT); MarkWorldBuilt records how many
	// households are in; MarkWorldPaid how many payments of p's month.
	StartWorld(seed int64, n int, started time.Time)
	MarkWorldBuilt(built int)
	MarkWorldPaid(p Period, count int)
	// MarkImportFile records the file's progress. Load corrects f's counts
	// first: AddNew… rows that were there already are not inserted, and
	// the rows a status move changed are updated.
	MarkImportFile(f *ImportFile)
	// FreshLoad marks the batch's rows as going into a table an import
	// found empty, whose external-ID index is built again at the file's
	// end: they go in plain, without looking for rows already there.
	FreshLoad()
}

// Put is what putting a record into a batch did.
type Put int

// What a put did.
const (
	PutUnchanged Put = iota // the stored record has the same values
	PutInserted             // there was none
	PutUpdated              // the stored record had other values
)
