// Command readings measures passing meter readings the way the days before
// the 25th do: signed-in customers post readings over HTTP to the real
// portal (sign-in service, readings service, store), each answered only
// after its commit. It builds a demo world (or reuses the one in the
// database), registers and signs in the customers through /login, then
// posts readings for a while and prints readings per second with p50, p99
// and the slowest answer.
//
//	go run ./bench/readings -accounts 100000 -db /tmp/readings-100k.db
//	go run ./bench/readings -accounts 100000 -db postgres://…/readings100k
//
// -rate posts at a fixed rate (latency counted from when each reading was
// due, so a stall is not hidden); without it, -c clients post as fast as
// they are answered.
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
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"kabinet/auth"
	"kabinet/cmd/kabinet/app"
	"kabinet/demo"
	"kabinet/jobs"
	"kabinet/sqlstore"
)

func main() {
	dsn := flag.String("db", "/tmp/kabinet-readings.db", "database (a SQLite path or a postgres:// URL)")
	accounts := flag.Int("accounts", 100000, "homes in the demo world")
	customers := flag.Int("customers", 5000, "signed-in customers posting readings")
	clients := flag.Int("c", 32, "concurrent connections")
	rate := flag.Int("rate", 0, "readings per second to post (0: as fast as answered)")
	duration := flag.Duration("d", 30*time.Second, "how long to post")
	profile := flag.String("cpuprofile", "", "write a CPU profile of the posting to this file")
	target := flag.String("url", "", "post to running servers here (a load balancer) instead of one started in-process; their sign-in limit per address holds, so keep -customers under 60")
	flag.Parse()
	ctx := context.Background()
	db, q, err := app.Open(ctx, app.Config{DB: *dsn}, nil) // the store, with the queue the application runs on it
	check(err)
	defer db.Close()
	loc, err := time.LoadLocation("Asia/Irkutsk")
	check(err)

	start := time.Now()
	w, err := demo.Build(ctx, db, demo.Options{Accounts: *accounts, Seed: 1, Location: loc})
	check(err)
	fmt.Printf("demo world of %d homes on %s ready in %s\n", w.Accounts, db.Engine(), time.Since(start).Round(time.Millisecond))
	start = time.Now()
	cs, err := prepare(ctx, db, *customers)
	check(err)
	fmt.Printf("%d customers with %d meters registered in %s\n", len(cs), meterCount(cs), time.Since(start).Round(time.Millisecond))

	base := *target
	if base == "" {
		base = serve(ctx, db, q)
	}
	start = time.Now()
	signIn(base, cs, *clients)
	fmt.Printf("%d customers signed in through /login in %s\n", len(cs), time.Since(start).Round(time.Millisecond))

	if *profile != "" {
		f, err := os.Create(*profile)
		check(err)
		check(pprof.StartCPUProfile(f))
	}
	lat, errs, elapsed := post(base, cs, *clients, *rate, *duration)
	pprof.StopCPUProfile()
	report(lat, errs, elapsed, db.Engine(), *rate, *clients)
}

// serve starts the portal on loopback, built as `kabinet serve` builds it
// (its workers not running). Sign-in is limited per IP; every bench
// customer comes from one.
func serve(ctx context.Context, db *sqlstore.DB, q *jobs.Queue) string {
	dir, err := os.MkdirTemp("", "bench-readings")
	check(err)
	cfg := app.DefaultConfig()
	cfg.Data, cfg.SupplierName, cfg.BaseURL = dir, "Бенчмарк", "http://localhost"
	cfg.Auth.SignInPerIP = auth.Limit{N: 1 << 30, Window: time.Minute}
	a, err := app.New(ctx, cfg, db, q, slog.New(slog.DiscardHandler))
	check(err)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	check(err)
	go http.Serve(ln, a.Site)
	return "http://" + ln.Addr().String()
}

// post sends readings for d and returns each one's latency.
func post(base string, cs []*customer, clients, rate int, d time.Duration) ([]time.Duration, int64, time.Duration) {
	var (
		mu   sync.Mutex
		lat  []time.Duration
		errs atomic.Int64
		next atomic.Int64
		wg   sync.WaitGroup
	)
	due := make(chan time.Time, clients)
	start := time.Now()
	for range clients {
		wg.Go(func() {
			var mine []time.Duration
			for at := range due {
				if rate == 0 {
					at = time.Now()
				}
				c := cs[int(next.Add(1)-1)%len(cs)]
				if err := c.submit(base); err != nil {
					errs.Add(1)
					log.Print(err)
					continue
				}
				mine = append(mine, time.Since(at))
			}
			mu.Lock()
			lat = append(lat, mine...)
			mu.Unlock()
		})
	}
	end := start.Add(d)
	if rate == 0 {
		for time.Now().Before(end) {
			due <- time.Time{}
		}
	} else {
		every := time.Second / time.Duration(rate)
		for at := start; at.Before(end); at = at.Add(every) {
			time.Sleep(time.Until(at))
			due <- at
		}
	}
	close(due)
	wg.Wait()
	return lat, errs.Load(), time.Since(start)
}

func report(lat []time.Duration, errs int64, elapsed time.Duration, engine string, rate, clients int) {
	if len(lat) == 0 {
		log.Fatal("no reading was accepted")
	}
	slices.Sort(lat)
	q := func(p float64) time.Duration {
		return lat[min(len(lat)-1, int(float64(len(lat))*p))].Round(100 * time.Microsecond)
	}
	mode := fmt.Sprintf("%d connections as fast as answered", clients)
	if rate > 0 {
		mode = fmt.Sprintf("offered %d/s over %d connections", rate, clients)
	}
	fmt.Printf("readings on %s, %s: %d accepted in %s = %.0f readings/s; p50 %s, p90 %s, p99 %s, max %s; %d errors\n",
		engine, mode, len(lat), elapsed.Round(time.Millisecond), float64(len(lat))/elapsed.Seconds(),
		q(0.50), q(0.90), q(0.99), lat[len(lat)-1].Round(100*time.Microsecond), errs)
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
