package web

import (
	"context"
	"mime"
	"net/http"
	"slices"
	"sync"

	"kabinet"
)

// gate lets at most n requests of the sites work at once; the others wait
// their turn, oldest first. Without it, every request in flight asks the
// database pool for a connection, and database/sql hands a freed
// connection to a waiter picked at random: under load (the 10th and the
// 25th of the month, or bench/home's 64 connections) a page could lose
// that draw several times over, which put p99 at two and a half times the
// median. Waiting here in order, with no more requests working than the
// pool has connections, the pool has none waiting, and the database and
// the Go process share the cores between a few pages rather than dozens
// (issue 17).
type gate struct {
	mu     sync.Mutex
	free   int
	queue  []chan struct{} // the waiting requests, oldest first
	onWait func()          // tests: called once a request is queued
}

func newGate(n int) *gate {
	if n <= 0 {
		return nil
	}
	return &gate{free: n}
}

// enter returns once the request may work, or with ctx's error when the
// request was given up while waiting (the client went away).
func (g *gate) enter(ctx context.Context) error {
	g.mu.Lock()
	if g.free > 0 && len(g.queue) == 0 {
		g.free--
		g.mu.Unlock()
		return nil
	}
	turn := make(chan struct{})
	g.queue = append(g.queue, turn)
	g.mu.Unlock()
	if g.onWait != nil {
		g.onWait()
	}
	select {
	case <-turn:
		return nil
	case <-ctx.Done():
		g.mu.Lock()
		i := slices.Index(g.queue, turn)
		if i >= 0 {
			g.queue = slices.Delete(g.queue, i, i+1)
		}
		g.mu.Unlock()
		if i < 0 {
			g.leave() // its turn came meanwhile: pass it on
		}
		return ctx.Err()
	}
}

// leave gives the request's place to the oldest waiting one.
func (g *gate) leave() {
	g.mu.Lock()
	defer g.mu.Unlock()
	if len(g.queue) == 0 {
		g.free++
		return
	}
	turn := g.queue[0]
	g.queue = slices.Delete(g.queue, 0, 1)
	close(turn)
}

// waiting is how many requests wait their turn.
func (g *gate) waiting() int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return len(g.queue)
}

var errGaveUp = kabinet.Errorf(kabinet.EUNAVAILABLE, "Сервис перегружен. Обновите страницу через минуту.")

// admit holds each request of the site at the gate (with no gate, all
// pass). It sits after the input check, which has read a plain form's
// body; a form with files is read by its handler, so it passes ungated
// rather than hold a place while a slow client uploads.
func (s *site) admit(next http.Handler) http.Handler {
	g := s.gate
	if g == nil {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); ct == "multipart/form-data" {
			next.ServeHTTP(w, r)
			return
		}
		if err := g.enter(r.Context()); err != nil {
			s.fail(w, r, errGaveUp)
			return
		}
		defer g.leave()
		next.ServeHTTP(w, r)
	})
}
