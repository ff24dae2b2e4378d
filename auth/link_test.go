package auth_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/alexedwards/argon2id"

	"kabinet"
	"kabinet/auth"
	"kabinet/sqlstore/sqlstoretest"
)

// visitor signs in with a password and returns who holds the session.
func (f *fixture) visitor(t *testing.T, number, pw string) *auth.Visitor {
	t.Helper()
	in, err := f.svc.SignIn(ctx, number, pw, client)
	if err != nil {
		t.Fatalf("SignIn(%s): %v", number, err)
	}
	v, err := f.svc.Visit(ctx, in.Token)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// wantReached checks the accounts the visitor reaches, as their numbers
// with the names given to them.
func wantReached(t *testing.T, f *fixture, v *auth.Visitor, want ...string) {
	t.Helper()
	uas, err := f.svc.Accounts(ctx, v)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, ua := range uas {
		got = append(got, ua.Display+"|"+ua.Name)
	}
	if len(got) != len(want) {
		t.Fatalf("accounts = %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("accounts = %q, want %q", got, want)
		}
	}
}

func TestLink(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		f := newFixture(t, dsn)
		f.registered(t, "10103001857", "Байкал-2026-омуль")
		other := f.registered(t, "ЕТСОО204646", "Ангара-2026-хариус")
		dacha := f.account(t, "ИЭСБК0041300", "Петрова")
		v := f.visitor(t, "10103001857", "Байкал-2026-омуль")

		t.Run("BySurname", func(t *testing.T) {
			l, err := f.svc.Link(ctx, v, "иэсбк 004-1300", " ПЕТРОВА ", client)
			if err != nil || l.Account.ID != dacha.ID || l.Pending {
				t.Fatalf("Link = %+v, %v", l, err)
			}
			if _, err := f.svc.Reach(ctx, v, dacha.ID); err != nil {
				t.Errorf("Reach after linking: %v", err)
			}
			wantReached(t, f, v, "10103001857|", "ИЭСБК0041300|")
		})
		t.Run("EnterListsWhatItDecidedOn", func(t *testing.T) {
			a, uas, err := f.svc.Enter(ctx, v, dacha.ID)
			if err != nil || a.ID != dacha.ID || len(uas) != 2 || !uas[0].Owner || uas[1].AccountID != dacha.ID {
				t.Fatalf("Enter = %+v, %+v, %v", a, uas, err)
			}
			_, _, err = f.svc.Enter(ctx, v, other.ID)
			wantCode(t, err, kabinet.ENOTFOUND)
			_, _, err = f.svc.Enter(ctx, nil, dacha.ID)
			wantCode(t, err, kabinet.ENOTFOUND)
		})
		t.Run("ByPassword", func(t *testing.T) {
			f.now = f.now.Add(time.Second) // listed in the order they were linked
			if _, err := f.svc.Link(ctx, v, "ЕТСОО204646", "Ангара-2026-хариус", client); err != nil {
				t.Fatal(err)
			}
			wantReached(t, f, v, "10103001857|", "ИЭСБК0041300|", "ЕТСОО204646|")
		})
		t.Run("ErrLinkedAlready", func(t *testing.T) {
			_, err := f.svc.Link(ctx, v, "ИЭСБК0041300", "Петрова", client)
			wantErr(t, err, auth.ErrLinked)
			_, err = f.svc.Link(ctx, v, "10103001857", "Байкал-2026-омуль", client)
			wantErr(t, err, auth.ErrLinked)
		})
		t.Run("Name", func(t *testing.T) {
			if err := f.svc.NameAccount(ctx, v, dacha.ID, "  Дача  "); err != nil {
				t.Fatal(err)
			}
			err := f.svc.NameAccount(ctx, v, dacha.ID, "Дача на Байкале, где бабушка сажает картошку")
			if fe, ok := err.(auth.FormErrors); !ok || fe["name"] == "" {
				t.Errorf("a name too long: %v", err)
			}
			wantReached(t, f, v, "10103001857|", "ИЭСБК0041300|Дача", "ЕТСОО204646|")
		})
		t.Run("Unlink", func(t *testing.T) {
			if err := f.svc.Unlink(ctx, v, other.ID); err != nil {
				t.Fatal(err)
			}
			wantReached(t, f, v, "10103001857|", "ИЭСБК0041300|Дача")
			_, err := f.svc.Reach(ctx, v, other.ID)
			wantCode(t, err, kabinet.ENOTFOUND)
		})
		t.Run("ErrUnlinkRegistered", func(t *testing.T) {
			wantErr(t, f.svc.Unlink(ctx, v, v.Account.ID), auth.ErrUnlinkOwn)
		})
		t.Run("ErrNotReached", func(t *testing.T) {
			wantCode(t, f.svc.Unlink(ctx, v, other.ID), kabinet.ENOTFOUND)
			wantCode(t, f.svc.NameAccount(ctx, v, other.ID, "Чужой"), kabinet.ENOTFOUND)
			wantCode(t, f.svc.Unlink(ctx, nil, dacha.ID), kabinet.ENOTFOUND)
			_, err := f.svc.Link(ctx, nil, "ЕТСОО204646", "Ангара-2026-хариус", client)
			wantCode(t, err, kabinet.ENOTFOUND)
		})
		t.Run("TheOtherOwnerKeepsTheirs", func(t *testing.T) {
			w := f.visitor(t, "ЕТСОО204646", "Ангара-2026-хариус")
			wantReached(t, f, w, "ЕТСОО204646|")
		})
	})
}

