package sqlstore_test

import (
	"testing"

	"kabinet"
	"kabinet/sqlstore/sqlstoretest"
)

func TestUsers(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		db := sqlstoretest.MustOpen(t, dsn)
		a := MustCreateAccount(t, db, "10103001857", "Иванов")
		b := MustCreateAccount(t, db, "ИЭСБК0041300", "Петров")
		u := &kabinet.User{PasswordHash: "$argon2id$x", Email: "i@example.org", Phone: "79501234567",
			ConfirmBy: kabinet.ConfirmBySMS, ConfirmedAt: date(2026, 1, 1)}
		if err := db.CreateUser(ctx, u, a.ID); err != nil {
			t.Fatal(err)
		}
		t.Run("FindOwner", func(t *testing.T) {
			got, err := db.FindOwner(ctx, a.ID)
			if err != nil || got.ID != u.ID || got.PasswordHash != "$argon2id$x" || !got.ConfirmedAt.Equal(date(2026, 1, 1)) || got.ConfirmBy != kabinet.ConfirmBySMS {
				t.Fatalf("FindOwner = %+v, %v", got, err)
			}
		})
		t.Run("ErrSecondOwner", func(t *testing.T) {
			wantCode(t, db.CreateUser(ctx, &kabinet.User{Email: "x@example.org", ConfirmBy: kabinet.ConfirmByEmail}, a.ID), kabinet.ECONFLICT)
		})
		t.Run("ErrNotRegistered", func(t *testing.T) {
			_, err := db.FindOwner(ctx, b.ID)
			wantCode(t, err, kabinet.ENOTFOUND)
		})
		t.Run("DeleteFreesTheAccount", func(t *testing.T) {
			if err := db.DeleteUser(ctx, u.ID); err != nil {
				t.Fatal(err)
			}
			_, err := db.FindOwner(ctx, a.ID)
			wantCode(t, err, kabinet.ENOTFOUND)
			if err := db.CreateUser(ctx, &kabinet.User{Email: "n@example.org", ConfirmBy: kabinet.ConfirmByEmail}, a.ID); err != nil {
				t.Fatalf("registering again: %v", err)
			}
			wantCode(t, db.DeleteUser(ctx, u.ID), kabinet.ENOTFOUND)
		})
	})
}
