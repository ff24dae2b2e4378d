package main

import (
	"bytes"
	"context"
	"flag"
	"io"
	"strings"
	"testing"
	"time"

	"kabinet"
)

func TestConfig(t *testing.T) {
	parse := func(t *testing.T, args ...string) (Config, error) {
		cfg := DefaultConfig()
		fs := flag.NewFlagSet("test", flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		if err := bind(&cfg, fs); err != nil {
			return cfg, err
		}
		return cfg, fs.Parse(args)
	}
	t.Run("Defaults", func(t *testing.T) {
		cfg, err := parse(t)
		if err != nil || cfg.Listen != ":8080" || cfg.DSN() != "data/kabinet.db" || cfg.TimeZone != "Asia/Irkutsk" {
			t.Errorf("defaults = %+v (dsn %s), %v", cfg, cfg.DSN(), err)
		}
	})
	t.Run("EnvironmentThenFlags", func(t *testing.T) {
		t.Setenv("KABINET_LISTEN", ":9000")
		t.Setenv("KABINET_DATA", "/srv/kabinet")
		t.Setenv("KABINET_DEMO_ACCOUNTS", "0")
		t.Setenv("KABINET_SHUTDOWN_TIMEOUT", "5s")
		cfg, err := parse(t, "--listen", ":9100")
		if err != nil || cfg.Listen != ":9100" || cfg.DSN() != "/srv/kabinet/kabinet.db" || cfg.DemoAccounts != 0 || cfg.ShutdownTimeout != 5*time.Second {
			t.Errorf("config = %+v, %v", cfg, err)
		}
	})
	t.Run("BaseURLFollowsListen", func(t *testing.T) {
		for listen, want := range map[string]string{":9090": "http://localhost:9090", "0.0.0.0:80": "http://localhost:80",
			"127.0.0.1:8443": "http://127.0.0.1:8443", "[::]:8080": "http://localhost:8080"} {
			cfg, _ := parse(t, "--listen", listen)
			if cfg.BaseURL != "" || cfg.ListenURL() != want {
				t.Errorf("--listen %s: base URL %q, from listen %q, want %q", listen, cfg.BaseURL, cfg.ListenURL(), want)
			}
		}
		if cfg, _ := parse(t, "--listen", ":9090", "--base-url", "https://lk.example.ru"); cfg.BaseURL != "https://lk.example.ru" {
			t.Errorf("--base-url lost: %q", cfg.BaseURL)
		}
	})
	t.Run("PostgresURL", func(t *testing.T) {
		t.Setenv("KABINET_DB", "postgres://kabinet@db.internal/kabinet")
		if cfg, _ := parse(t); cfg.DSN() != "postgres://kabinet@db.internal/kabinet" {
			t.Errorf("dsn = %s", cfg.DSN())
		}
	})
	t.Run("ErrBadEnvironmentValue", func(t *testing.T) {
		t.Setenv("KABINET_DEMO_ACCOUNTS", "many")
		if _, err := parse(t); err == nil || !strings.Contains(err.Error(), "KABINET_DEMO_ACCOUNTS") {
			t.Errorf("err = %v, want one naming KABINET_DEMO_ACCOUNTS", err)
		}
	})
	t.Run("ErrBadTimeZone", func(t *testing.T) {
		cfg, _ := parse(t, "--time-zone", "Mars/Olympus")
		if _, err := cfg.Calendar(); err == nil {
			t.Error("unknown time zone accepted")
		}
	})
}

func TestRunUnknownCommand(t *testing.T) {
	var out bytes.Buffer
	if err := run(context.Background(), []string{"frobnicate"}, &out); err == nil || !strings.Contains(err.Error(), "frobnicate") {
		t.Errorf("err = %v", err)
	}
}

func TestMigrateAndDemoCommands(t *testing.T) {
	dir := t.TempDir()
	var out bytes.Buffer
	if err := run(context.Background(), []string{"migrate", "--data", dir}, &out); err != nil {
		t.Fatal(err)
	}
	if err := run(context.Background(), []string{"demo", "--data", dir, "--accounts", "25", "--seed", "9"}, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "25/25 homes") || !strings.Contains(out.String(), "demo world of 25 homes (seed 9) is complete") {
		t.Errorf("output:\n%s", out.String())
	}
	out.Reset()
	run(context.Background(), []string{"demo", "--data", dir, "--accounts", "99"}, &out)
	if !strings.Contains(out.String(), "already holds a demo world of 25 homes") {
		t.Errorf("second demo on the same database:\n%s", out.String())
	}
}

func TestClosePeriodCommand(t *testing.T) {
	dir := t.TempDir()
	var out bytes.Buffer
	if err := run(context.Background(), []string{"demo", "--data", dir, "--accounts", "10"}, &out); err != nil {
		t.Fatal(err)
	}
	last := kabinet.PeriodOf(testNow).Add(-1)
	out.Reset()
	if err := run(context.Background(), []string{"close-period", "--data", dir, last.String()}, &out); err != nil {
		t.Fatalf("closing %s, which the demo's history closed: %v", last, err)
	}
	if !strings.Contains(out.String(), "period "+last.String()+" is closed") {
		t.Errorf("output: %s", out.String())
	}
	if err := run(context.Background(), []string{"close-period", "--data", dir, last.Add(1).String()}, &out); kabinet.ErrorCode(err) != kabinet.EINVALID {
		t.Errorf("closing the current month: %v", err)
	}
	out.Reset()
	if err := run(context.Background(), []string{"reopen-period", "--data", dir, last.String()}, &out); err != nil {
		t.Errorf("reopening %s: %v", last, err)
	}
	if err := run(context.Background(), []string{"close-period", "--data", dir, last.String()}, &out); err != nil {
		t.Errorf("closing %s again after reopening it: %v", last, err)
	}
	if err := run(context.Background(), []string{"close-period", "--data", dir, "ноябрь"}, &out); err == nil {
		t.Error("a malformed period was accepted")
	}
}
