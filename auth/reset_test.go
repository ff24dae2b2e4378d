package auth_test

import (
	"strings"
	"testing"
	"time"

	"kabinet"
	"kabinet/auth"
	"kabinet/sqlstore/sqlstoretest"
)

func TestForgotPasswordByEmail(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		f := newFixture(t, dsn)
		f.registered(t, "10103001857", "Байкал-2026-омуль")
		old, _ := f.svc.SignIn(ctx, "10103001857", "Байкал-2026-омуль", client)
		if err := f.svc.ForgotPassword(ctx, "10103001857", kabinet.ConfirmByEmail, client); err != nil {
			t.Fatal(err)
		}
		secret := f.letters.lastSecret(t)
		if err := f.svc.CheckResetLink(ctx, secret); err != nil {
			t.Fatal(err)
		}
		_, err := f.svc.ResetByLink(ctx, secret, "short", "short", client)
		if fe, _ := err.(auth.FormErrors); fe["password"] == "" {
			t.Fatalf("short password: %v", err)
		}
		token, err := f.svc.ResetByLink(ctx, secret, "Ангара-течёт-на-север", "Ангара-течёт-на-север", client)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.Visit(ctx, token); err != nil {
			t.Errorf("the new session: %v", err)
		}
		if _, err := f.svc.Visit(ctx, old.Token); err != auth.ErrNoSession {
			t.Error("a session from before the password change survived")
		}
		_, err = f.svc.ResetByLink(ctx, secret, "Ангара-течёт-на-север", "Ангара-течёт-на-север", client)
		wantErr(t, err, auth.ErrLinkInvalid)
		if _, err := f.svc.SignIn(ctx, "10103001857", "Байкал-2026-омуль", client); err != auth.ErrSignIn {
			t.Errorf("the old password: %v", err)
		}
		if _, err := f.svc.SignIn(ctx, "10103001857", "Ангара-течёт-на-север", client); err != nil {
			t.Errorf("the new password: %v", err)
		}
	})
}

func TestForgotPasswordBySMS(t *testing.T) {
	f := newFixture(t, sqlstoretest.SQLiteDSN(t))
	f.registered(t, "10103001857", "Байкал-2026-омуль")
	if err := f.svc.ForgotPassword(ctx, "10103001857", kabinet.ConfirmBySMS, client); err != nil {
		t.Fatal(err)
	}
	code := f.lastCode(t)
	if _, err := f.svc.ResetByCode(ctx, "ИЭСБК0041300", code, "Ангара-течёт-на-север", "Ангара-течёт-на-север", client); err == nil {
		t.Fatal("a code worked for another account")
	}
	token, err := f.svc.ResetByCode(ctx, "10103001857", code, "Ангара-течёт-на-север", "Ангара-течёт-на-север", client)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.Visit(ctx, token); err != nil {
		t.Error(err)
	}
}

// TestForgotPasswordRevealsNothing: an unknown account, an unregistered
// one and a registered one all get the same answer.
func TestForgotPasswordRevealsNothing(t *testing.T) {
	f := newFixture(t, sqlstoretest.SQLiteDSN(t))
	f.registered(t, "10103001857", "Байкал-2026-омуль")
	f.account(t, "ИЭСБК0041300", "Петрова")
	for _, number := range []string{"10103001857", "ИЭСБК0041300", "ИЭСБК9999999"} {
		for _, by := range []kabinet.ConfirmBy{kabinet.ConfirmByEmail, kabinet.ConfirmBySMS} {
			if err := f.svc.ForgotPassword(ctx, number, by, client); err != nil {
				t.Errorf("ForgotPassword(%s, %s) = %v, want the uniform nil", number, by, err)
			}
		}
	}
	ms, _ := f.db.FindMessages(ctx, kabinet.ChannelSMS, 10)
	if len(ms) != 1 || !strings.Contains(ms[0].Text, "смены пароля") {
		t.Errorf("SMS sent = %d, want one to the registered account", len(ms))
	}
}

func TestDailySMSCap(t *testing.T) {
	f := newFixture(t, sqlstoretest.SQLiteDSN(t))
	f.registered(t, "10103001857", "Байкал-2026-омуль")
	for range 12 {
		f.svc.ForgotPassword(ctx, "10103001857", kabinet.ConfirmBySMS, client)
		f.now = f.now.Add(11 * time.Minute) // past the short window every time
	}
	ms, _ := f.db.FindMessages(ctx, kabinet.ChannelSMS, 50)
	if len(ms) != 10 {
		t.Errorf("%d SMS to one phone in a day, want the cap of 10", len(ms))
	}
}

// One live reset link per account: a newer letter kills the older link.
func TestOnlyTheNewestResetLinkWorks(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		f := newFixture(t, dsn)
		f.registered(t, "10103001857", "Байкал-2026-омуль")
		if err := f.svc.ForgotPassword(ctx, "10103001857", kabinet.ConfirmByEmail, client); err != nil {
			t.Fatal(err)
		}
		older := f.letters.lastSecret(t)
		if err := f.svc.ForgotPassword(ctx, "10103001857", kabinet.ConfirmByEmail, client); err != nil {
			t.Fatal(err)
		}
		newer := f.letters.lastSecret(t)
		wantErr(t, f.svc.CheckResetLink(ctx, older), auth.ErrLinkInvalid)
		_, err := f.svc.ResetByLink(ctx, older, "Ангара-течёт-на-север", "Ангара-течёт-на-север", client)
		wantErr(t, err, auth.ErrLinkInvalid)
		if _, err := f.svc.ResetByLink(ctx, newer, "Ангара-течёт-на-север", "Ангара-течёт-на-север", client); err != nil {
			t.Fatalf("the newest link: %v", err)
		}
	})
}
