package exchange

import (
	"context"
	"path/filepath"
	"slices"
)

// A file refused whole on a bad line (ledger, bills) is read twice: a
// checking pass, then the writing pass. In a directory the checking pass
// need not wait for the file's turn: it reads only rows of the kinds its
// handler refers to, so once the files of those kinds are written it can
// run beside the writing of the files in between (a ledger's check beside
// the readings, the bills' beside the ledger). At 100,000 homes the two
// checks were 14 s of a 100 s import in which the one writer waited.

// checked is one file's checking pass run ahead: its summary (what
// importFrom's own pass would have left) and error, ready once done closes.
type checked struct {
	done chan struct{}
	sha  string
	sum  *Summary
	err  error
}

// checksAhead runs the checks ahead of a directory's files, one file after
// another in a goroutine of its own.
type checksAhead struct {
	files   []string
	checks  []*checked      // nil: the file is checked in its turn
	written []chan struct{} // closed once file i is written
	cancel  context.CancelFunc
	stopped chan struct{}
}

// startChecksAhead starts checking ahead the files whose handler says what
// it refers to; none in a dry run, whose checking pass is its only one.
func (im *Importer) startChecksAhead(ctx context.Context, files []string) *checksAhead {
	ctx, cancel := context.WithCancel(ctx)
	ca := &checksAhead{files: files, checks: make([]*checked, len(files)), written: make([]chan struct{}, len(files)),
		cancel: cancel, stopped: make(chan struct{})}
	for i, f := range files {
		ca.written[i] = make(chan struct{})
		if k := KindOfFile(filepath.Base(f)); !im.DryRun && k != nil && k.Whole && handlers[k.Name] != nil && handlers[k.Name].refers != nil {
			ca.checks[i] = &checked{done: make(chan struct{})}
		}
	}
	go func() {
		defer close(ca.stopped)
		for i, c := range ca.checks {
			if c == nil {
				continue
			}
			if !ca.waitFor(ctx, i) {
				return
			}
			c.sha, c.err = fileSHA256(files[i])
			if c.err == nil {
				c.sum, c.err = im.checkFile(ctx, files[i])
			}
			close(c.done)
		}
	}()
	return ca
}

// waitFor waits until every file before i of a kind file i refers to is
// written; false when ctx ends first.
func (ca *checksAhead) waitFor(ctx context.Context, i int) bool {
	refers := handlers[KindOfFile(filepath.Base(ca.files[i])).Name].refers
	for j := range i {
		if k := KindOfFile(filepath.Base(ca.files[j])); k == nil || !slices.Contains(refers, k) {
			continue
		}
		select {
		case <-ca.written[j]:
		case <-ctx.Done():
			return false
		}
	}
	return true
}

// check returns file i's check run ahead, nil when it is checked in turn.
func (ca *checksAhead) check(i int) *checked { return ca.checks[i] }

// wrote says file i is written.
func (ca *checksAhead) wrote(i int) { close(ca.written[i]) }

// stop ends the checks still running and waits for their goroutine.
func (ca *checksAhead) stop() {
	ca.cancel()
	<-ca.stopped
}

// checkFile runs a file's checking pass: the summary names its bad lines.
func (im *Importer) checkFile(ctx context.Context, path string) (*Summary, error) {
	open := fileOpener(path, nil)
	run, sum, err := im.newRun(path, open)
	if run == nil {
		return sum, err
	}
	return run.sum, run.pass(ctx, open, true)
}
