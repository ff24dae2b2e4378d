package sqlstore_test

import (
	"slices"
	"testing"
	"time"

	"kabinet"
	"kabinet/sqlstore"
	"kabinet/sqlstore/sqlstoretest"
)

func TestUserAccounts(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		db := sqlstoretest.MustOpen(t, dsn)
		now := date(2026, 11, 27)
		db.Now = func() time.Time { return now }
		own := MustCreateAccount(t, db, "10103001857", "Иванов")
		dacha := MustCreateAccount(t, db, "ИЭСБК0041300", "Петрова")
		mum := MustCreateAccount(t, db, "ЕТСОО204646", "Сидорова")
		u := &kabinet.User{PasswordHash: "$argon2id$x", Email: "i@example.org", ConfirmBy: kabinet.ConfirmByEmail}
		if err := db.CreateUser(ctx, u, own.ID); err != nil {
			t.Fatal(err)
		}
		now = now.Add(time.Second)
		if err := db.LinkAccount(ctx, u.ID, mum.ID, nil); err != nil {
			t.Fatal(err)
		}
		now = now.Add(time.Second)
		if err := db.LinkAccount(ctx, u.ID, dacha.ID, nil); err != nil {
			t.Fatal(err)
		}

		t.Run("FindOwnedFirstThenInLinkOrder", func(t *testing.T) {
			wantAccounts(t, db, u.ID, "10103001857 owner", "ЕТСОО204646", "ИЭСБК0041300")
		})
		t.Run("ErrLinkedTwice", func(t *testing.T) {
			wantCode(t, db.LinkAccount(ctx, u.ID, dacha.ID, nil), kabinet.ECONFLICT)
			wantCode(t, db.LinkAccount(ctx, u.ID, own.ID, nil), kabinet.ECONFLICT)
		})
		t.Run("Name", func(t *testing.T) {
			if err := db.NameAccount(ctx, u.ID, dacha.ID, "Дача"); err != nil {
				t.Fatal(err)
			}
			ua, err := db.FindUserAccount(ctx, u.ID, dacha.ID)
			if err != nil || ua.Name != "Дача" || ua.Owner {
				t.Fatalf("FindUserAccount = %+v, %v", ua, err)
			}
			wantCode(t, db.NameAccount(ctx, u.ID, 999999, "Чужой"), kabinet.ENOTFOUND)
		})
		t.Run("Unlink", func(t *testing.T) {
			if err := db.UnlinkAccount(ctx, u.ID, mum.ID); err != nil {
				t.Fatal(err)
			}
			wantAccounts(t, db, u.ID, "10103001857 owner", "ИЭСБК0041300")
			wantCode(t, db.UnlinkAccount(ctx, u.ID, mum.ID), kabinet.ENOTFOUND)
		})
		t.Run("ErrUnlinkRegistered", func(t *testing.T) {
			wantCode(t, db.UnlinkAccount(ctx, u.ID, own.ID), kabinet.ENOTFOUND)
			wantAccounts(t, db, u.ID, "10103001857 owner", "ИЭСБК0041300")
		})
		t.Run("GoneWithTheUser", func(t *testing.T) {
			if err := db.DeleteUser(ctx, u.ID); err != nil {
				t.Fatal(err)
			}
			wantAccounts(t, db, u.ID)
		})
	})
}

// wantAccounts checks the accounts a user reaches, in order, as their
// numbers with " owner" after the registered one.
func wantAccounts(t *testing.T, db *sqlstore.DB, userID int64, want ...string) {
	t.Helper()
	uas, err := db.FindUserAccounts(ctx, userID)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, ua := range uas {
		s := ua.Display
		if ua.Owner {
			s += " owner"
		}
		got = append(got, s)
	}
	if !slices.Equal(got, want) {
		t.Fatalf("accounts = %q, want %q", got, want)
	}
}
