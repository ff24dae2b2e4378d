package web

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// queued returns a gate of n places whose waiters report on the channel
// once queued, so a test can line them up in a known order.
func queued(n int) (*gate, chan struct{}) {
	g, in := newGate(n), make(chan struct{}, 16)
	g.onWait = func() { in <- struct{}{} }
	return g, in
}

func TestGateAdmitsInOrder(t *testing.T) {
	g, in := queued(1)
	if err := g.enter(context.Background()); err != nil {
		t.Fatal(err)
	}
	order := make(chan int, 3)
	for i := range 3 {
		go func() {
			if err := g.enter(context.Background()); err == nil {
				order <- i
			}
		}()
		<-in // queued before the next one comes
	}
	if n := g.waiting(); n != 3 {
		t.Fatalf("waiting = %d, want 3", n)
	}
	select {
	case i := <-order:
		t.Fatalf("request %d admitted while the only place is taken", i)
	default:
	}
	for want := range 3 {
		g.leave() // the place passes to the oldest waiting request
		if got := <-order; got != want {
			t.Fatalf("admitted request %d, want %d (oldest first)", got, want)
		}
	}
	if n := g.waiting(); n != 0 {
		t.Fatalf("waiting = %d after all were admitted", n)
	}
}

func TestGateGivenUpLeavesTheQueue(t *testing.T) {
	g, in := queued(1)
	if err := g.enter(context.Background()); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- g.enter(ctx) }()
	<-in
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Fatalf("enter = %v, want the context's error", err)
	}
	if n := g.waiting(); n != 0 {
		t.Fatalf("waiting = %d after the request was given up", n)
	}
	g.leave()
	// The place is free again, not lost to the request that went away.
	ctx, cancel = context.WithCancel(context.Background())
	cancel()
	if err := g.enter(ctx); err != nil {
		t.Fatalf("enter with the place free = %v", err)
	}
}

// The portal's requests wait at the gate; the shell's own routes and forms
// with files pass by it, and a request given up while waiting is answered
// with the overload page.
func TestGateInFrontOfThePortal(t *testing.T) {
	s, err := New(Config{SupplierName: testSupplier, BaseURL: "http://127.0.0.1", Active: 1}, Deps{})
	if err != nil {
		t.Fatal(err)
	}
	in := make(chan struct{}, 4)
	s.gate.onWait = func() { in <- struct{}{} }
	holding, release := make(chan struct{}), make(chan struct{})
	s.portal.mux.Handle("GET /hold", s.portal.handle(func(w http.ResponseWriter, r *http.Request) error {
		close(holding)
		<-release
		return nil
	}))
	s.portal.mux.Handle("POST /upload", s.portal.handle(func(w http.ResponseWriter, r *http.Request) error {
		w.WriteHeader(http.StatusAccepted)
		return nil
	}))
	h := s.Handler()
	held := make(chan *httptest.ResponseRecorder)
	go func() { held <- get(t, h, "/hold") }()
	<-holding

	ctx, cancel := context.WithCancel(context.Background())
	waited := make(chan *httptest.ResponseRecorder)
	go func() {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest("GET", "/login", nil).WithContext(ctx))
		waited <- w
	}()
	<-in // /login waits behind /hold
	if m := body(t, get(t, s.Metrics(), "/metrics")); !strings.Contains(m, "kabinet_http_requests_waiting 1") {
		t.Errorf("metrics do not count the waiting request:\n%s", m)
	}

	wantStatus(t, get(t, h, "/healthz"), http.StatusOK)
	up := httptest.NewRequest("POST", "/upload", strings.NewReader("--b--\r\n"))
	up.Header.Set("Content-Type", "multipart/form-data; boundary=b")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, up)
	wantStatus(t, w, http.StatusAccepted)

	cancel()
	w = <-waited
	wantStatus(t, w, http.StatusServiceUnavailable)
	if !strings.Contains(w.Body.String(), "Сервис перегружен") {
		t.Errorf("the given-up request's page lacks the overload message:\n%s", w.Body.String())
	}
	close(release)
	wantStatus(t, <-held, http.StatusOK)
	wantStatus(t, get(t, h, "/login"), http.StatusOK)
}
