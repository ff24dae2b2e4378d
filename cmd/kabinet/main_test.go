package main

import (
	"bytes"
	"context"
	"database/sql"
	"io"
	"log/slog"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"kabinet/jobs"
	"kabinet/sqlstore/sqlstoretest"
)

// testNow is the instant the whole-program tests start their clock at, so
// that no test depends on the day it runs: noon in Irkutsk, clear of the
// SMS quiet hours, with November's readings window closed.
var testNow = time.Date(2026, 11, 27, 12, 0, 0, 0, time.FixedZone("Asia/Irkutsk", 8*60*60))

// TestMain lets a test run this binary as the kabinet command itself, for
// the tests that kill it (KABINET_TEST_RUN_MAIN holds the arguments). Every
// command the tests run, here or as a child process, starts its clock at
// testNow (KABINET_NOW).
func TestMain(m *testing.M) {
	if os.Getenv("KABINET_NOW") == "" {
		os.Setenv("KABINET_NOW", testNow.Format(time.RFC3339))
	}
	if args := os.Getenv("KABINET_TEST_RUN_MAIN"); args != "" {
		os.Args = append([]string{"kabinet"}, strings.Fields(args)...)
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// MustRunMain starts the whole program on 127.0.0.1:0 against a new
// database (SQLite, or PostgreSQL on that engine's run) with a small demo
// world, and closes it when tb ends.
func MustRunMain(tb testing.TB, dsn string, configure ...func(*Config)) *Main {
	tb.Helper()
	cfg := DefaultConfig()
	cfg.Listen, cfg.DB, cfg.Data, cfg.DemoAccounts, cfg.Now = "127.0.0.1:0", dsn, tb.TempDir(), 30, testNow
	for _, f := range configure {
		f(&cfg)
	}
	m := NewMain(cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err := m.Run(context.Background()); err != nil {
		m.Close(context.Background())
		tb.Fatalf("Run: %v", err)
	}
	tb.Cleanup(func() { m.Close(context.Background()) })
	return m
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

func TestServe(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		m := MustRunMain(t, dsn, func(c *Config) { c.MetricsListen = "127.0.0.1:0" })
		checks := []struct{ name, path, want string }{
			{"SignInPage", "/", "Вход в личный кабинет"},
			{"Healthz", "/healthz", "ok"},
			{"ReadyzWithDatabase", "/readyz", "ok"},
		}
		for _, c := range checks {
			t.Run(c.name, func(t *testing.T) {
				status, body := get(t, m.URL()+c.path)
				if status != http.StatusOK || !strings.Contains(body, c.want) {
					t.Errorf("GET %s = %d, want 200 with %q; body starts %.200q", c.path, status, c.want, body)
				}
			})
		}
		t.Run("MetricsOnTheirOwnAddress", func(t *testing.T) {
			status, body := get(t, "http://"+m.metricsLn.Addr().String()+"/metrics")
			if status != http.StatusOK || !strings.Contains(body, `go_sql_open_connections{db_name="write"}`) {
				t.Errorf("metrics address: %d %.200q", status, body)
			}
			if status, _ := get(t, m.URL()+"/metrics"); status != http.StatusNotFound {
				t.Errorf("/metrics on the portal's address without a token: %d", status)
			}
		})
		t.Run("WelcomeListsDemoLogins", func(t *testing.T) {
			var out bytes.Buffer
			m.PrintWelcome(context.Background(), &out)
			for _, want := range []string{m.URL(), "10103001857", "demo2026", "ИЭСБК0041300", "Петрова",
				m.URL() + "/office/", "oper-demo-2026", "KABINETDEMOADMINKABINETDEMOADMIN"} {
				if !strings.Contains(out.String(), want) {
					t.Errorf("welcome lacks %q:\n%s", want, out.String())
				}
			}
		})
	})
}

// TestCloseLetsRequestsInFlightFinish sends a request whose body is still
// arriving when shutdown begins: the request must get its answer, and new
// connections must be refused.
func TestCloseLetsRequestsInFlightFinish(t *testing.T) {
	m := MustRunMain(t, sqlstoretest.SQLiteDSN(t))
	pr, pw := io.Pipe()
	type result struct {
		status int
		err    error
	}
	done := make(chan result, 1)
	go func() {
		req, _ := http.NewRequest("POST", m.URL()+"/login", pr)
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			done <- result{err: err}
			return
		}
		resp.Body.Close()
		done <- result{status: resp.StatusCode}
	}()
	pw.Write([]byte("account=10103001857&"))
	time.Sleep(200 * time.Millisecond) // the handler is now reading the body
	closed := make(chan error, 1)
	go func() { closed <- m.Close(context.Background()) }()
	time.Sleep(200 * time.Millisecond)
	select {
	case err := <-closed:
		t.Fatalf("Close returned (%v) while a request was in flight", err)
	default:
	}
	pw.Write([]byte("secret=x"))
	pw.Close()
	if r := <-done; r.err != nil || r.status >= 500 {
		t.Fatalf("in-flight request = %+v, want an answer", r)
	}
	if err := <-closed; err != nil {
		t.Fatalf("Close: %v", err)
	}
	if _, err := http.Get(m.URL() + "/healthz"); err == nil {
		t.Error("server still accepts connections after Close")
	}
}

// TestBuiltinBillingOff: a supplier whose billing system feeds the ledger
// gets no scheduled close.
func TestBuiltinBillingOff(t *testing.T) {
	for _, on := range []bool{true, false} {
		m := MustRunMain(t, sqlstoretest.SQLiteDSN(t), func(c *Config) { c.BuiltinBilling = on })
		ctx := context.Background()
		err := m.app.DB.InTx(ctx, func(tx *sql.Tx) error { return m.app.DB.Enqueue(ctx, tx, jobs.CloseArgs{}) })
		if !on {
			if err == nil || !strings.Contains(err.Error(), "not registered") {
				t.Errorf("with built-in billing off a close job was accepted: %v", err)
			}
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		var state string
		for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
			m.app.DB.SQL().QueryRow(`SELECT state FROM river_job WHERE kind = 'period_close'`).Scan(&state)
			if state == "completed" || state == "discarded" || state == "retryable" {
				break
			}
		}
		if state != "completed" {
			t.Errorf("the close job ended %q", state)
		}
	}
}

// TestServeWorksJobs enqueues a job the way a change does, in its
// transaction, and waits for the running program to complete it.
func TestServeWorksJobs(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		m := MustRunMain(t, dsn)
		ctx := context.Background()
		err := m.app.DB.InTx(ctx, func(tx *sql.Tx) error { return m.app.DB.Enqueue(ctx, tx, jobs.OptimizeArgs{}) })
		if err != nil {
			t.Fatal(err)
		}
		var state string
		for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
			m.app.DB.SQL().QueryRow(`SELECT state FROM river_job WHERE kind = 'db_optimize' ORDER BY id DESC LIMIT 1`).Scan(&state)
			if state == "completed" {
				return
			}
		}
		t.Fatalf("job state = %q after 15 s, want completed", state)
	})
}