// Linking answers every wrong number, surname or password as the sign-in
// form does, after the same work.
func TestLinkUniformRefusals(t *testing.T) {
	f := newFixture(t, sqlstoretest.SQLiteDSN(t))
	f.registered(t, "10103001857", "Байкал-2026-омуль")
	f.registered(t, "ЕТСОО204646", "Ангара-2026-хариус")
	f.account(t, "ИЭСБК0041300", "Петрова")
	v := f.visitor(t, "10103001857", "Байкал-2026-омуль")
	for _, c := range []struct{ name, number, secret string }{
		{"UnknownAccount", "ИЭСБК9999999", "Петрова"},
		{"WrongSurname", "ИЭСБК0041300", "Иванова"},
		{"NumberWithoutLetters", "0041300", "Петрова"},
		{"WrongPassword", "ЕТСОО204646", "wrong password"},
		{"PasswordOfAnother", "ЕТСОО204646", "Байкал-2026-омуль"},
	} {
		before := f.hasher.Evaluations()
		_, err := f.svc.Link(ctx, v, c.number, c.secret, client)
		if err != auth.ErrSignIn {
			t.Errorf("%s: error = %v, want ErrSignIn", c.name, err)
		}
		if n := f.hasher.Evaluations() - before; n != 1 {
			t.Errorf("%s: %d hashes, want 1", c.name, n)
		}
	}
	wantReached(t, f, v, "10103001857|")
}

// Failed links count against the account as failed sign-ins do: linking is
// no way round the lockout, and it locks sign-in too.
func TestLinkLockout(t *testing.T) {
	f := newFixture(t, sqlstoretest.SQLiteDSN(t))
	f.registered(t, "10103001857", "Байкал-2026-омуль")
	f.account(t, "ИЭСБК0041300", "Петрова")
	v := f.visitor(t, "10103001857", "Байкал-2026-омуль")
	for i := range 10 {
		if _, err := f.svc.Link(ctx, v, "ИЭСБК0041300", "Иванова", client); err != auth.ErrSignIn {
			t.Fatalf("attempt %d: %v", i+1, err)
		}
	}
	before := f.hasher.Evaluations()
	_, err := f.svc.Link(ctx, v, "ИЭСБК0041300", "Петрова", client)
	wantErr(t, err, auth.ErrLocked)
	_, err = f.svc.SignIn(ctx, "ИЭСБК0041300", "Петрова", client)
	wantErr(t, err, auth.ErrLocked)
	if f.hasher.Evaluations() != before {
		t.Error("a locked-out attempt reached the hash")
	}
}

func TestLinkLimit(t *testing.T) {
	f := newFixture(t, sqlstoretest.SQLiteDSN(t))
	cfg := auth.DefaultConfig()
	cfg.MaxLinkedAccounts = 1
	f.svc = auth.New(f.db, f.hasher, f.letters, cfg)
	f.svc.Clock = f.db.Now
	f.registered(t, "10103001857", "Байкал-2026-омуль")
	f.account(t, "ИЭСБК0041300", "Петрова")
	f.account(t, "ИЭСБК0041301", "Сидорова")
	v := f.visitor(t, "10103001857", "Байкал-2026-омуль")
	if _, err := f.svc.Link(ctx, v, "ИЭСБК0041300", "Петрова", client); err != nil {
		t.Fatal(err)
	}
	_, err := f.svc.Link(ctx, v, "ИЭСБК0041301", "Сидорова", client)
	wantErr(t, err, auth.ErrLinkedLimit)
}

func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	if got := kabinet.ErrorCode(err); got != code {
		t.Fatalf("error = %v (code %q), want %q", err, got, code)
	}
}

