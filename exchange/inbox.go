package exchange

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// Inbox is a directory the billing system drops its files into. A scan
// claims each file by moving it into processing/, imports it, and moves it
// to done/ (nothing refused) or failed/ (anything refused, or a kind
// Kabinet does not import) with a report beside it: <name>.report.txt.
// Files whose names start with «.» or end in .part or .tmp are still being
// written and wait for the next scan: write a file under such a name and
// rename it when it is complete.
//
// Scans must not overlap (the job that runs them is unique), so a file
// found in processing/ was left by a scan that was killed; the next scan
// imports it first, and the import resumes where it stopped.
type Inbox struct {
	Dir string
	// Importer imports each file; its Progress is set per file to the
	// report.
	Importer *Importer
	Now      func() time.Time
}

// Inbox subdirectories.
const (
	InboxProcessing = "processing"
	InboxDone       = "done"
	InboxFailed     = "failed"
)

// Scan imports what is in the inbox, in the kinds' order, and returns how
// many files it took.
func (in *Inbox) Scan(ctx context.Context) (int, error) {
	for _, d := range []string{InboxProcessing, InboxDone, InboxFailed} {
		if err := os.MkdirAll(filepath.Join(in.Dir, d), 0o755); err != nil {
			return 0, err
		}
	}
	if err := in.claim(); err != nil {
		return 0, err
	}
	names, err := readyFiles(filepath.Join(in.Dir, InboxProcessing))
	if err != nil {
		return 0, err
	}
	for i, name := range names {
		if err := in.take(ctx, name); err != nil {
			return i, err
		}
	}
	if len(names) > 0 && !in.Importer.DryRun {
		// The kept balances and the planner's statistics, as after
		// `kabinet import`.
		_, err := in.Importer.Store.Settle(ctx)
		return len(names), err
	}
	return len(names), nil
}

// claim moves the complete files of the inbox into processing/.
func (in *Inbox) claim() error {
	names, err := readyFiles(in.Dir)
	if err != nil {
		return err
	}
	for _, n := range names {
		if err := os.Rename(filepath.Join(in.Dir, n), filepath.Join(in.Dir, InboxProcessing, n)); err != nil {
			return err
		}
	}
	return nil
}

// readyFiles lists the complete regular files of dir, in import order.
func readyFiles(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		n := e.Name()
		if !e.Type().IsRegular() || strings.HasPrefix(n, ".") || strings.HasSuffix(n, ".part") || strings.HasSuffix(n, ".tmp") {
			continue
		}
		names = append(names, n)
	}
	slices.SortFunc(names, func(a, b string) int {
		if d := kindOrder(a) - kindOrder(b); d != 0 {
			return d
		}
		return strings.Compare(a, b)
	})
	return names, nil
}

// isPDF tells a bill PDF (the bill_files kind names it) by its name.
func isPDF(name string) bool { return strings.EqualFold(filepath.Ext(name), ".pdf") }

// kindOrder places a file by its kind in import order; unknown kinds last,
// and bill PDFs after everything, the bill_files file that names them
// included (a PDF's name may look like a kind's: bill-….pdf).
func kindOrder(name string) int {
	if isPDF(name) {
		return len(Kinds()) + 1
	}
	k := KindOfFile(name)
	if i := slices.Index(Kinds(), k); k != nil && i >= 0 {
		return i
	}
	return len(Kinds())
}

// take imports one claimed file and files it with its report.
func (in *Inbox) take(ctx context.Context, name string) error {
	path := filepath.Join(in.Dir, InboxProcessing, name)
	var report bytes.Buffer
	im := *in.Importer
	im.Progress = &report
	to := InboxDone
	var sum *Summary
	var err error
	if isPDF(name) {
		// A bill PDF, taken by the bill_files file that named it.
		fmt.Fprintf(&report, "%s: файл PDF для bill_files\n", name)
	} else {
		sum, err = im.ImportFile(ctx, path, nil)
	}
	switch {
	case sum == nil && err == nil:
	case ctx.Err() != nil:
		return ctx.Err() // stopping: the file stays claimed and resumes
	case err != nil:
		fmt.Fprintf(&report, "%s: %v\n", name, err)
		to = InboxFailed
	case !sum.OK(): // the importer has written each bad line to the report
		to = InboxFailed
	}
	stamp := in.now().UTC().Format("20060102T150405Z") + "-"
	dest := filepath.Join(in.Dir, to, stamp+name)
	if err := os.WriteFile(dest+".report.txt", report.Bytes(), 0o644); err != nil {
		return err
	}
	return os.Rename(path, dest)
}

func (in *Inbox) now() time.Time {
	if in.Now != nil {
		return in.Now()
	}
	return time.Now()
}
