package sqlstore_test

import (
	"path/filepath"
	"sync"
	"testing"

	"kabinet/sqlstore/sqlstoretest"
)

// TestSQLiteReadersStayOpen: after reads that used every read connection
// at once, none was closed for being idle (opening one again costs
// milliseconds of CPU).
func TestSQLiteReadersStayOpen(t *testing.T) {
	db := sqlstoretest.MustOpen(t, filepath.Join(t.TempDir(), "k.db"))
	_, read := db.Pools()
	n := read.Stats().MaxOpenConnections
	var held, release sync.WaitGroup
	held.Add(n)
	release.Add(1)
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() {
			tx, err := read.BeginTx(ctx, nil)
			if err != nil {
				t.Error(err)
				held.Done()
				return
			}
			defer tx.Rollback()
			var one int
			if err := tx.QueryRowContext(ctx, "SELECT 1").Scan(&one); err != nil {
				t.Error(err)
			}
			held.Done()
			release.Wait()
		})
	}
	held.Wait()
	release.Done()
	wg.Wait()
	if s := read.Stats(); s.MaxIdleClosed != 0 || s.Idle != n {
		t.Errorf("read pool after %d reads at once: %d idle, %d closed for being idle; want %d and 0", n, s.Idle, s.MaxIdleClosed, n)
	}
}
