package auth_test

import (
	"strings"
	"testing"

	"kabinet"
	"kabinet/auth"
	"kabinet/sqlstore/sqlstoretest"
)

// signedIn signs the registered customer in and returns the visitor.
func (f *fixture) signedIn(t *testing.T, pw string) *auth.Visitor {
	t.Helper()
	s, err := f.svc.SignIn(ctx, "10103001857", pw, client)
	if err != nil {
		t.Fatal(err)
	}
	v, err := f.svc.Visit(ctx, s.Token)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestChangePasswordEndsOtherSessions(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		f := newFixture(t, dsn)
		f.registered(t, "10103001857", "Байкал-2026-омуль")
		other := f.signedIn(t, "Байкал-2026-омуль")
		v := f.signedIn(t, "Байкал-2026-омуль")
		err := f.svc.ChangePassword(ctx, v, "Байкал-2026-мимо", "Ангара-течёт-на-север", "Ангара-течёт-на-север", client)
		if fe, _ := err.(auth.FormErrors); fe["current"] != "Неверный текущий пароль." {
			t.Fatalf("wrong current password: %v", err)
		}
		err = f.svc.ChangePassword(ctx, v, "Байкал-2026-омуль", "Ангара-течёт-на-север", "Ангара-течёт-на-юг", client)
		if fe, _ := err.(auth.FormErrors); fe["confirm"] == "" {
			t.Fatalf("passwords that differ: %v", err)
		}
		if err := f.svc.ChangePassword(ctx, v, "Байкал-2026-омуль", "Ангара-течёт-на-север", "Ангара-течёт-на-север", client); err != nil {
			t.Fatal(err)
		}
		if ds, err := f.svc.Devices(ctx, v); err != nil || len(ds) != 1 || !ds[0].Current {
			t.Fatalf("devices after the change = %+v, %v", ds, err)
		}
		if ds, _ := f.svc.Devices(ctx, other); len(ds) != 1 {
			t.Fatalf("the other session's view = %+v", ds)
		}
		if _, err := f.svc.SignIn(ctx, "10103001857", "Ангара-течёт-на-север", client); err != nil {
			t.Errorf("the new password: %v", err)
		}
		ms, _ := f.db.FindMessages(ctx, kabinet.ChannelEmail, 10)
		if len(ms) == 0 || ms[0].Recipient != "ivanov@example.ru" || !strings.Contains(ms[0].Text, "Пароль к личному кабинету") {
			t.Errorf("no notice of the change: %+v", ms)
		}
	})
}

func TestChangePhoneByCode(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		f := newFixture(t, dsn)
		f.registered(t, "10103001857", "Байкал-2026-омуль")
		v := f.signedIn(t, "Байкал-2026-омуль")
		if fe, _ := f.svc.RequestPhoneChange(ctx, v, "Байкал-2026-омуль", "12345").(auth.FormErrors); fe["phone"] == "" {
			t.Fatal("a malformed phone was not refused")
		}
		if err := f.svc.RequestPhoneChange(ctx, v, "Байкал-2026-омуль", "+7 (950) 765-43-21"); err != nil {
			t.Fatal(err)
		}
		if got, _ := f.svc.PendingPhone(ctx, v); got != "79507654321" {
			t.Fatalf("pending phone = %q", got)
		}
		code := f.lastCode(t)
		for range 10 { // a wrongly formatted code uses up no guess
			if err := f.svc.ConfirmPhoneChange(ctx, v, "12a", client); err == nil {
				t.Fatal("a malformed code was taken")
			}
		}
		if err := f.svc.ConfirmPhoneChange(ctx, v, code, client); err != nil {
			t.Fatal(err)
		}
		u, _ := f.db.FindUserByID(ctx, v.User.ID)
		if u.Phone != "79507654321" {
			t.Errorf("phone = %q", u.Phone)
		}
		ms, _ := f.db.FindMessages(ctx, kabinet.ChannelSMS, 10)
		if len(ms) == 0 || ms[0].Recipient != "79501234567" || !strings.Contains(ms[0].Text, "Телефон для входа") {
			t.Errorf("the old phone was not told: %+v", ms[0])
		}
	})
}

func TestChangeEmailOnlyNewestLink(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		f := newFixture(t, dsn)
		f.registered(t, "10103001857", "Байкал-2026-омуль")
		v := f.signedIn(t, "Байкал-2026-омуль")
		link := func() string {
			ms, _ := f.db.FindMessages(ctx, kabinet.ChannelEmail, 1)
			_, secret, _ := strings.Cut(ms[0].Text, "token=")
			return strings.Fields(secret)[0]
		}
		if err := f.svc.RequestEmailChange(ctx, v, "Байкал-2026-омуль", "typo@example.ru", client); err != nil {
			t.Fatal(err)
		}
		first := link()
		if err := f.svc.RequestEmailChange(ctx, v, "Байкал-2026-омуль", "new@example.ru", client); err != nil {
			t.Fatal(err)
		}
		wantErr(t, f.svc.ConfirmEmailChange(ctx, first, client), auth.ErrLinkInvalid)
		if err := f.svc.ConfirmEmailChange(ctx, link(), client); err != nil {
			t.Fatal(err)
		}
		u, _ := f.db.FindUserByID(ctx, v.User.ID)
		if u.Email != "new@example.ru" {
			t.Errorf("email = %q", u.Email)
		}
	})
}
