package exchange

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// CursorFile is the file an export writes last into its directory, with
// the new cursor: a directory with it holds a complete export.
const CursorFile = "cursor"

// DirOptions say how an export is written to a directory.
type DirOptions struct {
	Encoding    Encoding // CSV (the default) or JSONL
	Windows1251 bool     // CSV in windows-1251 instead of UTF-8
	// Progress, if set, is told each kind's count once it is written.
	Progress func(k *Kind, n int)
}

// ToDir writes export e into dir: a file per outgoing kind
// (portal_readings.csv...; a kind with nothing has only its header), the
// requests' files under attachments/, and last CursorFile. Each file is
// written beside its name and renamed into place, and the cursor file is
// removed first, so an export that fails halfway leaves no cursor and is
// simply run again with the same since.
func (x *Exporter) ToDir(ctx context.Context, e *Export, dir string, o DirOptions) (map[string]int, error) {
	if o.Encoding == "" {
		o.Encoding = CSV
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	if err := os.Remove(filepath.Join(dir, CursorFile)); err != nil && !os.IsNotExist(err) {
		return nil, err
	}
	counts := map[string]int{}
	for _, k := range outKinds {
		n, err := x.kindToFile(ctx, e, k, dir, o)
		if err != nil {
			return counts, fmt.Errorf("%s: %w", k.Name, err)
		}
		counts[k.Name] = n
		if o.Progress != nil {
			o.Progress(k, n)
		}
	}
	return counts, writeAtomically(filepath.Join(dir, CursorFile), func(w io.Writer) error {
		_, err := fmt.Fprintln(w, e.Cursor)
		return err
	})
}

func (x *Exporter) kindToFile(ctx context.Context, e *Export, k *Kind, dir string, o DirOptions) (int, error) {
	n := 0
	err := writeAtomically(filepath.Join(dir, k.Name+"."+string(o.Encoding)), func(w io.Writer) error {
		wr, err := NewWriter(w, k, o.Encoding, o.Windows1251)
		if err != nil {
			return err
		}
		err = x.Each(ctx, e, k, func(rec *Record) error {
			n++
			if k == KindRequestAttachments {
				if err := x.saveAttachment(ctx, dir, rec); err != nil {
					return err
				}
			}
			return wr.Write(rec)
		})
		if err != nil {
			return err
		}
		return wr.Flush()
	})
	return n, err
}

// saveAttachment copies a request's file to attachments/ in dir and sets
// the record's file to its path there.
func (x *Exporter) saveAttachment(ctx context.Context, dir string, rec *Record) error {
	if x.Files == nil {
		return nil
	}
	_, body, err := x.Files.OfficeAttachment(ctx, rec.Int("request_id"), rec.Int("attachment_id"))
	if err != nil {
		return err
	}
	defer body.Close()
	rel := "attachments/" + rec.Get("attachment_id") + "-" + safeName(rec.Get("name"))
	path := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	rec.Set("file", rel)
	return writeAtomically(path, func(w io.Writer) error {
		_, err := io.Copy(w, body)
		return err
	})
}

// safeName keeps a customer's file name readable but harmless as one path
// element.
func safeName(name string) string {
	name = strings.Map(func(r rune) rune {
		if r < ' ' || strings.ContainsRune(`/\:*?"<>|`, r) {
			return '_'
		}
		return r
	}, name)
	if name == "" || name == "." || name == ".." {
		return "file"
	}
	return name
}

// writeAtomically writes a file through a temporary one beside it, synced
// and renamed into place.
func writeAtomically(path string, fn func(w io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := fn(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// ReadCursor returns the cursor an export left in dir, 0 when none did.
func ReadCursor(dir string) (int64, error) {
	b, err := os.ReadFile(filepath.Join(dir, CursorFile))
	if os.IsNotExist(err) {
		return 0, nil
	} else if err != nil {
		return 0, err
	}
	return strconv.ParseInt(strings.TrimSpace(string(b)), 10, 64)
}
