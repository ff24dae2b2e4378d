package smstest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"
)

// SMSRuMessage is one message FakeSMSRu accepted, with the parameters that
// came with it.
type SMSRuMessage struct {
	ID     string // the sms_id the fake answered with
	Phone  string
	Text   string
	From   string
	APIID  string
	Method string
}

// FakeSMSRu speaks SMS.ru's /sms/send with json=1 (DOMAIN.md §6.1).
type FakeSMSRu struct {
	faults
	URL   string // for SMSRu.BaseURL
	APIID string // the only api_id it accepts

	tb       testing.TB
	mu       sync.Mutex
	messages []SMSRuMessage
}

// NewSMSRu starts a fake SMS.ru that accepts the api_id "test-api-id" and
// stops at the end of the test.
func NewSMSRu(tb testing.TB) *FakeSMSRu {
	f := &FakeSMSRu{APIID: "test-api-id", tb: tb}
	srv := httptest.NewServer(http.HandlerFunc(f.serveHTTP))
	tb.Cleanup(srv.Close)
	f.URL = srv.URL
	return f
}

// Messages returns the accepted messages, oldest first.
func (f *FakeSMSRu) Messages() []SMSRuMessage {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]SMSRuMessage(nil), f.messages...)
}

// serveHTTP checks a request in the order SMS.ru would and answers it.
func (f *FakeSMSRu) serveHTTP(w http.ResponseWriter, r *http.Request) {
	fl, faulty := f.next()
	if faulty && serveFault(w, r, fl) {
		return
	}
	if err := r.ParseForm(); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	if r.Form.Get("json") != "1" {
		f.tb.Errorf("smstest: SMS.ru request without json=1 would get a plain-text answer")
	}
	phones := strings.Split(r.Form.Get("to"), ",")
	code := f.check(r)
	if faulty {
		code = fl.code
	}
	switch {
	case code != 0 && !perNumber(code):
		writeJSON(w, map[string]any{"status": "ERROR", "status_code": code, "status_text": smsruText(code)})
	default:
		writeJSON(w, f.accept(r, phones, code))
	}
}

// check returns the request-level error code of r, or 0.
func (f *FakeSMSRu) check(r *http.Request) int {
	switch {
	case r.URL.Path != "/sms/send":
		return 211
	case r.Form.Get("api_id") != f.APIID:
		return 200
	case r.Form.Get("msg") == "":
		return 203
	case !utf8.ValidString(r.Form.Get("msg")):
		return 212
	case r.Form.Get("to") == "":
		return 202
	}
	return 0
}

// accept builds the per-number answer, recording each number that passes;
// code, when not 0, is a per-number error forced on every number.
func (f *FakeSMSRu) accept(r *http.Request, phones []string, code int) map[string]any {
	f.mu.Lock()
	defer f.mu.Unlock()
	sms := map[string]any{}
	for _, p := range phones {
		c := code
		if c == 0 && !validPhone(p) {
			c = 202
		}
		if c != 0 {
			sms[p] = map[string]any{"status": "ERROR", "status_code": c, "status_text": smsruText(c)}
			continue
		}
		m := SMSRuMessage{ID: fmt.Sprintf("000000-%08d", 10000001+len(f.messages)), Phone: p,
			Text: r.Form.Get("msg"), From: r.Form.Get("from"), APIID: r.Form.Get("api_id"), Method: r.Method}
		f.messages = append(f.messages, m)
		sms[p] = map[string]any{"status": "OK", "status_code": 100, "sms_id": m.ID}
	}
	return map[string]any{"status": "OK", "status_code": 100, "sms": sms, "balance": 10}
}

// writeJSON answers 200 with v as JSON, as both gateways do for errors too.
func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	_ = json.NewEncoder(w).Encode(v)
}
