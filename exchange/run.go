package exchange

import (
	"context"
	"errors"
	"io"
	"kabinet"
	"time"

	"kabinet/sqlstore"
)

// handler checks a chunk of one kind's records, resolves what they refer
// to and adds their inserts and updates to b. A bad record is reported with
// run.bad and left out.
type handler struct {
	load func(ctx context.Context, run *fileRun, recs []*Record, b *sqlstore.Batch) error
	// group, when set, keeps records with the same group in one chunk (the
	// lines of one bill).
	group string
}

var handlers map[string]*handler

func init() {
	handlers = map[string]*handler{
		"providers":   {load: loadProviders},
		"accounts":    {load: loadAccounts},
		"subaccounts": {load: loadSubAccounts},
		"meters":      {load: loadMeters},
		"readings":    {load: loadReadings},
		"ledger":      {load: loadLedger},
		"bills":       {load: loadBills, group: "bill_id"},
	}
}

// fileRun is one pass over one file.
type fileRun struct {
	im    *Importer
	kind  *Kind
	h     *handler
	sum   *Summary
	full  bool
	file  *kabinet.ImportFile // nil on a checking pass
	check bool
	// seen are the accounts a full snapshot lists.
	seen       map[string]bool
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

// pass reads the file from the start in chunks. A checking pass writes
// nothing; a writing pass skips the lines an interrupted run committed and
// commits each chunk with the progress marker.
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
	size := run.im.Chunk
	if size <= 0 {
		size = 2000
	}
	var chunk []*Record
	last := 0
	for {
		rec := run.kind.NewRecord()
		err := rd.Next(rec)
		if err == io.EOF {
			break
		}
		var le *LineError
		switch {
		case errors.As(err, &le):
			run.sum.Lines++
			if le.Line > done {
				run.refuse(le)
				last = le.Line
			}
			continue
		case err != nil:
			return err
		}
		run.sum.Lines++
		run.note(rec)
		if rec.Line <= done {
			continue
		}
		if len(chunk) >= size && (run.h.group == "" || chunk[len(chunk)-1].Get(run.h.group) != rec.Get(run.h.group)) {
			if err := run.flush(ctx, chunk, last); err != nil {
				return err
			}
			chunk = chunk[:0]
		}
		chunk = append(chunk, rec)
		last = rec.Line
	}
	return run.flush(ctx, chunk, last)
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

func (run *fileRun) flush(ctx context.Context, chunk []*Record, last int) error {
	run.badInChunk = map[*Record]bool{}
	b := &sqlstore.Batch{}
	if len(chunk) > 0 {
		if err := run.h.load(ctx, run, chunk, b); err != nil {
			return err
		}
	}
	if run.check || run.file == nil {
		if run.kind.Whole && time.Since(run.lastShown) > time.Second {
			run.lastShown = time.Now()
			run.im.logf("%s: проверено строк %d (файл загружается, только если все строки верны)", run.sum.File, run.sum.Lines)
		}
		return nil
	}
	f := run.file
	f.LinesDone, f.Inserted, f.Updated, f.Refused = max(f.LinesDone, last), run.sum.Inserted, run.sum.Updated, run.sum.Refused
	sqlstore.MarkImportFile(b, f)
	if err := run.im.Store.Load(ctx, b); err != nil {
		return err
	}
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

// finish closes the accounts a full snapshot no longer lists.
func (run *fileRun) finish(ctx context.Context) error {
	if !run.full || run.kind != KindAccounts || run.sum.Refused > 0 && run.sum.Inserted+run.sum.Updated == 0 {
		return nil
	}
	var gone []int64
	err := run.im.Store.EachExternalAccount(ctx, func(id int64, ext string) error {
		if !run.seen[ext] {
			gone = append(gone, id)
		}
		return nil
	})
	if err != nil || len(gone) == 0 {
		return err
	}
	today := run.im.now()
	for start := 0; start < len(gone); start += 2000 {
		b := &sqlstore.Batch{}
		for _, id := range gone[start:min(start+2000, len(gone))] {
			sqlstore.CloseAccount(b, id, today)
		}
		if err := run.im.Store.Load(ctx, b); err != nil {
			return err
		}
	}
	run.sum.Closed = len(gone)
	if run.im.Closed != nil {
		return run.im.Closed(ctx, gone)
	}
	return nil
}

func (im *Importer) now() time.Time {
	if im.Now != nil {
		return im.Now()
	}
	return time.Now()
}
