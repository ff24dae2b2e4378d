// Package filestore keeps uploaded files outside the database: in a
// directory (under the data directory: one server), or in a bucket of an
// S3-compatible object store (several servers). On PostgreSQL the default
// keeps them in the database instead (sqlstore.Files). Keys are made by
// the caller from random bytes, never from a customer's file name; the
// stores still refuse any key that is not a plain relative path.
package filestore

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"kabinet"
)

// Dir is a file store in a directory: each key is a file under Root.
type Dir struct {
	Root string
}

// NewDir returns a store in root, creating the directory if need be.
func NewDir(root string) (*Dir, error) {
	if err := os.MkdirAll(root, 0o750); err != nil {
		return nil, fmt.Errorf("filestore: %w", err)
	}
	return &Dir{Root: root}, nil
}

// Put writes r under key and returns how many bytes it wrote. It writes a
// temporary file and renames it, so a key never holds half a file; an
// error from r (a size limit) leaves nothing behind.
func (d *Dir) Put(ctx context.Context, key string, r io.Reader) (int64, error) {
	path, err := d.path(key)
	if err != nil {
		return 0, err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		return 0, fmt.Errorf("filestore: %w", err)
	}
	f, err := os.CreateTemp(filepath.Dir(path), ".put-*")
	if err != nil {
		return 0, fmt.Errorf("filestore: %w", err)
	}
	n, err := io.Copy(f, r)
	if err == nil {
		err = f.Sync() // acknowledged means on disk
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		os.Remove(f.Name())
		return 0, err
	}
	return n, nil
}

// Open returns the file under key; a missing one is ENOTFOUND.
func (d *Dir) Open(ctx context.Context, key string) (io.ReadCloser, error) {
	path, err := d.path(key)
	if err != nil {
		return nil, err
	}
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, kabinet.Errorf(kabinet.ENOTFOUND, "Файл не найден")
	}
	return f, err
}

// Delete removes the file under key; a missing one is no error.
func (d *Dir) Delete(ctx context.Context, key string) error {
	path, err := d.path(key)
	if err != nil {
		return err
	}
	if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}

// List calls fn with every key under prefix and when it was written;
// files being written (".put-*") are not keys.
func (d *Dir) List(ctx context.Context, prefix string, fn func(key string, at time.Time) error) error {
	root, err := d.path(strings.TrimSuffix(prefix, "/"))
	if err != nil {
		return err
	}
	err = filepath.WalkDir(root, func(path string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || strings.HasPrefix(e.Name(), ".") {
			return err
		}
		info, err := e.Info()
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(d.Root, path)
		if err != nil {
			return err
		}
		return fn(filepath.ToSlash(rel), info.ModTime())
	})
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}

// path maps key to a file under Root, refusing anything that could leave it.
func (d *Dir) path(key string) (string, error) {
	if err := checkKey(key); err != nil {
		return "", err
	}
	return filepath.Join(d.Root, filepath.FromSlash(key)), nil
}

// checkKey refuses a key that is not a plain relative path: keys are
// slash-separated names of letters, digits, '-' and '_'.
func checkKey(key string) error {
	if key == "" || !filepath.IsLocal(filepath.FromSlash(key)) || strings.Trim(key, "abcdefghijklmnopqrstuvwxyz0123456789-_/") != "" {
		return kabinet.Errorf(kabinet.EINVALID, "Недопустимый ключ файла")
	}
	return nil
}
