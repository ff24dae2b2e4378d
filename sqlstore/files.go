package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"time"

	"kabinet"
)

// chunkSize is the size of one row of a file in file_chunks: small enough
// for one read to hold, large enough that a 4 MB scan is 16 rows.
const chunkSize = 256 << 10

// Files keeps attachments in the database (file_chunks). Put only stages
// the content in a temporary file of this server; CreateRequest writes the
// staged files of its attachments in its own transaction, so a file is
// saved exactly when its request is. Every server reads every file.
type Files struct {
	db    *DB
	spool string // where staged content waits for its request
	mu    sync.Mutex
	// staged maps a key to its temporary file until the request is saved
	// (or Delete discards it).
	staged map[string]string
}

// NewFiles returns the database's file store, staging uploads under
// spool. Staged files older than a day (left by a crash) are removed.
func (db *DB) NewFiles(spool string) (*Files, error) {
	if err := os.MkdirAll(spool, 0o750); err != nil {
		return nil, fmt.Errorf("files: %w", err)
	}
	sweepSpool(spool, 24*time.Hour)
	f := &Files{db: db, spool: spool, staged: map[string]string{}}
	db.files = f
	return f, nil
}

// sweepSpool removes staged files older than age: their server died
// before their request was saved.
func sweepSpool(dir string, age time.Duration) {
	es, _ := os.ReadDir(dir)
	for _, e := range es {
		if info, err := e.Info(); err == nil && time.Since(info.ModTime()) > age {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}

// Put stages r under key until the request that owns it is saved, and
// returns its size. An error from r (a size limit) stages nothing.
func (f *Files) Put(ctx context.Context, key string, r io.Reader) (int64, error) {
	tmp, err := os.CreateTemp(f.spool, "stage-*")
	if err != nil {
		return 0, fmt.Errorf("files: %w", err)
	}
	n, err := io.Copy(tmp, r)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(tmp.Name())
		return 0, err
	}
	f.mu.Lock()
	f.staged[key] = tmp.Name()
	f.mu.Unlock()
	return n, nil
}

// Open returns the file under key, read a chunk at a time; a missing one
// is ENOTFOUND.
func (f *Files) Open(ctx context.Context, key string) (io.ReadCloser, error) {
	c := &chunkReader{ctx: ctx, db: f.db, key: key}
	if err := c.next(); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, kabinet.Errorf(kabinet.ENOTFOUND, "Файл не найден")
		}
		return nil, err
	}
	return c, nil
}

// Delete discards a staged file, or removes a saved one's chunks.
func (f *Files) Delete(ctx context.Context, key string) error {
	if path, ok := f.unstage(key); ok {
		return os.Remove(path)
	}
	_, err := f.db.write.ExecContext(ctx, `DELETE FROM file_chunks WHERE storage_key = $1`, key)
	return translate(err)
}

func (f *Files) unstage(key string) (string, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	path, ok := f.staged[key]
	delete(f.staged, key)
	return path, ok
}

func (f *Files) stagedPath(key string) (string, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	path, ok := f.staged[key]
	return path, ok
}

// writeStaged writes the staged content of key, if any, as chunks in tx.
func (db *DB) writeStaged(ctx context.Context, tx *sql.Tx, key string) error {
	if db.files == nil {
		return nil
	}
	path, ok := db.files.stagedPath(key)
	if !ok {
		return nil
	}
	src, err := os.Open(path)
	if err != nil {
		return err
	}
	defer src.Close()
	buf := make([]byte, chunkSize)
	for seq := 0; ; seq++ {
		n, err := io.ReadFull(src, buf)
		if errors.Is(err, io.EOF) && seq > 0 {
			return nil
		} else if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO file_chunks (storage_key, seq, data) VALUES ($1, $2, $3)`,
			key, seq, buf[:n]); err != nil {
			return translate(err)
		}
		if n < chunkSize {
			return nil
		}
	}
}

// unstageSaved drops the staged copies of files whose request is saved.
func (db *DB) unstageSaved(as []*kabinet.Attachment) {
	if db.files == nil {
		return
	}
	for _, a := range as {
		if path, ok := db.files.unstage(a.Key); ok {
			os.Remove(path)
		}
	}
}

// chunkReader reads a file from file_chunks one row at a time.
type chunkReader struct {
	ctx context.Context
	db  *DB
	key string
	seq int
	buf []byte
}

// next loads the next chunk; io.EOF when there is none.
func (c *chunkReader) next() error {
	err := c.db.read.QueryRowContext(c.ctx, `SELECT data FROM file_chunks WHERE storage_key = $1 AND seq = $2`,
		c.key, c.seq).Scan(&c.buf)
	if errors.Is(err, sql.ErrNoRows) {
		return io.EOF
	} else if err != nil {
		return translate(err)
	}
	c.seq++
	return nil
}

func (c *chunkReader) Read(p []byte) (int, error) {
	for len(c.buf) == 0 {
		if err := c.next(); err != nil {
			return 0, err
		}
	}
	n := copy(p, c.buf)
	c.buf = c.buf[n:]
	return n, nil
}

func (c *chunkReader) Close() error { return nil }
