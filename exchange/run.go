package exchange

import (
	"context"
	"errors"
	"io"
	"time"

	"kabinet"
)

// handler checks a chunk of one kind's records, resolves what they refer
// to and adds their inserts and updates to b. A bad record is reported with
// run.bad and left out.
type handler struct {
	load func(ctx context.Context, run *fileRun, recs []*Record, b kabinet.Batch) error
	// group, when set, keeps records with the same group in one chunk (the
	// lines of one bill).
	group string
	// ahead: a chunk may be loaded while the chunk before it is being
	// written, because the loader looks up only what earlier files wrote
	// and lets the database skip the records that are there already
	// (Batch.AddNewLedgerEntry, AddNewBill). Other kinds look their own rows up, chunk after
	// committed chunk.
	ahead bool
	// fresh is the table an import into it while empty loads fresh
	// (sqlstore.DB.StartFreshLoad).
	fresh string
	// refers are the kinds whose rows the loader reads: in a directory a
	// kind refused whole on a bad line is checked once the files of these
	// kinds are written, beside the files in between (checksAhead).
	refers []*Kind
}

var handlers map[string]*handler

var billsRefer = []*Kind{KindProviders, KindAccounts, KindSubAccounts}

func init() {
	handlers = map[string]*handler{
		"providers":   {load: loadProviders},
		"accounts":    {load: loadAccounts},
		"subaccounts": {load: loadSubAccounts},
		"meters":      {load: loadMeters},
		"readings":    {load: loadReadings, fresh: "readings"},
		"ledger":      {load: loadLedger, ahead: true, fresh: "ledger", refers: []*Kind{KindSubAccounts}},
		"bills":       {load: loadBills, group: "bill_id", ahead: true, fresh: "bills", refers: billsRefer},
		"bill_files":  {load: loadBillFiles},
		"answers":     {load: loadAnswers},
	}
}

// fileRun is one pass over one file, or one chunk of it: each chunk is
// loaded with its own fileRun, whose counts are added to the file's in
// order.
type fileRun struct {
	im    *Importer
	kind  *Kind
	h     *handler
	sum   *Summary
	full  bool
	dir   string              // the file's directory, where the files it names are
	file  *kabinet.ImportFile // nil on a checking pass
	check bool
	// fresh: the chunks' rows go in as a fresh load (Batch.FreshLoad).
	fresh bool
	// seen are the accounts a full snapshot lists.
	seen map[string]bool
	// closing are the open accounts the chunk's lines close (closed=true):
	// they close, and their customers are told, before the chunk's rows
	// are written.
	closing    []*kabinet.Account
	badInChunk map[*Record]bool
	lastShown  time.Time
}

// bad reports a bad record; it is left out of the chunk's writes.
func (run *fileRun) bad(rec *Record, field, format string, args ...any) {
	run.badInChunk[rec] = true
	run.refuse(rec.Errorf(field, format, args...))
}

func (run *fileRun) refuse(e *LineError) {
	run.sum.Refused++
	if len(run.sum.Errors) < maxErrors {
		run.sum.Errors = append(run.sum.Errors, e)
	}
	if run.check && run.kind.Whole {
		return // listed once, with the refusal
	}
	run.im.logf("%s", e)
}

func (run *fileRun) refuseWhole() {
	run.sum.RefusedWhole = true
	run.sum.Inserted, run.sum.Updated = 0, 0
	for _, e := range run.sum.Errors {
		run.im.logf("%s", e)
	}
	run.im.logf("%s", run.sum)
}

// good returns the records of the chunk that no check refused.
func (run *fileRun) good(recs []*Record) []*Record {
	out := recs[:0:0]
	for _, r := range recs {
		if !run.badInChunk[r] {
			out = append(out, r)
		}
	}
	return out
}

// chunk is a run of lines committed together: read, then loaded (checked,
// looked up, made into rows), then written.
type chunk struct {
	run    *fileRun // the chunk's own counts
	recs   []*Record
	last   int // the last line read, good or bad
	b      kabinet.Batch
	loaded bool
	err    error
}

