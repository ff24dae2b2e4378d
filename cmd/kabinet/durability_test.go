package main

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/alexedwards/argon2id"

	"kabinet"
	"kabinet/readings"
	"kabinet/sqlstore"
)

// DurabilityEnv turns on the test that kills the server again and again.
// scripts/test sets it; it builds the binary and takes about half a minute.
const DurabilityEnv = "KABINET_TEST_DURABILITY"

// TestDurabilityReadingsSurviveKill streams readings from signed-in
// customers to the real `kabinet serve` on a SQLite file, SIGKILLs the
// server again and again and restarts it, and then checks that every
// acknowledged reading is in the database: 0 lost, 0 duplicated. A reading
// is acknowledged by the redirect to its receipt, sent after the commit.
// A second reading of a meter the same day replaces the first, so what is
// kept of a meter is its last acknowledged reading or a later one whose
// answer the kill swallowed.
func TestDurabilityReadingsSurviveKill(t *testing.T) {
	if os.Getenv(DurabilityEnv) != "1" {
		t.Skip("slow: builds the binary and kills it; set " + DurabilityEnv + "=1 (scripts/test does)")
	}
	dir := t.TempDir()
	bin, dsn := filepath.Join(dir, "kabinet"), filepath.Join(dir, "kabinet.db")
	mustRun(t, "go", "build", "-o", bin, ".")
	mustRun(t, bin, "demo", "--accounts", "300", "--db", dsn)
	meters := registerCustomers(t, dsn, 30)

	srv := &server{t: t, bin: bin, dsn: dsn, dir: dir, addr: freeAddr(t)}
	srv.start()
	for _, c := range meters {
		c.signIn(t, srv.url())
	}
	ctx, stop := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	for _, c := range meters {
		wg.Go(func() { c.stream(ctx, srv.url()) })
	}
	rng := rand.New(rand.NewPCG(1, 2))
	const kills = 10
	for range kills {
		time.Sleep(time.Duration(300+rng.IntN(600)) * time.Millisecond)
		srv.kill()
		srv.start()
	}
	time.Sleep(500 * time.Millisecond)
	stop()
	wg.Wait()
	srv.kill()
	for _, c := range meters {
		if c.err != nil {
			t.Error(c.err)
		}
	}
	checkKept(t, dsn, meters, kills)
}

// customer is a signed-in customer passing readings of its meters.
type customer struct {
	number string
	client *http.Client
	meters []*meterRun
	err    error // an answer that was neither a receipt nor lost
}

// meterRun is what one meter was sent and what was acknowledged: the
// k-th reading is base+k on every register.
type meterRun struct {
	accountID int64
	meter     *kabinet.Meter
	base      []int64
	acked     int   // the last k acknowledged
	ackedID   int64 // the receipt number of the acknowledged readings
	tried     int   // the last k sent, answered or not
	acks      int
}

