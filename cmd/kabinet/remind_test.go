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

// TestStartTellsOfTheLatestBill: a portal started after a bill was issued
// tells of it at once (the reminder scan runs when the queue starts), not
// at the next scheduled scan hours later. On 27.11.2026 the latest bill is
// October's, issued on 1 November.
func TestStartTellsOfTheLatestBill(t *testing.T) {
	m := MustRunMain(t, sqlstoretest.SQLiteDSN(t))
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, Timeout: 10 * time.Second}
	resp, err := c.PostForm(m.URL()+"/login", url.Values{"account": {"10103001857"}, "secret": {demo.DemoPassword}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	want := "Счет за октябрь 2026 готов"
	var page string
	for deadline := time.Now().Add(60 * time.Second); time.Now().Before(deadline); time.Sleep(200 * time.Millisecond) {
		resp, err := c.Get(m.URL() + "/notifications")
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if page = string(b); strings.Contains(page, want) {
			return
		}
	}
	t.Errorf("no «%s» in the bell after start; page:\n%s", want, page)
}
