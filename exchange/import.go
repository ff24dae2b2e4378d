package exchange

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"kabinet"
	"kabinet/billing"
)

// Store is what an import reads and writes.
type Store interface {
	FindExternalIDs(ctx context.Context, table string, ext []string) (map[string]int64, error)
	FindAccountsByExternalID(ctx context.Context, ext []string) (map[string]*kabinet.Account, error)
	FindSubAccountsByExternalID(ctx context.Context, ext []string) (map[string]*kabinet.SubAccount, error)
	FindMetersByExternalID(ctx context.Context, ext []string) (map[string]*kabinet.Meter, error)
	FindReadingStatuses(ctx context.Context, ext []string) (map[string]*kabinet.Reading, error)
	FindReadings(ctx context.Context, f kabinet.ReadingFilter) ([]*kabinet.Reading, error)
	FindProviders(ctx context.Context) ([]*kabinet.Provider, error)
	EachExternalAccount(ctx context.Context, fn func(id int64, ext string) error) error
	CloseAccounts(ctx context.Context, ids []int64, on time.Time, ds []*kabinet.Delivery) error
	FindRequestByID(ctx context.Context, id int64) (*kabinet.Request, error)
	SaveBillPDF(ctx context.Context, accountID int64, p kabinet.Period, sha string, data []byte) (inserted, updated bool, err error)
	StartImportFile(ctx context.Context, sha, kind, name string, again bool) (*kabinet.ImportFile, error)
	CompleteImportFile(ctx context.Context, f *kabinet.ImportFile) error
	NewBatch() kabinet.Batch
	Load(ctx context.Context, b kabinet.Batch) error
	StartFreshLoad(ctx context.Context, table string) (bool, error)
	EndFreshLoad(ctx context.Context, table string, f *kabinet.ImportFile) error
	Settle(ctx context.Context) (int, error)
	// ForgetExternalIDs drops what the look-ups by external ID remembered
	// (millions of IDs in a first import): an import is done with them.
	ForgetExternalIDs()
}

// Importer imports the billing system's files.
type Importer struct {
	Store Store
	// DryRun checks every line, references included, and writes nothing.
	DryRun bool
	// Progress, when set, gets a line per chunk and the summary.
	Progress io.Writer
	// Chunk is the number of lines per transaction (default defaultChunk).
	Chunk int
	Now   func() time.Time
	// Closed plans how the customers of accounts an import closes (missing
	// from a full snapshot, or closed=true on a line) are told (the
	// informer's deliveries); they commit with the close.
	// Nil tells nobody.
	Closed func(ctx context.Context, accounts []*kabinet.Account) ([]*kabinet.Delivery, error)
	// Answers gives the answers kind's answers to customers' requests;
	// nil refuses a file of answers.
	Answers Answerer
	// DueRules are the rules the portal dates a bill by where its imported
	// bill printed no other day (nil: billing.DefaultDueRules).
	DueRules billing.DueRules
	// Again imports a file whose content was imported before; otherwise it
	// is skipped (an import restarted after a crash goes on where it
	// stopped). Either way its records change nothing the second time.
	Again bool

	// pending are the external IDs a dry run would have inserted, by table,
	// so that later files of the same run may refer to them.
	pending map[string]map[string]bool
}

// Summary is what one file's import did.
type Summary struct {
	File     string
	Kind     string
	Lines    int // records read, good and bad
	Inserted int
	Updated  int
	Closed   int // open accounts the import closed
	Refused  int // bad lines (for a file refused whole, every line is refused)
	// RefusedWhole says the file went in not at all (ledger, bills).
	RefusedWhole bool
	Errors       []*LineError
}

// OK reports whether nothing was refused.
func (s *Summary) OK() bool { return s.Refused == 0 && !s.RefusedWhole }

// String is the summary line printed at the end.
func (s *Summary) String() string {
	if s.RefusedWhole {
		return fmt.Sprintf("%s (%s): файл отклонён целиком, ошибок: %d из %d строк", s.File, s.Kind, len(s.Errors), s.Lines)
	}
	out := fmt.Sprintf("%s (%s): строк %d, добавлено %d, изменено %d, без изменений %d, отклонено %d",
		s.File, s.Kind, s.Lines, s.Inserted, s.Updated, s.Lines-s.Inserted-s.Updated-s.Refused, s.Refused)
	if s.Closed > 0 {
		out += fmt.Sprintf(", закрыто счетов %d", s.Closed)
	}
	return out
}

