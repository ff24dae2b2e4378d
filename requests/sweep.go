package requests

import (
	"context"
	"fmt"
	"time"
)

// Lister is a file store that can list its keys, so that files whose
// request was never saved can be found. The database's store has no
// such files and is not one.
type Lister interface {
	List(ctx context.Context, prefix string, fn func(key string, at time.Time) error) error
}

// sweepBatch is how many keys one look-up in the store checks.
const sweepBatch = 200

// SweepFiles removes the files of requests that were never saved (a
// server died between storing a file and saving its request, or before
// Discard), once they are older than age: younger ones may belong to a
// request being sent now, on any server. It returns how many it removed.
func (s *Service) SweepFiles(ctx context.Context, age time.Duration) (int, error) {
	l, ok := s.files.(Lister)
	if !ok {
		return 0, nil
	}
	cutoff := time.Now().Add(-age) // file times are the machine's, not the calendar's
	var batch []string
	removed := 0
	flush := func() error {
		n, err := s.removeOrphans(ctx, batch)
		removed, batch = removed+n, batch[:0]
		return err
	}
	err := l.List(ctx, keyPrefix, func(key string, at time.Time) error {
		if at.After(cutoff) {
			return nil
		}
		if batch = append(batch, key); len(batch) == sweepBatch {
			return flush()
		}
		return nil
	})
	if err == nil {
		err = flush()
	}
	if err != nil {
		return removed, fmt.Errorf("sweep files: %w", err)
	}
	return removed, nil
}

// removeOrphans deletes those of keys no saved attachment has.
func (s *Service) removeOrphans(ctx context.Context, keys []string) (int, error) {
	if len(keys) == 0 {
		return 0, nil
	}
	saved, err := s.store.FindAttachmentKeys(ctx, keys)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, k := range keys {
		if saved[k] {
			continue
		}
		if err := s.files.Delete(ctx, k); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}
