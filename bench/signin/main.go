// Command signin measures sign-in: how many customers with the right
// password get in per second, with what latency, and what share of a flood
// of wrong passwords against one account reaches the password hash. It runs
// the real auth service on a SQLite (or PostgreSQL: -db) store with
// argon2id at its production parameters.
//
//	go run ./bench/signin [-db postgres://…] [-n 400] [-c 8] [-flood 5000]
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"github.com/alexedwards/argon2id"

	"kabinet"
	"kabinet/auth"
	"kabinet/cmd/kabinet/app"
	"kabinet/sqlstore"
)

func main() {
	dsn := flag.String("db", "", "database (default: a SQLite file in a temporary directory)")
	n := flag.Int("n", 400, "sign-ins with the right password")
	c := flag.Int("c", 8, "concurrent clients")
	flood := flag.Int("flood", 5000, "wrong passwords against one account")
	flag.Parse()
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "kabinet-bench-")
	check(err)
	defer os.RemoveAll(dir)
	if *dsn == "" {
		*dsn = filepath.Join(dir, "bench.db")
	}
	db, q, err := app.Open(ctx, app.Config{DB: *dsn}, nil) // the store, with the queue the application runs on it
	check(err)
	defer db.Close()
	users := setup(ctx, db, 50)
	check(db.CreateAccount(ctx, &kabinet.Account{Number: kabinet.MustParseAccountNumber("ИЭСБК0041300"), Display: "ИЭСБК0041300",
		Surname: "Петрова", Address: "г. Иркутск", Settlement: kabinet.SettlementCity, Housing: kabinet.HousingFlat}, nil))
	cfg := app.DefaultConfig()
	cfg.Data = dir
	cfg.Auth.SignInPerIP = auth.Limit{N: 1 << 30, Window: time.Minute} // one bench client, many customers
	a, err := app.New(ctx, cfg, db, q, slog.New(slog.DiscardHandler))
	check(err)
	svc, hasher := a.Auth, a.Hasher

	lat, elapsed := rightPasswords(ctx, svc, users, *n, *c)
	slices.Sort(lat)
	fmt.Printf("right passwords: %d sign-ins, %d clients, %s on %s: %.1f sign-ins/s, p50 %s, p99 %s\n",
		*n, *c, elapsed.Round(time.Millisecond), db.Engine(), float64(*n)/elapsed.Seconds(),
		lat[len(lat)/2].Round(time.Millisecond), lat[len(lat)*99/100].Round(time.Millisecond))

	for _, c := range []struct{ name, number, secret string }{
		{"unknown account", "7799999999", "Иванов"},
		{"wrong surname, not registered", "ИЭСБК0041300", "Иванова"},
		{"surname of a registered account", "7700000001", "Иванов"},
		{"wrong password", "7700000002", "not the password"},
	} {
		fmt.Printf("refusal, %s: mean %s\n", c.name, meanRefusal(ctx, svc, c.number, c.secret, 9).Round(100*time.Microsecond))
	}

	before := hasher.Evaluations()
	start := time.Now()
	wrongPasswords(ctx, svc, users[0], *flood, 32)
	hashed := hasher.Evaluations() - before
	fmt.Printf("flood: %d wrong passwords at one account in %s: %d reached the hash (%.2f%%)\n",
		*flood, time.Since(start).Round(time.Millisecond), hashed, 100*float64(hashed)/float64(*flood))
}

// setup creates k registered accounts with the same password.
func setup(ctx context.Context, db *sqlstore.DB, k int) []string {
	hash, err := argon2id.CreateHash("Байкал-2026-омуль", argon2id.DefaultParams)
	check(err)
	var numbers []string
	for i := range k {
		number := fmt.Sprintf("77%08d", i)
		a := &kabinet.Account{Number: kabinet.MustParseAccountNumber(number), Display: number, Surname: "Иванов",
			Address: "г. Иркутск", Settlement: kabinet.SettlementCity, Housing: kabinet.HousingFlat}
		check(db.CreateAccount(ctx, a, nil))
		u := &kabinet.User{PasswordHash: hash, Email: fmt.Sprintf("u%d@example.ru", i), ConfirmBy: kabinet.ConfirmByEmail, ConfirmedAt: time.Now()}
		check(db.CreateUser(ctx, u, a.ID))
		numbers = append(numbers, number)
	}
	return numbers
}

func rightPasswords(ctx context.Context, svc *auth.Service, users []string, n, c int) ([]time.Duration, time.Duration) {
	lat := make([]time.Duration, n)
	var wg sync.WaitGroup
	next := make(chan int)
	start := time.Now()
	for range c {
		wg.Go(func() {
			for i := range next {
				t := time.Now()
				if _, err := svc.SignIn(ctx, users[i%len(users)], "Байкал-2026-омуль", auth.Client{IP: "203.0.113.1"}); err != nil {
					log.Fatalf("sign-in %d: %v", i, err)
				}
				lat[i] = time.Since(t)
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
	return lat, time.Since(start)
}

func wrongPasswords(ctx context.Context, svc *auth.Service, number string, n, c int) {
	var wg sync.WaitGroup
	next := make(chan int)
	for range c {
		wg.Go(func() {
			for i := range next {
				ip := fmt.Sprintf("198.51.%d.%d", i/250, i%250) // a botnet: the per-IP limit does not help
				svc.SignIn(ctx, number, fmt.Sprintf("guess-%d", i), auth.Client{IP: ip})
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}

// meanRefusal times k refused sign-ins one after another (fewer than the
// lockout allows).
func meanRefusal(ctx context.Context, svc *auth.Service, number, secret string, k int) time.Duration {
	start := time.Now()
	for range k {
		if _, err := svc.SignIn(ctx, number, secret, auth.Client{IP: "203.0.113.2"}); !errors.Is(err, auth.ErrSignIn) {
			log.Fatalf("%s: %v", number, err)
		}
	}
	return time.Since(start) / time.Duration(k)
}

func check(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
