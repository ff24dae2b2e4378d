package sqlstore_test

import (
	"testing"
	"time"

	"kabinet/sqlstore/sqlstoretest"
)

// TestLockDemoBank: the state is saved, and a second holder waits for
// the first to let go.
func TestLockDemoBank(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		db := sqlstoretest.MustOpen(t, dsn)
		state, save, err := db.LockDemoBank(ctx)
		if err != nil || len(state) != 0 {
			t.Fatalf("first state = %q, %v", state, err)
		}
		second := make(chan string, 1)
		go func() {
			s, save2, err := db.LockDemoBank(ctx)
			if err != nil {
				second <- "error: " + err.Error()
				return
			}
			save2([]byte(string(s) + "+b"))
			second <- string(s)
		}()
		select {
		case s := <-second:
			t.Fatalf("the second holder got %q while the first held it", s)
		case <-time.After(300 * time.Millisecond):
		}
		if err := save([]byte("a")); err != nil {
			t.Fatal(err)
		}
		if s := <-second; s != "a" {
			t.Fatalf("the second holder read %q, want the first's save", s)
		}
		state, save, err = db.LockDemoBank(ctx)
		if err != nil || string(state) != "a+b" {
			t.Fatalf("state = %q, %v", state, err)
		}
		if err := save(nil); err != nil {
			t.Fatal(err)
		}
	})
}
