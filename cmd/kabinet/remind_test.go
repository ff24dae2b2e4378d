package main

import (
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"
	"time"

	"kabinet/demo"
	"kabinet/sqlstore/sqlstoretest"
)

// TestFirstStartTellsOfTheLatestBill: the demo world's bills are issued
// in its build, where no reminder scan runs; its first start tells of the
// latest bill at once (on 27.11.2026, October's, issued on 1 November),
// not at the next scheduled scan hours later. A second server on the
// same database, and every later start, enqueue no second scan (issue 20;
// the scan at every queue start made duplicates on three servers).
func TestFirstStartTellsOfTheLatestBill(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		first := MustRunMain(t, dsn)
		second := MustRunMain(t, dsn)
		jar, _ := cookiejar.New(nil)
		c := &http.Client{Jar: jar, Timeout: 10 * time.Second}
		resp, err := c.PostForm(second.URL()+"/login", url.Values{"account": {"10103001857"}, "secret": {demo.DemoPassword}})
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		want := "Счет за октябрь 2026 готов"
		var page string
		for deadline := time.Now().Add(60 * time.Second); time.Now().Before(deadline) && !strings.Contains(page, want); time.Sleep(200 * time.Millisecond) {
			resp, err := c.Get(second.URL() + "/notifications")
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			page = string(b)
		}
		if !strings.Contains(page, want) {
			t.Fatalf("no «%s» in the bell after the first start; page:\n%s", want, page)
		}
		first.Close(t.Context())
		MustRunMain(t, dsn) // a restart
		var n int
		if err := second.app.DB.SQL().QueryRowContext(t.Context(), `SELECT count(*) FROM river_job WHERE kind = 'remind_first'`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != 1 {
			t.Errorf("%d first-start scans enqueued by three starts, want 1", n)
		}
	})
}
