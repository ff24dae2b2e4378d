package main

import (
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"kabinet/sqlstore/sqlstoretest"
)

// TestCluster is the whole system on several servers: three `kabinet
// serve` started at the same moment on one fresh PostgreSQL database
// behind HAProxy (Debian's; round robin, health checks on /readyz), used
// through the balancer by customers and an operator, then a stream of
// readings from 30 customers while one server is SIGKILLed and restarted
// again and again (0 acknowledged readings lost, 0 duplicated) and while
// every server is restarted in turn with SIGTERM (0 failed requests).
// It runs with the durability test (KABINET_TEST_DURABILITY) and needs
// KABINET_TEST_POSTGRES and haproxy (scripts/test-deps installs it).
func TestCluster(t *testing.T) {
	if os.Getenv(DurabilityEnv) != "1" {
		t.Skip("slow: builds the binary, runs three servers and kills them; set " + DurabilityEnv + "=1 (scripts/test does)")
	}
	haproxy, err := exec.LookPath("haproxy")
	if err != nil {
		t.Fatal("haproxy is not installed: scripts/test-deps installs it")
	}
	dsn := sqlstoretest.PostgresDSN(t)
	dir := t.TempDir()
	bin := filepath.Join(dir, "kabinet")
	began := time.Now()
	mustRun(t, "go", "build", "-o", bin, ".")
	t.Logf("built in %v", time.Since(began).Round(100*time.Millisecond))

	c := &cluster{t: t, bin: bin, dsn: dsn, dir: dir, jobsEvery: "2s"}
	c.startAll(3)
	t.Logf("three servers ready on a fresh database in %v", time.Since(c.started).Round(100*time.Millisecond))
	lb := startBalancer(t, haproxy, dir, c.servers)
	t.Run("Pages", func(t *testing.T) { checkPages(t, lb) })
	t.Run("AttachmentAcrossServers", func(t *testing.T) { checkAttachment(t, lb, dsn, c.started) })
	t.Run("LockoutAcrossServers", func(t *testing.T) { checkLockout(t, lb) })
	t.Run("JobsOnce", func(t *testing.T) { checkJobsOnce(t, dsn, c.started) })
	c.jobsEvery = "1h"
	t.Run("Faults", func(t *testing.T) { checkFaults(t, c, lb) })
}

// cluster is the servers under test, each on its own address and data
// directory, all on one database.
type cluster struct {
	t             *testing.T
	bin, dsn, dir string
	servers       []*node
	started       time.Time
	// jobsEvery schedules the month close and the reminders: often at
	// first, to see them run once across the servers; rarely once that is
	// seen, so that the restarts under the stream are not slowed by them.
	jobsEvery string
}

// node is one server of the cluster.
type node struct {
	name, addr, dir string
	cmd             *exec.Cmd
	done            chan struct{}
}

// startAll starts n servers at the same moment and waits until each is ready.
func (c *cluster) startAll(n int) {
	for i := range n {
		nd := &node{name: fmt.Sprintf("s%d", i+1), addr: freeAddr(c.t), dir: filepath.Join(c.dir, fmt.Sprintf("s%d", i+1))}
		os.MkdirAll(nd.dir, 0o750)
		c.servers = append(c.servers, nd)
	}
	c.started = time.Now()
	for _, nd := range c.servers {
		c.start(nd)
	}
	for _, nd := range c.servers {
		c.waitReady(nd)
	}
	c.t.Cleanup(func() {
		for _, nd := range c.servers {
			nd.signal(syscall.SIGKILL)
		}
	})
}

// start starts nd's process without waiting for it.
func (c *cluster) start(nd *node) {
	nd.cmd = exec.Command(c.bin, "serve", "--listen", nd.addr, "--db", c.dsn, "--data", nd.dir,
		"--demo-accounts", "120", "--trust-proxy", "--drain-grace", "2s", "--shutdown-timeout", "10s",
		"--close-every", c.jobsEvery, "--remind-every", c.jobsEvery)
	log, err := os.OpenFile(filepath.Join(nd.dir, "serve.log"), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		c.t.Fatal(err)
	}
	defer log.Close()
	nd.cmd.Stdout, nd.cmd.Stderr = log, log
	if err := nd.cmd.Start(); err != nil {
		c.t.Fatal(err)
	}
	done := make(chan struct{})
	nd.done = done
	go func(cmd *exec.Cmd) { cmd.Wait(); close(done) }(nd.cmd)
}

