package auth_test

import (
	"testing"
	"time"

	"kabinet"
	"kabinet/auth"
	"kabinet/sqlstore/sqlstoretest"
)

// The mobile app's sign-in (issue 19): a device session of its own kind
// and name, kept while the app is used and ended after a month unused
// (the store prunes it then too); the first visit by surname is handed
// over to the portal's registration, with no session.
func TestDeviceSession(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		f := newFixture(t, dsn)
		f.registered(t, "10103001857", "Байкал-2026-омуль")
		f.account(t, "ИЭСБК0041300", "Петрова")
		phone := auth.Client{IP: "203.0.113.7", UserAgent: "app", Device: "Телефон Ивана"}

		t.Run("FirstVisitRegistersOnThePortal", func(t *testing.T) {
			_, err := f.svc.SignIn(ctx, "ИЭСБК0041300", "Петрова", phone)
			wantErr(t, err, auth.ErrRegisterFirst)
		})
		t.Run("WrongPasswordIsTheUniformRefusal", func(t *testing.T) {
			_, err := f.svc.SignIn(ctx, "10103001857", "не тот", phone)
			wantErr(t, err, auth.ErrSignIn)
		})
		in, err := f.svc.SignIn(ctx, "10103001857", "Байкал-2026-омуль", phone)
		if err != nil {
			t.Fatal(err)
		}
		t.Run("KindAndName", func(t *testing.T) {
			v, err := f.svc.Visit(ctx, in.Token)
			if err != nil || v.Session.Kind != kabinet.SessionDevice || v.Session.Device != "Телефон Ивана" {
				t.Fatalf("Visit = %+v, %v", v, err)
			}
		})
		t.Run("OutlivesABrowsersIdleTimeout", func(t *testing.T) {
			f.now = f.now.Add(3 * 24 * time.Hour)
			if _, err := f.svc.Visit(ctx, in.Token); err != nil {
				t.Fatalf("after three days: %v", err)
			}
			if _, err := f.db.Prune(ctx, 48*time.Hour); err != nil {
				t.Fatal(err)
			}
			if _, err := f.svc.Visit(ctx, in.Token); err != nil {
				t.Fatalf("pruned after three days: %v", err)
			}
		})
		t.Run("EndsAfterAMonthUnused", func(t *testing.T) {
			f.now = f.now.Add(kabinet.DeviceSessionIdle + time.Hour)
			_, err := f.svc.Visit(ctx, in.Token)
			wantErr(t, err, auth.ErrNoSession)
		})
	})
}
