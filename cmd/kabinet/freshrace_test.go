package main

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"sync"
	"testing"

	"kabinet/sqlstore/sqlstoretest"
)

// TestFreshDatabaseRace: three servers started at once on one fresh
// PostgreSQL database all come up: the migrations, the demo world and
// its operators are made once, the others wait and find them.
func TestFreshDatabaseRace(t *testing.T) {
	dsn := sqlstoretest.PostgresDSN(t)
	ms := make([]*Main, 3)
	errs := make([]error, 3)
	var wg sync.WaitGroup
	for i := range ms {
		cfg := DefaultConfig()
		cfg.Listen, cfg.DB, cfg.Data, cfg.DemoAccounts, cfg.Now = "127.0.0.1:0", dsn, t.TempDir(), 30, testNow
		ms[i] = NewMain(cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
		t.Cleanup(func() { ms[i].Close(context.Background()) })
		wg.Go(func() { errs[i] = ms[i].Run(context.Background()) })
	}
	wg.Wait()
	for i, m := range ms {
		if errs[i] != nil {
			t.Fatalf("server %d: %v", i, errs[i])
		}
		if status, _ := get(t, m.URL()+"/readyz"); status != http.StatusOK {
			t.Errorf("server %d: readyz = %d", i, status)
		}
	}
	w, err := ms[0].app.DB.FindWorld(context.Background())
	if err != nil || w.Accounts != 30 {
		t.Fatalf("world = %+v, %v", w, err)
	}
}