// maxErrors bounds the errors a summary keeps; the count goes on.
const maxErrors = 1000

// logMu keeps the lines of a file's goroutines whole.
var logMu sync.Mutex

func (im *Importer) logf(format string, args ...any) {
	if im.Progress != nil {
		logMu.Lock()
		defer logMu.Unlock()
		fmt.Fprintf(im.Progress, format+"\n", args...)
	}
}

// bulkWriter is a store that can prepare for a run of large transactions
// (sqlstore.DB.BulkWrites).
type bulkWriter interface {
	BulkWrites(ctx context.Context) (end func(), err error)
}

func (im *Importer) dueRules() billing.DueRules {
	if im.DueRules == nil {
		return billing.DefaultDueRules()
	}
	return im.DueRules
}

// ImportPath imports a file, or every file of a directory whose kind is
// known, in the kinds' order (what a record refers to first). Files of an
// unknown kind in a directory are skipped with a line on Progress.
func (im *Importer) ImportPath(ctx context.Context, path string) ([]*Summary, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	files := []string{path}
	if st.IsDir() {
		if files, err = im.dirFiles(path); err != nil {
			return nil, err
		}
	}
	if bw, ok := im.Store.(bulkWriter); ok && !im.DryRun {
		end, err := bw.BulkWrites(ctx)
		if err != nil {
			return nil, err
		}
		defer end()
	}
	defer im.Store.ForgetExternalIDs()
	ahead := im.startChecksAhead(ctx, files)
	defer ahead.stop()
	var sums []*Summary
	for i, f := range files {
		s, err := im.importFile(ctx, f, nil, ahead.check(i))
		ahead.wrote(i)
		if s != nil {
			sums = append(sums, s)
		}
		if err != nil {
			return sums, fmt.Errorf("%s: %w", filepath.Base(f), err)
		}
	}
	if !im.DryRun {
		_, err = im.Store.Settle(ctx)
	}
	return sums, err
}

func (im *Importer) dirFiles(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	order := func(name string) int {
		if k := KindOfFile(name); k != nil && k.Direction == In {
			return slices.Index(inKinds, k)
		}
		return -1
	}
	var files []string
	for _, e := range entries {
		switch {
		case e.IsDir(), isPDF(e.Name()): // bill PDFs go in with the bill_files that names them
		case order(e.Name()) < 0:
			im.logf("%s: вид записей не узнан по имени, пропущен", e.Name())
		default:
			files = append(files, filepath.Join(dir, e.Name()))
		}
	}
	slices.SortStableFunc(files, func(a, b string) int {
		if d := order(filepath.Base(a)) - order(filepath.Base(b)); d != 0 {
			return d
		}
		return compareStrings(a, b)
	})
	return files, nil
}