// registerCustomers gives n accounts with meters a registered customer
// (a cheap password hash: the hash is not under test) and notes their
// meters' last readings.
func registerCustomers(t *testing.T, dsn string, n int) []*customer {
	ctx := context.Background()
	db, err := sqlstore.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	hash, err := argon2id.CreateHash("Байкал-2026-омуль", &argon2id.Params{Memory: 1024, Iterations: 1, Parallelism: 1, SaltLength: 16, KeyLength: 32})
	if err != nil {
		t.Fatal(err)
	}
	var cs []*customer
	for id := int64(10); len(cs) < n && id < 1000; id++ {
		ms, err := db.FindMeters(ctx, id)
		if err != nil || len(ms) == 0 {
			continue
		}
		a, err := db.FindAccountByID(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		u := &kabinet.User{PasswordHash: hash, Email: fmt.Sprintf("d%d@example.ru", id), ConfirmBy: kabinet.ConfirmByEmail, ConfirmedAt: time.Now()}
		if err := db.CreateUser(ctx, u, id); err != nil {
			t.Fatal(err)
		}
		c := &customer{number: a.Display}
		for _, m := range ms {
			rs, err := db.FindReadings(ctx, kabinet.ReadingFilter{MeterID: m.ID, Limit: 1})
			if err != nil || len(rs) == 0 || rs[0].Values[0]+10000 > m.Capacity() {
				continue // no reading to go on from, or too close to a rollover
			}
			c.meters = append(c.meters, &meterRun{accountID: id, meter: m, base: rs[0].Values})
		}
		if len(c.meters) > 0 {
			cs = append(cs, c)
		}
	}
	return cs
}

func (c *customer) signIn(t *testing.T, base string) {
	jar, _ := cookiejar.New(nil)
	c.client = &http.Client{Jar: jar, Timeout: 10 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.client.PostForm(base+"/login", url.Values{"account": {c.number}, "secret": {"Байкал-2026-омуль"}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign-in %s: %d", c.number, resp.StatusCode)
	}
}

// stream sends readings of the customer's meters in turn until ctx ends,
// retrying through the server's deaths.
func (c *customer) stream(ctx context.Context, base string) {
	for i := 0; ctx.Err() == nil; i++ {
		m := c.meters[i%len(c.meters)]
		k := m.tried + 1
		form := url.Values{"confirm": {string(readings.ConfirmHigh)}} // hundreds a day: the customer confirms
		for r, v := range m.base {
			form.Set("v"+strconv.Itoa(r), strconv.FormatInt(v+int64(k), 10))
		}
		m.tried = k
		path := fmt.Sprintf("%s/a/%d/readings/%d", base, m.accountID, m.meter.ID)
		resp, err := c.client.PostForm(path, form)
		if err != nil {
			time.Sleep(20 * time.Millisecond) // the server is down: its answer is lost, the reading may be kept
			continue
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		loc, _ := url.Parse(resp.Header.Get("Location"))
		if resp.StatusCode != http.StatusSeeOther || loc == nil || loc.Query().Get("receipt") == "" {
			c.err = fmt.Errorf("meter %d, reading %d: status %d, Location %q", m.meter.ID, k, resp.StatusCode, resp.Header.Get("Location"))
			return
		}
		m.acked, m.acks = k, m.acks+1
		m.ackedID, _ = strconv.ParseInt(loc.Query().Get("receipt"), 10, 64)
	}
}

// checkKept reads the database the killed server left and compares it with
// what was acknowledged.
func checkKept(t *testing.T, dsn string, cs []*customer, kills int) {
	ctx := context.Background()
	db, err := sqlstore.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	today := kabinet.DateOf(testNow)
	var acks, lost, duplicated, meters int
	for _, c := range cs {
		for _, m := range c.meters {
			rs, err := db.FindReadings(ctx, kabinet.ReadingFilter{MeterID: m.meter.ID, From: today, To: today})
			if err != nil {
				t.Fatal(err)
			}
			var portal []*kabinet.Reading
			for _, r := range rs {
				if r.Source == kabinet.SourcePortal {
					portal = append(portal, r)
				}
			}
			duplicated += max(len(portal)-1, 0)
			if m.acked == 0 {
				continue
			}
			meters, acks = meters+1, acks+m.acks
			if len(portal) == 0 {
				lost++
				t.Errorf("meter %d: acknowledged reading %d (receipt %d) is not in the database", m.meter.ID, m.acked, m.ackedID)
				continue
			}
			r := portal[0]
			if k := r.Values[0] - m.base[0]; r.ID != m.ackedID || k < int64(m.acked) || k > int64(m.tried) {
				lost++
				t.Errorf("meter %d: kept reading %d (receipt %d); acknowledged %d (receipt %d), sent up to %d",
					m.meter.ID, k, r.ID, m.acked, m.ackedID, m.tried)
			}
		}
	}
	t.Logf("%d kills; %d acknowledged readings of %d meters by %d customers: %d lost, %d duplicated",
		kills, acks, meters, len(cs), lost, duplicated)
	if duplicated > 0 {
		t.Errorf("%d duplicated readings", duplicated)
	}
	if acks < 100 {
		t.Errorf("only %d readings acknowledged: the test did not stream", acks)
	}
}

// server is the kabinet binary under test, started and killed.
type server struct {
	t                   *testing.T
	bin, dsn, dir, addr string
	cmd                 *exec.Cmd
}

func (s *server) url() string { return "http://" + s.addr }

func (s *server) start() {
	s.t.Helper()
	s.cmd = exec.Command(s.bin, "serve", "--listen", s.addr, "--db", s.dsn, "--data", s.dir, "--demo-accounts", "0")
	log, err := os.OpenFile(filepath.Join(s.dir, "serve.log"), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		s.t.Fatal(err)
	}
	defer log.Close()
	s.cmd.Stdout, s.cmd.Stderr = log, log
	if err := s.cmd.Start(); err != nil {
		s.t.Fatal(err)
	}
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if resp, err := http.Get(s.url() + "/readyz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
	}
	s.kill()
	out, _ := os.ReadFile(filepath.Join(s.dir, "serve.log"))
	s.t.Fatalf("kabinet serve did not get ready:\n%s", out)
}

// kill sends SIGKILL: no shutdown, no flush, no goodbye.
func (s *server) kill() {
	s.cmd.Process.Signal(syscall.SIGKILL)
	s.cmd.Wait()
}

// freeAddr returns a loopback address with a port nobody listens on.
func freeAddr(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

func mustRun(t *testing.T, name string, args ...string) {
	t.Helper()
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
}
