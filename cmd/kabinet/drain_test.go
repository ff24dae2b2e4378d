package main

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"kabinet/sqlstore/sqlstoretest"
)

// TestDrain: on Drain (SIGTERM), /readyz answers 503 for the grace while
// pages are still served; then new connections are refused and a request
// in flight since before still gets its whole answer.
func TestDrain(t *testing.T) {
	const grace = 1500 * time.Millisecond
	m := MustRunMain(t, sqlstoretest.SQLiteDSN(t), func(c *Config) { c.DrainGrace, c.ShutdownTimeout = grace, 10*time.Second })
	addr := strings.TrimPrefix(m.URL(), "http://")
	if status, _ := get(t, m.URL()+"/readyz"); status != http.StatusOK {
		t.Fatalf("readyz before the drain = %d", status)
	}
	// A request in flight: its headers are in, its body comes slowly.
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	body := "account=10103001857&secret=wrong-password"
	fmt.Fprintf(conn, "POST / HTTP/1.1\r\nHost: %s\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: %d\r\n\r\n%s",
		addr, len(body), body[:10])
	time.Sleep(200 * time.Millisecond)

	start := time.Now()
	drained := make(chan error, 1)
	go func() { drained <- m.Drain(context.Background()) }()
	time.Sleep(100 * time.Millisecond)
	if status, text := get(t, m.URL()+"/readyz"); status != http.StatusServiceUnavailable || !strings.Contains(text, "draining") {
		t.Errorf("readyz while draining = %d %q, want 503", status, text)
	}
	for _, path := range []string{"/healthz", "/"} {
		if status, _ := get(t, m.URL()+path); status != http.StatusOK {
			t.Errorf("GET %s while draining = %d, want 200: customers the balancer sent are still served", path, status)
		}
	}
	time.Sleep(grace + 500*time.Millisecond - time.Since(start))
	if c, err := net.DialTimeout("tcp", addr, time.Second); err == nil {
		c.Close()
		t.Error("new connections are taken after the grace")
	}
	select {
	case err := <-drained:
		t.Fatalf("Drain returned (%v) with a request in flight", err)
	default:
	}
	fmt.Fprint(conn, body[10:])
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("the request in flight lost its answer: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode >= 500 {
		t.Errorf("the request in flight got %d", resp.StatusCode)
	}
	select {
	case err := <-drained:
		if err != nil {
			t.Errorf("Drain: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Error("Drain did not return after the last request")
	}
}