func compareStrings(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Check dry-runs one file: its summary says what an import would insert,
// update and close, and names its bad lines; nothing is written.
func (im *Importer) Check(ctx context.Context, path string, kind *Kind) (*Summary, error) {
	c := *im
	c.DryRun, c.pending = true, nil
	return c.ImportFile(ctx, path, kind)
}

// ImportFile imports one file; kind nil recognises it from the name or the
// header. The returned error is for what stopped the import (the database,
// an unreadable file); bad lines are in the summary.
func (im *Importer) ImportFile(ctx context.Context, path string, kind *Kind) (*Summary, error) {
	defer im.Store.ForgetExternalIDs()
	return im.importFile(ctx, path, kind, nil)
}

// importFile imports one file whose checking pass, when ahead is not nil,
// ran ahead (checksAhead).
func (im *Importer) importFile(ctx context.Context, path string, kind *Kind, ahead *checked) (*Summary, error) {
	var sum string
	var err error
	if ahead != nil {
		select {
		case <-ahead.done:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		sum, err = ahead.sha, ahead.err
	} else {
		sum, err = fileSHA256(path)
	}
	if err != nil {
		return nil, err
	}
	return im.importFrom(ctx, path, sum, fileOpener(path, kind), ahead)
}

// fileOpener opens the file at path for a pass; kind nil recognises it.
func fileOpener(path string, kind *Kind) func() (*Reader, io.Closer, error) {
	return func() (*Reader, io.Closer, error) {
		f, err := os.Open(path)
		if err != nil {
			return nil, nil, err
		}
		rd, err := NewReader(path, f, kind)
		if err != nil {
			f.Close()
			return nil, nil, err
		}
		return rd, f, nil
	}
}

// ImportSettled imports one file as ImportPath does a file of its own:
// when anything was written, what the load left stale (the kept balances'
// debts, the planner's statistics) is settled before it returns. The
// exchange over HTTP imports this way, so the pages of the accounts a
// delta touched read their kept balances at once rather than their
// ledgers until the maintenance job.
func (im *Importer) ImportSettled(ctx context.Context, path string, kind *Kind) (*Summary, error) {
	sum, err := im.ImportFile(ctx, path, kind)
	if err != nil || im.DryRun || sum.Inserted+sum.Updated+sum.Closed == 0 {
		return sum, err
	}
	_, err = im.Store.Settle(ctx)
	return sum, err
}

// endFresh builds again the index a fresh load dropped, with the file's
// counts less the rows it found repeated.
func (run *fileRun) endFresh(ctx context.Context) error {
	if !run.fresh {
		return nil
	}
	if err := run.im.Store.EndFreshLoad(ctx, run.h.fresh, run.file); err != nil {
		return err
	}
	run.sum.Inserted, run.sum.Updated = run.file.Inserted, run.file.Updated
	return nil
}

func fileSHA256(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// newRun makes a file's run; nil, with the summary of a file refused at
// its header, or an error, when there is none.
func (im *Importer) newRun(path string, open func() (*Reader, io.Closer, error)) (*fileRun, *Summary, error) {
	name := filepath.Base(path)
	rd, c, err := open()
	var le *LineError
	if errors.As(err, &le) {
		s := &Summary{File: name, Kind: "?", Refused: 1, RefusedWhole: true, Errors: []*LineError{le}}
		im.logf("%s", le)
		return nil, s, nil
	}
	if err != nil {
		return nil, nil, err
	}
	c.Close()
	k := rd.Kind()
	run := &fileRun{im: im, kind: k, h: handlers[k.Name], sum: &Summary{File: name, Kind: k.Name}, full: IsFull(name),
		dir: filepath.Dir(path)}
	if run.h == nil {
		return nil, nil, fmt.Errorf("вид %s не загружается", k.Name)
	}
	return run, nil, nil
}

func (im *Importer) importFrom(ctx context.Context, path, sum string, open func() (*Reader, io.Closer, error), ahead *checked) (*Summary, error) {
	run, refused, err := im.newRun(path, open)
	if run == nil {
		return refused, err
	}
	name, k := run.sum.File, run.kind
	if k.Whole {
		if ahead != nil {
			run.sum = ahead.sum
		} else {
			err = run.pass(ctx, open, true)
		}
		if err != nil || run.sum.Refused > 0 {
			run.refuseWhole()
			return run.sum, err
		}
		run.sum = &Summary{File: name, Kind: k.Name}
	}
	if im.DryRun {
		if err := run.pass(ctx, open, true); err != nil {
			return run.sum, err
		}
		return run.sum, run.finish(ctx)
	}
	if run.file, err = im.Store.StartImportFile(ctx, sum, k.Name, name, im.Again); err != nil {
		return nil, err
	}
	if run.file.State == kabinet.ImportDone && !im.Again {
		im.logf("%s: уже загружен, пропущен", name)
		return &Summary{File: name, Kind: k.Name}, nil
	}
	if run.file.LinesDone > 0 {
		im.logf("%s: продолжение после строки %d", name, run.file.LinesDone)
	}
	if run.fresh, err = im.Store.StartFreshLoad(ctx, run.h.fresh); err != nil {
		return nil, err
	}
	if err := run.pass(ctx, open, false); err != nil {
		return run.sum, err
	}
	if err := run.finish(ctx); err != nil {
		return run.sum, err
	}
	if err := run.endFresh(ctx); err != nil {
		return run.sum, err
	}
	im.logf("%s", run.sum)
	return run.sum, im.Store.CompleteImportFile(ctx, run.file)
}
