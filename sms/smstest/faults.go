// Package smstest offers httptest fakes of the SMS gateways that speak their
// HTTP APIs as DOMAIN.md §6 documents them: they check credentials and
// required parameters, record the messages they accept, and can be told to
// fail the next requests so that callers can test their retries.
package smstest

import (
	"io"
	"net/http"
	"sync"
	"time"
)

// fault is one queued failure: a gateway error code, an HTTP status, or a
// stall that holds the request until the client gives up.
type fault struct {
	code, status int
	stall        bool
}

// faults is the queue of failures shared by both fakes.
type faults struct {
	mu       sync.Mutex
	queue    []fault
	requests int
}

// FailNext makes the next n requests fail with the gateway's error code,
// e.g. 220 (SMS.ru: service unavailable) or 7 (SMSC: wrong phone).
func (f *faults) FailNext(n, code int) { f.push(n, fault{code: code}) }

// FailNextHTTP makes the next n requests answer with an HTTP status, e.g. 500.
func (f *faults) FailNextHTTP(n, status int) { f.push(n, fault{status: status}) }

// StallNext makes the next n requests hang until the client cancels them
// (at most 10 s), for tests of timeouts and context cancellation.
func (f *faults) StallNext(n int) { f.push(n, fault{stall: true}) }

// Requests returns how many requests arrived, failed ones included.
func (f *faults) Requests() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.requests
}

func (f *faults) push(n int, fl fault) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for range n {
		f.queue = append(f.queue, fl)
	}
}

// next counts a request and pops the fault it should meet, if any.
func (f *faults) next() (fault, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.requests++
	if len(f.queue) == 0 {
		return fault{}, false
	}
	fl := f.queue[0]
	f.queue = f.queue[1:]
	return fl, true
}

// serveFault answers with a queued HTTP status or stall and reports whether
// it did; gateway codes are left to the fake, which knows their format.
func serveFault(w http.ResponseWriter, r *http.Request, fl fault) bool {
	switch {
	case fl.stall:
		// The server notices a client hanging up only once it has read the
		// whole body.
		_, _ = io.Copy(io.Discard, r.Body)
		select {
		case <-r.Context().Done():
		case <-time.After(10 * time.Second):
		}
		return true
	case fl.status != 0:
		http.Error(w, http.StatusText(fl.status), fl.status)
		return true
	}
	return false
}
