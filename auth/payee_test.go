package auth_test

import (
	"fmt"
	"testing"
	"time"

	"kabinet/auth"
	"kabinet/sqlstore/sqlstoretest"
)

func TestFindPayee(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		f := newFixture(t, dsn)
		a := f.account(t, "ИЭСБК0041300", "Петрова")
		c := auth.Client{IP: "192.0.2.1"}
		t.Run("OK", func(t *testing.T) {
			got, err := f.svc.FindPayee(ctx, " иэсбк-0041300", "ПЕТРОВА", c)
			if err != nil || got.ID != a.ID {
				t.Fatalf("got %+v, %v", got, err)
			}
		})
		t.Run("ErrUniform", func(t *testing.T) {
			_, wrongSurname := f.svc.FindPayee(ctx, "ИЭСБК0041300", "Иванова", c)
			_, noAccount := f.svc.FindPayee(ctx, "ИЭСБК0049999", "Петрова", c)
			if wrongSurname != auth.ErrPayee || noAccount != auth.ErrPayee {
				t.Fatalf("errors %v and %v, want ErrPayee both", wrongSurname, noAccount)
			}
		})
		t.Run("ErrTooManyPerAccount", func(t *testing.T) {
			var err error
			for i := range 12 {
				_, err = f.svc.FindPayee(ctx, "ИЭСБК0041300", "Сидорова", auth.Client{IP: fmt.Sprintf("192.0.2.%d", 10+i)})
			}
			if err != auth.ErrTooMany {
				t.Fatalf("the 12th guess: %v", err)
			}
			if _, err := f.svc.FindPayee(ctx, "ИЭСБК0041300", "Петрова", auth.Client{IP: "198.51.100.1"}); err != auth.ErrTooMany {
				t.Fatalf("the right surname while locked: %v", err)
			}
		})
		t.Run("ErrTooManyPerAddress", func(t *testing.T) {
			// 30 look-ups an hour from one address (issue 14): the 31st,
			// even 50 minutes on, is refused before any account is read.
			ip := auth.Client{IP: "203.0.113.9"}
			for i := range 30 {
				if _, err := f.svc.FindPayee(ctx, fmt.Sprintf("100000000%02d", i), "Кто-то", ip); err != auth.ErrPayee {
					t.Fatalf("look-up %d: %v", i+1, err)
				}
			}
			f.now = f.now.Add(50 * time.Minute)
			if _, err := f.svc.FindPayee(ctx, "10000000099", "Кто-то", ip); err != auth.ErrTooMany {
				t.Fatalf("past the per-address limit: %v", err)
			}
		})
	})
}
