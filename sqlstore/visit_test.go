package sqlstore_test

import (
	"reflect"
	"testing"
	"time"

	"kabinet"
	"kabinet/sqlstore/sqlstoretest"
)

// FindVisit reads in one query what FindSession, FindAccountByID and
// FindUserByID read in three, the same values; a session without a user
// is ENOTFOUND there (FindSession reads it).
func TestFindVisit(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		db := sqlstoretest.MustOpen(t, dsn)
		a := MustCreateAccount(t, db, "10103001857", "Иванов")
		u := MustCreateUser(t, db, a.ID, "ivanov@example.org")
		now := time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)
		for _, s := range []*kabinet.Session{
			{TokenHash: "signed", UserID: u.ID, AccountID: a.ID, CreatedAt: now, SeenAt: now, IP: "127.0.0.1", UserAgent: "test"},
			{TokenHash: "registering", AccountID: a.ID, CreatedAt: now, SeenAt: now},
		} {
			if err := db.CreateSession(ctx, s); err != nil {
				t.Fatal(err)
			}
		}
		s, ga, gu, err := db.FindVisit(ctx, "signed")
		if err != nil {
			t.Fatal(err)
		}
		ws, _ := db.FindSession(ctx, "signed")
		wa, _ := db.FindAccountByID(ctx, a.ID)
		wu, _ := db.FindUserByID(ctx, u.ID)
		if !reflect.DeepEqual(s, ws) || !reflect.DeepEqual(ga, wa) || !reflect.DeepEqual(gu, wu) {
			t.Errorf("FindVisit = %+v, %+v, %+v;\nwant %+v, %+v, %+v", s, ga, gu, ws, wa, wu)
		}
		for _, hash := range []string{"registering", "none"} {
			if _, _, _, err := db.FindVisit(ctx, hash); kabinet.ErrorCode(err) != kabinet.ENOTFOUND {
				t.Errorf("FindVisit(%s) = %v, want ENOTFOUND", hash, err)
			}
		}
	})
}
