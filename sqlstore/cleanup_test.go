package sqlstore_test

import (
	"testing"
	"time"

	"kabinet"
	"kabinet/sqlstore/sqlstoretest"
)

func TestPrune(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		db := sqlstoretest.MustOpen(t, dsn)
		now := time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)
		db.Now = func() time.Time { return now }
		a := MustCreateAccount(t, db, "10103001857", "Иванов")
		for i, age := range []time.Duration{13 * time.Hour, 50 * time.Hour} {
			s := &kabinet.Session{TokenHash: string(rune('a' + i)), AccountID: a.ID, CreatedAt: now.Add(-age), SeenAt: now.Add(-age)}
			if err := db.CreateSession(ctx, s); err != nil {
				t.Fatal(err)
			}
		}
		db.Now = func() time.Time { return now.Add(-50 * time.Hour) }
		db.Hit(ctx, "old", time.Minute)
		db.Now = func() time.Time { return now }
		db.Hit(ctx, "new", time.Minute)
		n, err := db.Prune(ctx, 48*time.Hour)
		if err != nil || n != 2 {
			t.Fatalf("Prune = %d, %v; want the old session and the old window", n, err)
		}
		if _, err := db.FindSession(ctx, "a"); err != nil {
			t.Errorf("a recent session was pruned: %v", err)
		}
		if c, _ := db.Hit(ctx, "new", time.Minute); c != 2 {
			t.Errorf("a live window was pruned: count %d", c)
		}
	})
}