// A link that succeeds leaves the account's failed-password counter as it
// was: only a sign-in to that account clears it, so nobody else can clear
// it for the owner and keep guessing.
func TestLinkKeepsFailureCounter(t *testing.T) {
	f := newFixture(t, sqlstoretest.SQLiteDSN(t))
	f.registered(t, "10103001857", "Байкал-2026-омуль")
	f.account(t, "ИЭСБК0041300", "Петрова")
	v := f.visitor(t, "10103001857", "Байкал-2026-омуль")
	for i := range 9 {
		if _, err := f.svc.SignIn(ctx, "ИЭСБК0041300", "Иванова", client); err != auth.ErrSignIn {
			t.Fatalf("attempt %d: %v", i+1, err)
		}
	}
	if _, err := f.svc.Link(ctx, v, "ИЭСБК0041300", "Петрова", client); err != nil {
		t.Fatal(err)
	}
	// The link was the 10th attempt; the 11th is refused before the hash.
	before := f.hasher.Evaluations()
	_, err := f.svc.SignIn(ctx, "ИЭСБК0041300", "Иванова", client)
	wantErr(t, err, auth.ErrLocked)
	if f.hasher.Evaluations() != before {
		t.Error("a locked-out attempt reached the hash")
	}
}

// The surname, printed on every bill, does not open an account another
// person registered: it asks her, she is told, and she decides; she sees
// everybody who reaches her account and can take it away from them.
func TestLinkNeedsOwnersConsent(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		f := newFixture(t, dsn)
		f.registered(t, "10103001857", "Байкал-2026-омуль")
		hers := f.registeredAs(t, "ИЭСБК0041300", "Петрова", "petrova@example.ru", "Ангара-2026-хариус")
		him := f.visitor(t, "10103001857", "Байкал-2026-омуль")
		her := f.visitor(t, "ИЭСБК0041300", "Ангара-2026-хариус")

		l, err := f.svc.Link(ctx, him, "ИЭСБК0041300", "Петрова", client)
		if err != nil || !l.Pending {
			t.Fatalf("Link by surname = %+v, %v; want a pending request", l, err)
		}
		wantReached(t, f, him, "10103001857|")
		if _, err := f.svc.Reach(ctx, him, hers.ID); kabinet.ErrorCode(err) != kabinet.ENOTFOUND {
			t.Fatalf("Reach before consent: %v", err)
		}
		wantNotice(t, f, "petrova@example.ru", "просит доступ")
		_, err = f.svc.Link(ctx, him, "ИЭСБК0041300", "Петрова", client)
		wantErr(t, err, auth.ErrLinkRequested)

		// Only the owner sees who asks.
		if _, err := f.svc.Access(ctx, him, hers.ID); kabinet.ErrorCode(err) != kabinet.ENOTFOUND {
			t.Fatalf("Access by a stranger: %v", err)
		}
		ls, err := f.svc.Access(ctx, her, hers.ID)
		if err != nil || len(ls) != 1 || ls[0].RequestID == 0 || ls[0].Email != "ivanov@example.ru" {
			t.Fatalf("Access = %+v, %v", ls, err)
		}
		wantCode(t, f.svc.Approve(ctx, him, hers.ID, ls[0].RequestID), kabinet.ENOTFOUND)
		if err := f.svc.Approve(ctx, her, hers.ID, ls[0].RequestID); err != nil {
			t.Fatal(err)
		}
		him.Reached = nil // his next page reads them again
		wantReached(t, f, him, "10103001857|", "ИЭСБК0041300|")

		ls, err = f.svc.Access(ctx, her, hers.ID)
		if err != nil || len(ls) != 1 || ls[0].RequestID != 0 {
			t.Fatalf("Access after approval = %+v, %v", ls, err)
		}
		wantCode(t, f.svc.Revoke(ctx, him, hers.ID, him.User.ID), kabinet.ENOTFOUND)
		if err := f.svc.Revoke(ctx, her, hers.ID, ls[0].UserID); err != nil {
			t.Fatal(err)
		}
		him.Reached = nil
		wantReached(t, f, him, "10103001857|")
		wantErr(t, f.svc.Revoke(ctx, her, hers.ID, her.User.ID), auth.ErrUnlinkOwn)
	})
}

