package main

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strconv"
	"testing"
	"time"

	"kabinet/auth"
	"kabinet/cmd/kabinet/app"
	"kabinet/demo"
)

// BenchmarkHomePage serves «Главная» in process through the real app
// graph (no socket, no load generator), one customer after another, on a
// demo world of 2,000 homes kept in KABINET_BENCH_DB (built once) with
// KABINET_BENCH_MONTHS of history (12 by default). Its CPU a page and
// allocations compare commits on a machine others load, as bench/home's
// pages a second cannot. idle0 has every query open a read connection
// anew: the price of a pool that closes its connections.
//
//	KABINET_BENCH_DB=/tmp/bench-home-2k.db go test ./bench/home -run X -bench HomePage -benchtime 1000x
func BenchmarkHomePage(b *testing.B) {
	ctx := context.Background()
	dsn := os.Getenv("KABINET_BENCH_DB")
	if dsn == "" {
		b.Skip("KABINET_BENCH_DB is not set")
	}
	months := 12
	if m, err := strconv.Atoi(os.Getenv("KABINET_BENCH_MONTHS")); err == nil {
		months = m
	}
	db, q, err := app.Open(ctx, app.Config{DB: dsn}, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	loc, _ := time.LoadLocation("Asia/Irkutsk")
	day, _ := time.ParseInLocation(time.DateOnly, "2030-11-27", loc)
	now := day.Add(12 * time.Hour)
	if _, err := demo.Build(ctx, db, demo.Options{Accounts: 2000, Seed: 1, Location: loc, Months: months, Today: now}); err != nil {
		b.Fatal(err)
	}
	if _, err := db.RefreshBalances(ctx); err != nil {
		b.Fatal(err)
	}
	cs, err := prepare(ctx, db, 50)
	if err != nil {
		b.Fatal(err)
	}
	cfg := app.DefaultConfig()
	cfg.Data, cfg.SupplierName, cfg.BaseURL, cfg.Now = b.TempDir(), "Бенчмарк", "http://localhost", now
	cfg.Auth.SignInPerIP = auth.Limit{N: 1 << 30, Window: time.Minute}
	a, err := app.New(ctx, cfg, db, q, slog.New(slog.DiscardHandler))
	if err != nil {
		b.Fatal(err)
	}
	app.TuneGC()
	srv := httptest.NewServer(a.Site)
	defer srv.Close()
	signIn(srv.URL, cs, 4)
	if err := db.Optimize(ctx); err != nil {
		b.Fatal(err)
	}
	base, _ := url.Parse(srv.URL)
	reqs := make([]*http.Request, len(cs))
	for i, c := range cs {
		u := srv.URL + "/a/" + strconv.FormatInt(c.account, 10) + "/"
		r := httptest.NewRequest("GET", u, nil)
		r.RemoteAddr = "127.0.0.1:5555"
		for _, ck := range c.client.Jar.Cookies(base) {
			r.AddCookie(ck)
		}
		reqs[i] = r
	}
	bytes := 0
	serve := func(r *http.Request) {
		w := httptest.NewRecorder()
		a.Site.ServeHTTP(w, r.Clone(ctx))
		if w.Code != 200 {
			b.Fatalf("status %d: %s", w.Code, w.Body.String()[:min(200, w.Body.Len())])
		}
		bytes += w.Body.Len()
	}
	for _, r := range reqs {
		serve(r)
	}
	for _, idle := range []int{8, 0} {
		b.Run("idle"+strconv.Itoa(idle), func(b *testing.B) {
			_, rd := db.Pools()
			rd.SetMaxIdleConns(idle)
			closed0 := rd.Stats().MaxIdleClosed
			b.ReportAllocs()
			b.ResetTimer()
			cpu0 := cpuTime()
			n := 0
			for i := 0; b.Loop(); i++ {
				serve(reqs[i%len(reqs)])
				n++
			}
			b.ReportMetric(float64(cpuTime()-cpu0)/float64(n), "cpu-ns/op")
			b.ReportMetric(float64(rd.Stats().MaxIdleClosed-closed0)/float64(n), "closed/op")
		})
	}
}
