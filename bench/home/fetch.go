package main

import (
	"fmt"
	"log"
	"os"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// result is one page's run: each answer's latency and the errors.
type result struct {
	lat     []time.Duration
	errs    int64
	elapsed time.Duration
	// cpu is the process's CPU time (user and system) during the run: per
	// page it says what a page costs even on a machine others share.
	cpu time.Duration
}

// fetch has clients connections fetch pg for d, each taking the next
// customer in turn, as fast as answered.
func fetch(base string, cs []*customer, pg page, clients int, d time.Duration) result {
	if pg.meters {
		cs = slices.DeleteFunc(slices.Clone(cs), func(c *customer) bool { return !c.meters })
	}
	var (
		mu   sync.Mutex
		r    result
		errs atomic.Int64
		next atomic.Int64
		wg   sync.WaitGroup
	)
	cpu0 := cpuTime()
	start := time.Now()
	end := start.Add(d)
	for range clients {
		wg.Go(func() {
			mine := make([]time.Duration, 0, 1024)
			for time.Now().Before(end) {
				c := cs[int(next.Add(1)-1)%len(cs)]
				at := time.Now()
				if _, err := c.get(base, pg, false); err != nil {
					if errs.Add(1) <= 10 {
						log.Print(err)
					}
					continue
				}
				mine = append(mine, time.Since(at))
			}
			mu.Lock()
			r.lat = append(r.lat, mine...)
			mu.Unlock()
		})
	}
	wg.Wait()
	r.errs, r.elapsed, r.cpu = errs.Load(), time.Since(start), cpuTime()-cpu0
	return r
}

func (r result) print(engine, name string, clients int) {
	if len(r.lat) == 0 {
		log.Fatalf("%s: no page was answered", name)
	}
	slices.Sort(r.lat)
	q := func(p float64) time.Duration {
		return r.lat[min(len(r.lat)-1, int(float64(len(r.lat))*p))].Round(100 * time.Microsecond)
	}
	fmt.Printf("%s on %s, %d connections: %d pages in %s = %.0f pages/s; p50 %s, p90 %s, p99 %s, max %s; %d errors; CPU %s a page; RSS %s (peak %s; server and load generator together)\n",
		name, engine, clients, len(r.lat), r.elapsed.Round(time.Millisecond), float64(len(r.lat))/r.elapsed.Seconds(),
		q(0.50), q(0.90), q(0.99), r.lat[len(r.lat)-1].Round(100*time.Microsecond), r.errs, (r.cpu / time.Duration(len(r.lat))).Round(10*time.Microsecond),
		rss("VmRSS"), rss("VmHWM"))
}

// cpuTime is the CPU time the process has used.
func cpuTime() time.Duration {
	var u syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &u); err != nil {
		return 0
	}
	return time.Duration(u.Utime.Nano() + u.Stime.Nano())
}

// rss reads a memory line of /proc/self/status ("VmRSS", "VmHWM").
func rss(key string) string {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return "?"
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, key+":"); ok {
			var kb int64
			fmt.Sscan(strings.TrimSpace(v), &kb)
			return fmt.Sprintf("%d MiB", kb/1024)
		}
	}
	return "?"
}