// The password of her registration links at once, and she is told.
func TestLinkByPasswordTellsOwner(t *testing.T) {
	f := newFixture(t, sqlstoretest.SQLiteDSN(t))
	f.registered(t, "10103001857", "Байкал-2026-омуль")
	hers := f.registeredAs(t, "ИЭСБК0041300", "Петрова", "petrova@example.ru", "Ангара-2026-хариус")
	him := f.visitor(t, "10103001857", "Байкал-2026-омуль")
	l, err := f.svc.Link(ctx, him, "ИЭСБК0041300", "Ангара-2026-хариус", client)
	if err != nil || l.Pending || l.Account.ID != hers.ID {
		t.Fatalf("Link by password = %+v, %v", l, err)
	}
	wantNotice(t, f, "petrova@example.ru", "привязал ваш лицевой счет")
	sms, _ := f.db.FindMessages(ctx, kabinet.ChannelSMS, 1)
	if len(sms) != 1 || sms[0].Recipient != "79501112233" {
		t.Errorf("SMS = %+v, want one to the owner's phone", sms)
	}
}

// An account nobody registered is linked by its surname, and the contacts
// the supplier has on file are told.
func TestLinkUnregisteredTellsContactsOnFile(t *testing.T) {
	f := newFixture(t, sqlstoretest.SQLiteDSN(t))
	f.registered(t, "10103001857", "Байкал-2026-омуль")
	a := &kabinet.Account{Number: kabinet.MustParseAccountNumber("ИЭСБК0041300"), Display: "ИЭСБК0041300", Surname: "Петрова",
		Address: "г. Иркутск", Settlement: kabinet.SettlementCity, Housing: kabinet.HousingFlat, Phone: "+79507654321", Email: "onfile@example.ru"}
	if err := f.db.CreateAccount(ctx, a, nil); err != nil {
		t.Fatal(err)
	}
	him := f.visitor(t, "10103001857", "Байкал-2026-омуль")
	if _, err := f.svc.Link(ctx, him, "ИЭСБК0041300", "Петрова", client); err != nil {
		t.Fatal(err)
	}
	wantNotice(t, f, "onfile@example.ru", "привязал ваш лицевой счет")
}

// registeredAs creates an account with a confirmed registration of its
// own contacts.
func (f *fixture) registeredAs(t *testing.T, number, surname, email, pw string) *kabinet.Account {
	t.Helper()
	a := f.account(t, number, surname)
	hash, _ := argon2id.CreateHash(pw, cheap)
	u := &kabinet.User{PasswordHash: hash, Email: email, Phone: "79501112233", ConfirmBy: kabinet.ConfirmByEmail, ConfirmedAt: f.now}
	if err := f.db.CreateUser(ctx, u, a.ID); err != nil {
		t.Fatal(err)
	}
	return a
}

// wantNotice checks that the newest e-mail went to whom with words in it.
func wantNotice(t *testing.T, f *fixture, to, words string) {
	t.Helper()
	ms, err := f.db.FindMessages(ctx, kabinet.ChannelEmail, 1)
	if err != nil || len(ms) != 1 || ms[0].Recipient != to || !strings.Contains(ms[0].Text, words) {
		t.Fatalf("newest e-mail = %+v, %v; want one to %s saying %q", ms, err, to, words)
	}
}

// The figure: wrong passwords that reach the hash for one account
// in one 15-minute window under a mix of sign-ins, links (some of them
// succeeding), resets and reset codes, from many addresses: 10, the limit.
func TestWrongPasswordsPerWindow(t *testing.T) {
	f := newFixture(t, sqlstoretest.SQLiteDSN(t))
	f.registered(t, "10103001857", "Байкал-2026-омуль")
	f.registered(t, "ИЭСБК0041300", "Ангара-2026-хариус")
	v := f.visitor(t, "10103001857", "Байкал-2026-омуль")
	before := f.hasher.Evaluations()
	for i := range 60 {
		c := auth.Client{IP: fmt.Sprintf("198.51.100.%d", i)}
		switch i % 4 {
		case 0:
			f.svc.SignIn(ctx, "ИЭСБК0041300", "не тот пароль", c)
		case 1:
			f.svc.Link(ctx, v, "ИЭСБК0041300", "не тот пароль", c)
		case 2:
			f.svc.ForgotPassword(ctx, "ИЭСБК0041300", kabinet.ConfirmBySMS, c)
			f.svc.ResetByCode(ctx, "ИЭСБК0041300", "000000", "Байкал-2026-таймень", "Байкал-2026-таймень", c)
		case 3:
			f.svc.Link(ctx, v, "ИЭСБК0041300", "Иванов", c) // the surname: a request, never a reset of the counter
		}
		f.now = f.now.Add(10 * time.Second) // 60 tries in 10 minutes
	}
	if n := f.hasher.Evaluations() - before; n != 10 {
		t.Errorf("%d password checks in one window, want 10", n)
	}
}
