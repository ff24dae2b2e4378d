package filestore

import (
	"context"
	"io"
	"time"

	"kabinet"
)

// Store is what a file store does.
type Store interface {
	Put(ctx context.Context, key string, r io.Reader) (int64, error)
	Open(ctx context.Context, key string) (io.ReadCloser, error)
	Delete(ctx context.Context, key string) error
}

// Legacy is a file store that still reads the directory files were kept
// in before they moved (to the database or a bucket): Open falls back to
// Dir for a key Store lacks, Delete removes both, and List lists Dir, so
// that the sweep removes its orphans. New files go to Store.
type Legacy struct {
	Store
	Dir *Dir
}

// Open returns the file under key from Store, or else from Dir.
func (l *Legacy) Open(ctx context.Context, key string) (io.ReadCloser, error) {
	f, err := l.Store.Open(ctx, key)
	if kabinet.ErrorCode(err) == kabinet.ENOTFOUND {
		return l.Dir.Open(ctx, key)
	}
	return f, err
}

// Delete removes key from both.
func (l *Legacy) Delete(ctx context.Context, key string) error {
	if err := l.Store.Delete(ctx, key); err != nil {
		return err
	}
	return l.Dir.Delete(ctx, key)
}

// List lists the old directory's files.
func (l *Legacy) List(ctx context.Context, prefix string, fn func(key string, at time.Time) error) error {
	return l.Dir.List(ctx, prefix, fn)
}
