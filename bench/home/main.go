// Command home measures «Главная», the page every customer opens first:
// signed-in customers fetch it over HTTP from the real portal (sign-in,
// home service, store, templates) on loopback. It builds a demo world (or
// reuses the one in the database), registers and signs in the customers
// through /login, then fetches their pages from -c connections for -d and
// prints pages per second with p50, p90, p99, the slowest answer and the
// process's resident memory (server and load generator are one process).
//
//	go run ./bench/home -accounts 100000 -db /tmp/home-100k.db
//	go run ./bench/home -accounts 100000 -db postgres://…/home100k -c 64
//	go run ./bench/home -imported -today 2026-11-27 -db /tmp/import-1m.db
//
// -imported measures the world bench/import left (a 1M-account world
// imports in minutes where the demo builds in an hour); -today must then
// be the exported world's day, 2026-11-27.
//
// -pages all fetches, besides «Главная», the readings page, «История
// оплат» and «Личные данные» in turn, each measured on its own. The bills
// list has no page of its own: it is «Главная»'s «Квитанции».
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log"
	"log/slog"
	"net"
	"net/http"
	"os"
	"runtime/pprof"
	"strings"
	"time"

	"kabinet/auth"
	"kabinet/cmd/kabinet/app"
	"kabinet/demo"
	"kabinet/jobs"
	"kabinet/sqlstore"
)

func main() {
	dsn := flag.String("db", "/tmp/kabinet-home.db", "database (a SQLite path or a postgres:// URL)")
	accounts := flag.Int("accounts", 100000, "homes in the demo world")
	months := flag.Int("months", 12, "months of history in the demo world (when it is built)")
	customers := flag.Int("customers", 2000, "signed-in customers")
	clients := flag.Int("c", 64, "concurrent connections")
	duration := flag.Duration("d", 20*time.Second, "how long to fetch each page")
	which := flag.String("pages", "home", "home, or all: also readings, payments and profile")
	today := flag.String("today", "", "the world's date and the portal's, YYYY-MM-DD (default: today); 2030-11-27 leaves room for 60 months of the demo's tariffs")
	profile := flag.String("cpuprofile", "", "write a CPU profile of the fetching to this file")
	active := flag.Int("active", 0, "requests the portal serves at once (--active-requests: 0 its default, -1 no limit)")
	imported := flag.Bool("imported", false, "the database holds a world imported from the billing (bench/import): measure it as it is, build nothing")
	flag.Parse()
	ctx := context.Background()
	db, q, err := app.Open(ctx, app.Config{DB: *dsn}, nil) // the store, with the queue the application runs on it
	check(err)
	defer db.Close()
	loc, err := time.LoadLocation("Asia/Irkutsk")
	check(err)

	var now time.Time
	if *today != "" {
		day, err := time.ParseInLocation(time.DateOnly, *today, loc)
		check(err)
		now = day.Add(12 * time.Hour)
	}
	start := time.Now()
	if *imported {
		total, err := db.CountAccounts(ctx)
		check(err)
		fmt.Printf("imported world of %d accounts on %s\n", total, db.Engine())
	} else {
		w, err := demo.Build(ctx, db, demo.Options{Accounts: *accounts, Seed: 1, Location: loc, Months: *months, Today: now})
		check(err)
		fmt.Printf("demo world of %d homes on %s ready in %s\n", w.Accounts, db.Engine(), time.Since(start).Round(time.Millisecond))
	}
	// A world built before balances were kept has them stale after the
	// migration: compute them as the periodic maintenance would.
	start = time.Now()
	n, err := db.RefreshBalances(ctx)
	check(err)
	if n > 0 {
		fmt.Printf("%d kept balances computed in %s\n", n, time.Since(start).Round(time.Millisecond))
	}
	start = time.Now()
	cs, err := prepare(ctx, db, *customers)
	check(err)
	if len(cs) == 0 {
		log.Fatal("no account to sign in with")
	}
	fmt.Printf("%d customers registered in %s\n", len(cs), time.Since(start).Round(time.Millisecond))

	base := serve(ctx, db, q, now, *active)
	start = time.Now()
	signIn(base, cs, *clients)
	fmt.Printf("%d customers signed in through /login in %s\n", len(cs), time.Since(start).Round(time.Millisecond))
	// The customers' users, sessions and links came after the world's
	// ANALYZE: with autovacuum off (the CI configuration) PostgreSQL still
	// thinks those tables empty and reads users by a sequential scan on
	// every page. Analyze as the periodic maintenance (jobs) would.
	check(db.Optimize(ctx))

	if *profile != "" {
		f, err := os.Create(*profile)
		check(err)
		check(pprof.StartCPUProfile(f))
	}
	for _, pg := range pagesOf(*which) {
		warm(base, cs, pg)
		r := fetch(base, cs, pg, *clients, *duration)
		r.print(db.Engine(), pg.name, *clients)
	}
	pprof.StopCPUProfile()
}

// page is a page every customer has: path is after /a/{id}/, want a
// fragment of its HTML that shows it was the page and not an error.
type page struct {
	name, path, want string
	// meters: only customers with meters have the readings page.
	meters bool
}

func pagesOf(which string) []page {
	home := page{name: "Главная", path: "", want: `<h1 class="page-title">Главная</h1>`}
	switch which {
	case "home":
		return []page{home}
	case "all":
		return []page{home,
			{name: "Показания", path: "readings", want: "<h1 id=\"readings-title\">", meters: true},
			{name: "История оплат", path: "payments", want: "<h1 id=\"payments-title\">"},
			{name: "Личные данные", path: "profile", want: "<h1 id=\"profile-title\">"}}
	}
	log.Fatalf("-pages: home or all, not %q", which)
	return nil
}

// serve starts the portal on loopback, built as `kabinet serve` builds it
// (its workers not running). Sign-in is limited per IP; every bench
// customer comes from one.
func serve(ctx context.Context, db *sqlstore.DB, q *jobs.Queue, now time.Time, active int) string {
	dir, err := os.MkdirTemp("", "bench-home")
	check(err)
	cfg := app.DefaultConfig()
	cfg.Data, cfg.SupplierName, cfg.BaseURL, cfg.Now = dir, "Бенчмарк", "http://localhost", now
	cfg.Auth.SignInPerIP = auth.Limit{N: 1 << 30, Window: time.Minute}
	cfg.ActiveRequests = active
	a, err := app.New(ctx, cfg, db, q, slog.New(slog.DiscardHandler))
	check(err)
	app.TuneGC()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	check(err)
	go http.Serve(ln, a.Site)
	return "http://" + ln.Addr().String()
}

// warm fetches the page once for each customer, checking it is the page.
func warm(base string, cs []*customer, pg page) {
	for _, c := range cs {
		if pg.meters && !c.meters {
			continue
		}
		body, err := c.get(base, pg, true)
		check(err)
		if !strings.Contains(body, pg.want) {
			log.Fatalf("%s of %s: no %q on the page", pg.name, c.number, pg.want)
		}
	}
}

func drain(resp *http.Response) {
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
}

func check(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