// pass reads the file from the start in chunks. A checking pass writes
// nothing; a writing pass skips the lines an interrupted run committed and
// commits each chunk with the progress marker. Reading and parsing run in
// one goroutine, loading (for kinds that may load ahead) in another, and
// writing in this one, so a pass keeps two cores busy.
func (run *fileRun) pass(ctx context.Context, open func() (*Reader, io.Closer, error), check bool) error {
	run.check = check
	rd, c, err := open()
	if err != nil {
		return err
	}
	defer c.Close()
	done := 0
	if run.file != nil {
		done = run.file.LinesDone
		run.sum.Inserted, run.sum.Updated, run.sum.Refused = run.file.Inserted, run.file.Updated, run.file.Refused
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	read := make(chan *chunk, 2)
	var readErr error
	go func() {
		defer close(read)
		readErr = run.read(ctx, rd, done, read)
	}()
	in := read
	if run.h.ahead {
		loaded := make(chan *chunk, 2)
		go func() {
			defer close(loaded)
			for c := range read {
				if ctx.Err() == nil {
					c.load(ctx)
				}
				loaded <- c
			}
		}()
		in = loaded
	}
	for c := range in {
		if err := run.flush(ctx, c); err != nil {
			cancel()
			for range in {
			}
			return err
		}
	}
	return readErr
}

// defaultChunk is the lines of a chunk unless the importer says: as many
// as bench/import measures with (it was 2,000, and every commit writes
// again the pages each chunk touches: the indexes' upper levels, the
// tables' last leaves).
const defaultChunk = 5000

// read sends the file's chunks, the last one possibly empty.
func (run *fileRun) read(ctx context.Context, rd *Reader, done int, out chan<- *chunk) error {
	size := run.im.Chunk
	if size <= 0 {
		size = defaultChunk
	}
	c := run.newChunk()
	send := func() bool {
		select {
		case out <- c:
			c = run.newChunk()
			return true
		case <-ctx.Done():
			return false
		}
	}
	for {
		rec := run.kind.NewRecord()
		err := rd.Next(rec)
		if errors.Is(err, io.EOF) {
			break
		}
		var le *LineError
		switch {
		case errors.As(err, &le):
			c.run.sum.Lines++
			if le.Line > done {
				c.run.refuse(le)
				c.last = le.Line
			}
			continue
		case err != nil:
			return err
		}
		c.run.sum.Lines++
		run.note(rec)
		if rec.Line <= done {
			continue
		}
		if len(c.recs) >= size && (run.h.group == "" || c.recs[len(c.recs)-1].Get(run.h.group) != rec.Get(run.h.group)) {
			last := c.last
			if !send() {
				return ctx.Err()
			}
			c.last = last
		}
		c.recs = append(c.recs, rec)
		c.last = rec.Line
	}
	send()
	return nil
}

func (run *fileRun) newChunk() *chunk {
	cr := &fileRun{im: run.im, kind: run.kind, h: run.h, full: run.full, check: run.check, dir: run.dir, fresh: run.fresh,
		sum: &Summary{File: run.sum.File, Kind: run.sum.Kind}, badInChunk: map[*Record]bool{}}
	return &chunk{run: cr}
}

// load checks the chunk's records and makes its rows.
func (c *chunk) load(ctx context.Context) {
	c.loaded, c.b = true, c.run.im.Store.NewBatch()
	if c.run.fresh {
		c.b.FreshLoad()
	}
	if len(c.recs) > 0 {
		c.err = c.run.h.load(ctx, c.run, c.recs, c.b)
	}
}

// note remembers what a full snapshot lists, on every line, committed
// before an interruption or not.
func (run *fileRun) note(rec *Record) {
	if run.full && run.kind == KindAccounts {
		if run.seen == nil {
			run.seen = map[string]bool{}
		}
		run.seen[rec.Get("account_id")] = true
	}
}

// add adds a chunk's counts to the file's.
func (run *fileRun) add(s *Summary) {
	run.sum.Lines += s.Lines
	run.sum.Inserted += s.Inserted
	run.sum.Updated += s.Updated
	run.sum.Refused += s.Refused
	for _, e := range s.Errors {
		if len(run.sum.Errors) < maxErrors {
			run.sum.Errors = append(run.sum.Errors, e)
		}
	}
}

func (run *fileRun) flush(ctx context.Context, c *chunk) error {
	if !c.loaded {
		c.load(ctx)
	}
	if c.err != nil {
		return c.err
	}
	run.add(c.run.sum)
	if run.check || run.file == nil {
		run.sum.Closed += len(c.run.closing)
		if run.kind.Whole && time.Since(run.lastShown) > time.Second {
			run.lastShown = time.Now()
			run.im.logf("%s: проверено строк %d (файл загружается, только если все строки верны)", run.sum.File, run.sum.Lines)
		}
		return nil
	}
	f := run.file
	f.LinesDone, f.Inserted, f.Updated, f.Refused = max(f.LinesDone, c.last), run.sum.Inserted, run.sum.Updated, run.sum.Refused
	c.b.MarkImportFile(f)
	if err := run.im.closeAndTell(ctx, c.run.closing); err != nil {
		return err
	}
	run.sum.Closed += len(c.run.closing)
	if err := run.im.Store.Load(ctx, c.b); err != nil {
		return err
	}
	run.sum.Inserted, run.sum.Updated = f.Inserted, f.Updated // less what was there already
	if time.Since(run.lastShown) > time.Second {
		run.lastShown = time.Now()
		run.im.logf("%s: строк %d, добавлено %d, изменено %d, отклонено %d", run.sum.File, run.sum.Lines, run.sum.Inserted, run.sum.Updated, run.sum.Refused)
	}
	return nil
}

// known returns the IDs of table's rows with the external IDs of field in
// recs; in a dry run, IDs a previous file would have inserted read as 0.
func (run *fileRun) known(ctx context.Context, table string, recs []*Record, field string) (map[string]int64, error) {
	ids, err := run.im.Store.FindExternalIDs(ctx, table, values(recs, field))
	for ext := range run.im.pending[table] {
		if _, ok := ids[ext]; !ok {
			ids[ext] = 0
		}
	}
	return ids, err
}

// inserted counts an insert; in a dry run it also remembers the external
// ID for the files after this one.
func (run *fileRun) inserted(table, ext string) {
	run.sum.Inserted++
	if run.im.DryRun {
		if run.im.pending == nil {
			run.im.pending = map[string]map[string]bool{}
		}
		if run.im.pending[table] == nil {
			run.im.pending[table] = map[string]bool{}
		}
		run.im.pending[table][ext] = true
	}
}

func values(recs []*Record, field string) []string {
	seen := make(map[string]bool, len(recs))
	var out []string
	for _, r := range recs {
		if v := r.Get(field); v != "" && !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	return out
}

// unique refuses records whose ID repeats an earlier record of the chunk.
func (run *fileRun) unique(recs []*Record, field string) {
	first := map[string]int{}
	for _, r := range recs {
		if n, ok := first[r.Get(field)]; ok {
			run.bad(r, field, "повторяет строку %d", n)
			continue
		}
		first[r.Get(field)] = r.Line
	}
}

// finish closes the accounts a full snapshot no longer lists, a chunk at
// a time, each chunk with the deliveries that tell its customers; a dry
// run only counts them.
func (run *fileRun) finish(ctx context.Context) error {
	ids, exts, err := run.gone(ctx)
	if err != nil || len(ids) == 0 || run.im.DryRun {
		run.sum.Closed += len(ids)
		return err
	}
	for start := 0; start < len(ids); start += closeChunk {
		end := min(start+closeChunk, len(ids))
		accounts, err := run.im.accountsOf(ctx, exts[start:end])
		if err != nil {
			return err
		}
		if err := run.im.closeAndTell(ctx, accounts); err != nil {
			return err
		}
		run.sum.Closed += end - start
	}
	return nil
}

// closeChunk is how many accounts close in one transaction.
const closeChunk = 2000

// gone returns the open accounts (IDs and external IDs) a full snapshot of
// accounts lacks; none for any other file, or for a snapshot that was
// refused throughout.
func (run *fileRun) gone(ctx context.Context) ([]int64, []string, error) {
	if !run.full || run.kind != KindAccounts || run.sum.Refused > 0 && run.sum.Inserted+run.sum.Updated == 0 {
		return nil, nil, nil
	}
	var ids []int64
	var exts []string
	err := run.im.Store.EachExternalAccount(ctx, func(id int64, ext string) error {
		if !run.seen[ext] {
			ids, exts = append(ids, id), append(exts, ext)
		}
		return nil
	})
	return ids, exts, err
}

// accountsOf returns the accounts with these external IDs.
func (im *Importer) accountsOf(ctx context.Context, exts []string) ([]*kabinet.Account, error) {
	byExt, err := im.Store.FindAccountsByExternalID(ctx, exts)
	if err != nil {
		return nil, err
	}
	accounts := make([]*kabinet.Account, 0, len(exts))
	for _, ext := range exts {
		if a := byExt[ext]; a != nil {
			accounts = append(accounts, a)
		}
	}
	return accounts, nil
}

// closeAndTell closes the accounts today and, in the same transaction,
// writes the deliveries the Closed hook plans to tell their customers.
// An account closed already is left as it is; the callers pass only open
// ones, so a file imported again, or resumed after a crash, tells nobody
// twice.
func (im *Importer) closeAndTell(ctx context.Context, accounts []*kabinet.Account) error {
	if len(accounts) == 0 {
		return nil
	}
	var ds []*kabinet.Delivery
	if im.Closed != nil {
		var err error
		if ds, err = im.Closed(ctx, accounts); err != nil {
			return err
		}
	}
	ids := make([]int64, len(accounts))
	for i, a := range accounts {
		ids[i] = a.ID
	}
	return im.Store.CloseAccounts(ctx, ids, im.now(), ds)
}

func (im *Importer) now() time.Time {
	if im.Now != nil {
		return im.Now()
	}
	return time.Now()
}
