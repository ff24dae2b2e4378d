package auth_test

import (
	"strconv"
	"sync"
	"testing"
	"time"

	"kabinet/auth"
	"kabinet/sqlstore/sqlstoretest"
)

func TestSignIn(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		f := newFixture(t, dsn)
		f.registered(t, "10103001857", "Байкал-2026-омуль")
		f.account(t, "ИЭСБК0041300", "Петрова")

		t.Run("PasswordOpensTheCabinet", func(t *testing.T) {
			in, err := f.svc.SignIn(ctx, " 101-030-018-57", "Байкал-2026-омуль", client)
			if err != nil || in.Registering || in.Token == "" {
				t.Fatalf("SignIn = %+v, %v", in, err)
			}
			v, err := f.svc.Visit(ctx, in.Token)
			if err != nil || !v.Confirmed() || v.Account.Display != "10103001857" {
				t.Fatalf("Visit = %+v, %v", v, err)
			}
		})
		t.Run("SurnameOpensRegistration", func(t *testing.T) {
			in, err := f.svc.SignIn(ctx, "иэсбк 0041300", " ПЕТРОВА ", client)
			if err != nil || !in.Registering {
				t.Fatalf("SignIn = %+v, %v", in, err)
			}
			v, _ := f.svc.Visit(ctx, in.Token)
			if !v.Session.Registering() || v.Confirmed() {
				t.Errorf("visitor = %+v", v)
			}
		})
		t.Run("UniformRefusals", func(t *testing.T) {
			for _, c := range []struct{ name, number, secret string }{
				{"UnknownAccount", "ИЭСБК9999999", "Петрова"},
				{"WrongSurname", "ИЭСБК0041300", "Иванова"},
				{"NumberWithoutLetters", "0041300", "Петрова"},
				{"WrongPassword", "10103001857", "wrong password"},
				{"SurnameOfRegistered", "10103001857", "Иванов"},
			} {
				before := f.hasher.Evaluations()
				_, err := f.svc.SignIn(ctx, c.number, c.secret, client)
				if err != auth.ErrSignIn {
					t.Errorf("%s: error = %v, want ErrSignIn", c.name, err)
				}
				if n := f.hasher.Evaluations() - before; n != 1 {
					t.Errorf("%s: %d hashes, want the same work as a password check (1)", c.name, n)
				}
			}
		})
	})
}

func TestLockout(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		f := newFixture(t, dsn)
		f.registered(t, "10103001857", "Байкал-2026-омуль")
		for i := range 10 {
			if _, err := f.svc.SignIn(ctx, "10103001857", "wrong", client); err != auth.ErrSignIn {
				t.Fatalf("attempt %d: %v", i+1, err)
			}
		}
		before := f.hasher.Evaluations()
		_, err := f.svc.SignIn(ctx, "10103001857", "Байкал-2026-омуль", client)
		wantErr(t, err, auth.ErrLocked)
		if f.hasher.Evaluations() != before {
			t.Error("a locked-out attempt reached the hash")
		}
		f.now = f.now.Add(15*time.Minute + time.Second)
		if _, err := f.svc.SignIn(ctx, "10103001857", "Байкал-2026-омуль", client); err != nil {
			t.Fatalf("after 15 minutes: %v", err)
		}
	})
}

// TestParallelWrongPasswordsReachTheHashTenTimes sends 50 wrong passwords
// at once: the counter goes up before the hash, so only ten are checked.
func TestParallelWrongPasswordsReachTheHashTenTimes(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		f := newFixture(t, dsn)
		f.registered(t, "10103001857", "Байкал-2026-омуль")
		var wg sync.WaitGroup
		var mu sync.Mutex
		refused := map[error]int{}
		for i := range 50 {
			c := client
			c.IP = "198.51.100." + itoa(i) // many addresses: the account limit is under test
			wg.Go(func() {
				_, err := f.svc.SignIn(ctx, "10103001857", "wrong", c)
				mu.Lock()
				refused[err]++
				mu.Unlock()
			})
		}
		wg.Wait()
		if n := f.hasher.Evaluations(); n > 10 {
			t.Errorf("%d wrong passwords were hashed, want at most 10", n)
		}
		if refused[auth.ErrSignIn] != 10 || refused[auth.ErrLocked] != 40 {
			t.Errorf("answers = %v, want 10 ErrSignIn and 40 ErrLocked", refused)
		}
	})
}

func TestPerIPLimit(t *testing.T) {
	f := newFixture(t, sqlstoretest.SQLiteDSN(t))
	f.account(t, "ИЭСБК0041300", "Петрова")
	for i := range 60 {
		f.svc.SignIn(ctx, "ИЭСБК00"+itoa(10000+i), "x", client)
	}
	before := f.hasher.Evaluations()
	_, err := f.svc.SignIn(ctx, "ИЭСБК0041300", "Петрова", client)
	wantErr(t, err, auth.ErrTooMany)
	if f.hasher.Evaluations() != before {
		t.Error("an attempt over the IP limit reached the hash")
	}
}

func TestSessions(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		f := newFixture(t, dsn)
		f.registered(t, "10103001857", "Байкал-2026-омуль")
		signIn := func() string {
			in, err := f.svc.SignIn(ctx, "10103001857", "Байкал-2026-омуль", client)
			if err != nil {
				t.Fatal(err)
			}
			return in.Token
		}
		t.Run("NewTokenAtEachSignIn", func(t *testing.T) {
			if a, b := signIn(), signIn(); a == b {
				t.Error("two sign-ins got the same token")
			}
		})
		t.Run("IdleTimeout", func(t *testing.T) {
			token := signIn()
			f.now = f.now.Add(29 * time.Minute)
			if _, err := f.svc.Visit(ctx, token); err != nil {
				t.Fatalf("after 29 idle minutes: %v", err)
			}
			f.now = f.now.Add(31 * time.Minute)
			_, err := f.svc.Visit(ctx, token)
			wantErr(t, err, auth.ErrNoSession)
		})
		t.Run("AbsoluteTimeout", func(t *testing.T) {
			token, start := signIn(), f.now
			for f.now.Sub(start) < 13*time.Hour { // busy all day, never idle
				f.now = f.now.Add(29 * time.Minute)
				if _, err := f.svc.Visit(ctx, token); err != nil {
					if age := f.now.Sub(start); age <= 12*time.Hour {
						t.Fatalf("ended after %s: %v", age, err)
					}
					return
				}
			}
			t.Fatal("a session lived past 12 hours")
		})
		t.Run("SignOut", func(t *testing.T) {
			token := signIn()
			if err := f.svc.SignOut(ctx, token); err != nil {
				t.Fatal(err)
			}
			_, err := f.svc.Visit(ctx, token)
			wantErr(t, err, auth.ErrNoSession)
		})
		t.Run("UnknownToken", func(t *testing.T) {
			_, err := f.svc.Visit(ctx, "forged")
			wantErr(t, err, auth.ErrNoSession)
		})
	})
}

func itoa(n int) string { return strconv.Itoa(n) }
