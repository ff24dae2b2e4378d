package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"database/sql"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"kabinet/readings"
	"kabinet/totp"
)

// session is a browser of the balancer: cookies, no redirects followed,
// and the servers that answered it.
type session struct {
	t      *testing.T
	base   string
	client *http.Client
	seen   map[string]int
}

func newSession(t *testing.T, lb *balancer) *session {
	jar, _ := cookiejar.New(nil)
	c := httpClient()
	c.Jar = jar
	return &session{t: t, base: lb.url, client: c, seen: map[string]int{}}
}

// do sends req and returns the status, the body and the server that answered.
func (s *session) do(req *http.Request) (int, []byte, string) {
	s.t.Helper()
	resp, err := s.client.Do(req)
	if err != nil {
		s.t.Fatalf("%s %s: %v", req.Method, req.URL.Path, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	server := resp.Header.Get("X-Kabinet-Server")
	s.seen[server]++
	if resp.StatusCode == http.StatusSeeOther {
		body = []byte(resp.Header.Get("Location"))
	}
	return resp.StatusCode, body, server
}

func (s *session) get(path string) (int, []byte, string) {
	req, _ := http.NewRequest(http.MethodGet, s.base+path, nil)
	return s.do(req)
}

func (s *session) post(path string, form url.Values) (int, []byte, string) {
	req, _ := http.NewRequest(http.MethodPost, s.base+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return s.do(req)
}

var accountLink = regexp.MustCompile(`href="(/a/[0-9]+/[^"?#]*)"`)

// checkPages signs in through the balancer and opens every page of the
// account the home page links to: every one answers 200, whichever
// server it lands on, the session living in the database.
func checkPages(t *testing.T, lb *balancer) {
	s := newSession(t, lb)
	status, loc, _ := s.post("/login", url.Values{"account": {"10103001857"}, "secret": {"demo2026"}})
	if status != http.StatusSeeOther {
		t.Fatalf("sign-in = %d", status)
	}
	status, home, _ := s.get(string(loc))
	for i := 0; status == http.StatusSeeOther && i < 3; i++ {
		loc = home
		status, home, _ = s.get(string(loc))
	}
	if status != http.StatusOK {
		t.Fatalf("GET %s = %d", loc, status)
	}
	paths := map[string]bool{string(loc): true}
	for _, m := range accountLink.FindAllSubmatch(home, -1) {
		paths[string(m[1])] = true
	}
	if len(paths) < 6 {
		t.Fatalf("the home page links only %d pages of the account", len(paths))
	}
	for path := range paths {
		if status, _, server := s.get(path); status != http.StatusOK {
			t.Errorf("GET %s on %s = %d", path, server, status)
		}
	}
	if len(s.seen) != 3 {
		t.Errorf("%d pages landed on %v, want all three servers", len(paths), s.seen)
	}
}

var branchOption = regexp.MustCompile(`<option value="([0-9]+)"`)

// checkAttachment sends an enquiry with a file through the balancer and
// downloads the file as an operator from another server.
func checkAttachment(t *testing.T, lb *balancer, dsn string, started time.Time) {
	visitor := newSession(t, lb)
	_, page, _ := visitor.get("/feedback")
	branch := branchOption.FindSubmatch(page)
	if branch == nil {
		t.Fatal("no branch on the feedback form")
	}
	content := append([]byte("%PDF-1.4\n"), make([]byte, 600<<10)...)
	rand.Read(content[9:])
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for k, v := range map[string]string{"branch": string(branch[1]), "full_name": "Иванов Иван Иванович",
		"address": "г. Иркутск, ул. Ленина, 1", "account": "10103001857", "phone": "+7 950 123-45-67",
		"email": "ivanov@example.ru", "answer_channel": "phone", "topic": "Перерасчет", "text": "Прошу проверить начисления.",
		"consent": "on"} {
		mw.WriteField(k, v)
	}
	fw, _ := mw.CreateFormFile("files", "скан.pdf")
	fw.Write(content)
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, lb.url+"/feedback", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	status, loc, uploadedOn := visitor.do(req)
	sent, _ := url.Parse(string(loc))
	if status != http.StatusSeeOther || sent == nil || sent.Query().Get("sent") == "" {
		t.Fatalf("POST /feedback = %d %q", status, loc)
	}
	reqID := sent.Query().Get("sent")
	var attID int64
	if err := queryRow(t, dsn, `SELECT id FROM request_attachments WHERE request_id = $1`, reqID).Scan(&attID); err != nil {
		t.Fatal(err)
	}

	op := newSession(t, lb)
	code := totp.Code(mustDecode(t, "KABINETDEMOPERATORKABINETDEMOOPS"), totp.Step(testNow.Add(time.Since(started))), 6)
	status, loc, _ = op.post("/office/login", url.Values{"login": {"operator"}, "password": {"oper-demo-2026"}, "code": {code}})
	if status != http.StatusSeeOther || strings.Contains(string(loc), "login") {
		t.Fatalf("operator sign-in = %d %q", status, loc)
	}
	for range 6 {
		status, got, server := op.get(fmt.Sprintf("/office/requests/%s/files/%d", reqID, attID))
		if server == uploadedOn {
			continue
		}
		if status != http.StatusOK || !bytes.Equal(got, content) {
			t.Fatalf("download on %s (uploaded on %s) = %d, %d bytes; want the %d sent", server, uploadedOn, status, len(got), len(content))
		}
		return
	}
	t.Fatalf("no download landed on a server other than %s: %v", uploadedOn, op.seen)
}

// checkLockout: wrong passwords spread over the servers lock the account
// after 10 in total; then even the right password is refused.
func checkLockout(t *testing.T, lb *balancer) {
	s := newSession(t, lb)
	for i := range 10 {
		if status, _, server := s.post("/login", url.Values{"account": {"ИЭСБК0077001"}, "secret": {"wrong-" + strconv.Itoa(i)}}); status != http.StatusUnauthorized {
			t.Fatalf("wrong password %d on %s = %d", i+1, server, status)
		}
	}
	if len(s.seen) != 3 {
		t.Errorf("the wrong passwords landed on %v, want all three servers", s.seen)
	}
	status, body, server := s.post("/login", url.Values{"account": {"ИЭСБК0077001"}, "secret": {"demo2026"}})
	if status == http.StatusSeeOther || !strings.Contains(string(body), "Слишком много неудачных попыток") {
		t.Errorf("the right password after 10 wrong ones, on %s = %d; want the lockout", server, status)
	}
}

// checkJobsOnce: the month close and the reminder scan, scheduled every
// 2 s, are run by one server at a time: their jobs are 2 s apart, not
// three at each tick. It waits for three jobs of each kind (a loaded
// machine may take longer to start the servers and elect the queue's
// leader), then checks there are no more than the ticks since the start
// allow and none closer than a second.
func checkJobsOnce(t *testing.T, dsn string, started time.Time) {
	scheduled := func(kind string) []time.Time {
		rows := queryRows(t, dsn, `SELECT scheduled_at FROM river_job WHERE kind = $1 ORDER BY scheduled_at`, kind)
		defer rows.Close()
		var at []time.Time
		for rows.Next() {
			var a time.Time
			rows.Scan(&a)
			at = append(at, a)
		}
		return at
	}
	for _, kind := range []string{"period_close", "remind"} {
		deadline := time.Now().Add(time.Minute)
		at := scheduled(kind)
		for len(at) < 3 && time.Now().Before(deadline) {
			time.Sleep(500 * time.Millisecond)
			at = scheduled(kind)
		}
		elapsed := time.Since(started)
		if len(at) < 3 || len(at) > int(elapsed/(2*time.Second))+2 {
			t.Errorf("%s: %d jobs in %v of three servers, want one every 2 s", kind, len(at), elapsed.Round(time.Second))
		}
		for i := 1; i < len(at); i++ {
			if gap := at[i].Sub(at[i-1]); gap < time.Second {
				t.Errorf("%s: two jobs %v apart: more than one server scheduled it", kind, gap)
			}
		}
	}
}

// checkFaults streams readings from 30 customers through the balancer
// while one server after another is SIGKILLed and restarted (answers may
// be lost, acknowledged readings may not), then while every server is
// restarted in turn with SIGTERM (no request may fail).
func checkFaults(t *testing.T, c *cluster, lb *balancer) {
	meters := registerCustomers(t, c.dsn, 30)
	for _, cu := range meters {
		cu.signIn(t, lb.url)
	}
	var st streamStats
	ctx, stop := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	for _, cu := range meters {
		wg.Go(func() { cu.streamLB(ctx, lb.url, &st) })
	}
	const kills = 4
	for k := range kills {
		time.Sleep(time.Second)
		c.restart(c.servers[k%len(c.servers)], syscall.SIGKILL)
	}
	time.Sleep(time.Second)
	st.strict.Store(true)
	before := st.acks.Load()
	for _, nd := range c.servers {
		c.restart(nd, syscall.SIGTERM)
		time.Sleep(500 * time.Millisecond) // the balancer's check sees it back
	}
	time.Sleep(500 * time.Millisecond)
	stop()
	wg.Wait()
	t.Logf("rolling restart: %d readings acknowledged, %d requests failed", st.acks.Load()-before, st.failed.Load())
	if n := st.failed.Load(); n > 0 {
		t.Errorf("%d requests failed during the rolling restart; first: %v", n, st.firstErr.Load())
	}
	if st.acks.Load()-before < 100 {
		t.Errorf("only %d readings acknowledged during the rolling restart", st.acks.Load()-before)
	}
	checkKept(t, c.dsn, meters, kills)
}

// streamStats counts the stream's answers; once strict, every request
// that is not acknowledged is a failure.
type streamStats struct {
	strict   atomic.Bool
	acks     atomic.Int64
	failed   atomic.Int64
	firstErr atomic.Value
}

// streamLB is customer.stream through the balancer: an answer lost to a
// kill (an error, or the balancer's 502/503) is retried, and counted as a
// failure once the stream is strict.
func (c *customer) streamLB(ctx context.Context, base string, st *streamStats) {
	for i := 0; ctx.Err() == nil; i++ {
		m := c.meters[i%len(c.meters)]
		k := m.tried + 1
		form := url.Values{"confirm": {string(readings.ConfirmHigh)}}
		for r, v := range m.base {
			form.Set("v"+strconv.Itoa(r), strconv.FormatInt(v+int64(k), 10))
		}
		m.tried = k
		resp, err := c.client.PostForm(fmt.Sprintf("%s/a/%d/readings/%d", base, m.accountID, m.meter.ID), form)
		var loc *url.URL
		if err == nil {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			loc, _ = url.Parse(resp.Header.Get("Location"))
		}
		if err != nil || resp.StatusCode != http.StatusSeeOther || loc == nil || loc.Query().Get("receipt") == "" {
			if ctx.Err() == nil && st.strict.Load() {
				if st.failed.Add(1) == 1 {
					st.firstErr.Store(fmt.Sprintf("meter %d: %v %v", m.meter.ID, err, statusText(resp, err)))
				}
			}
			time.Sleep(20 * time.Millisecond)
			continue
		}
		m.acked, m.acks = k, m.acks+1
		m.ackedID, _ = strconv.ParseInt(loc.Query().Get("receipt"), 10, 64)
		st.acks.Add(1)
		time.Sleep(100 * time.Millisecond) // a stream, not a flood: the servers restart on the same two cores
	}
}

func statusText(resp *http.Response, err error) string {
	if err != nil || resp == nil {
		return ""
	}
	return resp.Status
}

func mustDecode(t *testing.T, secret string) []byte {
	key, err := totp.Decode(secret)
	if err != nil {
		t.Fatal(err)
	}
	return key
}

func queryRow(t *testing.T, dsn, q string, args ...any) *sql.Row {
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db.QueryRow(q, args...)
}

func queryRows(t *testing.T, dsn, q string, args ...any) *sql.Rows {
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	rows, err := db.Query(q, args...)
	if err != nil {
		t.Fatal(err)
	}
	return rows
}