// waitReady waits until nd answers /readyz with 200.
func (c *cluster) waitReady(nd *node) {
	c.t.Helper()
	for deadline := time.Now().Add(60 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		select {
		case <-nd.done:
			c.t.Fatalf("server %s exited:\n%s", nd.name, nd.log())
		default:
		}
		if status, err := statusOf("http://" + nd.addr + "/readyz"); err == nil && status == 200 {
			return
		}
	}
	c.t.Fatalf("server %s did not get ready:\n%s", nd.name, nd.log())
}

// restart stops nd with sig, waits for it to exit, starts it again and
// waits until it is ready.
func (c *cluster) restart(nd *node, sig syscall.Signal) {
	c.t.Helper()
	nd.signal(sig)
	select {
	case <-nd.done:
	case <-time.After(30 * time.Second):
		c.t.Fatalf("server %s did not exit on %v", nd.name, sig)
	}
	began := time.Now()
	c.start(nd)
	c.waitReady(nd)
	c.t.Logf("%s: %v, ready again in %v", nd.name, sig, time.Since(began).Round(10*time.Millisecond))
}

func (nd *node) signal(sig syscall.Signal) {
	if nd.cmd != nil && nd.cmd.Process != nil {
		nd.cmd.Process.Signal(sig)
	}
}

func (nd *node) log() string {
	b, _ := os.ReadFile(filepath.Join(nd.dir, "serve.log"))
	if len(b) > 4000 {
		b = b[len(b)-4000:]
	}
	return string(b)
}

// balancer is HAProxy in front of the cluster.
type balancer struct {
	url string
}

// startBalancer runs HAProxy in the foreground on a free address: round
// robin, a health check of /readyz every 300 ms (two failures take a
// server out, one success brings it back), a new connection to a server
// per request, a request whose connection failed sent to another server,
// and the server that answered named in X-Kabinet-Server.
func startBalancer(t *testing.T, haproxy, dir string, servers []*node) *balancer {
	addr := freeAddr(t)
	var cfg strings.Builder
	fmt.Fprintf(&cfg, `global
    maxconn 2000
defaults
    mode http
    timeout connect 1s
    timeout check 2s
    timeout client 30s
    timeout server 30s
    retries 3
    option redispatch 1
    option http-server-close
    option forwardfor
frontend portal
    bind %s
    default_backend kabinet
backend kabinet
    balance roundrobin
    option httpchk GET /readyz
    http-check expect status 200
    default-server inter 300ms fall 2 rise 1
    http-response set-header X-Kabinet-Server %%s
`, addr)
	for _, nd := range servers {
		fmt.Fprintf(&cfg, "    server %s %s check\n", nd.name, nd.addr)
	}
	path := filepath.Join(dir, "haproxy.cfg")
	if err := os.WriteFile(path, []byte(cfg.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	mustRun(t, haproxy, "-c", "-f", path)
	cmd := exec.Command(haproxy, "-db", "-f", path)
	log, _ := os.Create(filepath.Join(dir, "haproxy.log"))
	cmd.Stdout, cmd.Stderr = log, log
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait(); log.Close() })
	lb := &balancer{url: "http://" + addr}
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if seen := lb.serversSeen(t, len(servers)*3); len(seen) == len(servers) {
			return lb
		}
	}
	t.Fatal("the balancer did not reach every server")
	return nil
}

// serversSeen asks /readyz n times through the balancer and returns the
// servers that answered.
func (lb *balancer) serversSeen(t *testing.T, n int) map[string]bool {
	seen := map[string]bool{}
	for range n {
		resp, err := httpClient().Get(lb.url + "/readyz")
		if err != nil {
			continue
		}
		resp.Body.Close()
		if s := resp.Header.Get("X-Kabinet-Server"); s != "" && resp.StatusCode == 200 {
			seen[s] = true
		}
	}
	return seen
}

// httpClient follows no redirects: the tests read them.
func httpClient() *http.Client {
	return &http.Client{Timeout: 10 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// statusOf is the status of GET url.
func statusOf(url string) (int, error) {
	resp, err := httpClient().Get(url)
	if err != nil {
		return 0, err
	}
	resp.Body.Close()
	return resp.StatusCode, nil
}
