package sqlstore_test

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"kabinet"
	"kabinet/sqlstore/sqlstoretest"
)

// FindVisit reads in one query what FindSession, FindAccountByID,
// FindUserByID, FindUserAccounts and CountUnreadNotifications read in
// five, the same values; a session without a user is ENOTFOUND there
// (FindSession reads it).
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
		// Two accounts linked besides the registered one, one named; two
		// notifications of three unread.
		for i, number := range []string{"10103001858", "10103001859"} {
			other := MustCreateAccount(t, db, number, "Петров")
			if err := db.LinkAccount(ctx, u.ID, other.ID, nil); err != nil {
				t.Fatal(err)
			}
			if i == 1 {
				if err := db.NameAccount(ctx, u.ID, other.ID, "Дача"); err != nil {
					t.Fatal(err)
				}
			}
		}
		for range 3 {
			if err := db.CreateNotification(ctx, &kabinet.Notification{UserID: u.ID, Title: "Счёт", Text: "Готов", CreatedAt: now}); err != nil {
				t.Fatal(err)
			}
		}
		ns, _ := db.FindNotifications(ctx, u.ID, 10)
		if err := db.MarkNotificationsRead(ctx, u.ID, ns[len(ns)-1].ID); err != nil {
			t.Fatal(err)
		}
		v, err := db.FindVisit(ctx, "signed")
		if err != nil {
			t.Fatal(err)
		}
		ws, _ := db.FindSession(ctx, "signed")
		wa, _ := db.FindAccountByID(ctx, a.ID)
		wu, _ := db.FindUserByID(ctx, u.ID)
		wr, _ := db.FindUserAccounts(ctx, u.ID)
		if !reflect.DeepEqual(v.Session, ws) || !reflect.DeepEqual(v.Account, wa) || !reflect.DeepEqual(v.User, wu) {
			t.Errorf("FindVisit = %+v, %+v, %+v;\nwant %+v, %+v, %+v", v.Session, v.Account, v.User, ws, wa, wu)
		}
		if len(wr) != 3 || !reflect.DeepEqual(v.Reached, wr) {
			t.Errorf("FindVisit reached %s;\nwant %s", reachedString(v.Reached), reachedString(wr))
		}
		if v.Unread != 2 {
			t.Errorf("FindVisit unread = %d, want 2", v.Unread)
		}
		for _, hash := range []string{"registering", "none"} {
			if _, err := db.FindVisit(ctx, hash); kabinet.ErrorCode(err) != kabinet.ENOTFOUND {
				t.Errorf("FindVisit(%s) = %v, want ENOTFOUND", hash, err)
			}
		}
	})
}

func reachedString(uas []*kabinet.UserAccount) string {
	var b strings.Builder
	for _, ua := range uas {
		fmt.Fprintf(&b, "%+v ", *ua)
	}
	return b.String()
}
