package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// With the disk full a change is answered 503 with a Russian page, not
// 500, and /readyz fails so that a load balancer takes the server out
// (issue 14). SQLite's max_page_count stands in for a full disk.
func TestDiskFull(t *testing.T) {
	d := newDemoPortal(t, "http://portal.test")
	anon := newAgent(t, d.Handler())
	var pages int
	if err := d.db.SQL().QueryRowContext(context.Background(), "PRAGMA page_count").Scan(&pages); err != nil {
		t.Fatal(err)
	}
	if _, err := d.db.SQL().ExecContext(context.Background(), "PRAGMA max_page_count = "+itoaInt(pages)); err != nil {
		t.Fatal(err)
	}
	wantStatus(t, get(t, d.Handler(), "/readyz"), http.StatusOK)
	form := url.Values{"branch": {"1"}, "full_name": {"Петров Петр"}, "address": {"Иркутск, ул. Ленина, 1"},
		"account": {"иэсбк-0041300"}, "phone": {"89501234567"}, "email": {"petrov@example.ru"}, "answer_channel": {"phone"},
		"topic": {"Перерасчет"}, "text": {strings.Repeat("Прошу сделать перерасчет. ", 190)}, "consent": {"on"}}
	res := anon.post("/feedback", form)
	if res.Code != http.StatusServiceUnavailable || !strings.Contains(res.Body.String(), "временно не может сохранить") {
		t.Fatalf("a write on a full disk: %d", res.Code)
	}
	wantStatus(t, get(t, d.Handler(), "/readyz"), http.StatusServiceUnavailable)
}
