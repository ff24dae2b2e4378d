package smstest

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

// SMSCMessage is one message FakeSMSC accepted, with the parameters that
// came with it.
type SMSCMessage struct {
	ID       int // the id the fake answered with
	Phone    string
	Text     string
	Sender   string
	Login    string
	Password string
	Parts    int
	Method   string
}

// FakeSMSC speaks SMSC.ru's /sys/send.php with fmt=3 (DOMAIN.md §6.2).
type FakeSMSC struct {
	faults
	URL      string // for SMSC.BaseURL
	Login    string // the only login it accepts
	Password string // … with this password

	tb       testing.TB
	mu       sync.Mutex
	messages []SMSCMessage
	lastID   int
}

// NewSMSC starts a fake SMSC that accepts login "test" with password
// "test-password" and stops at the end of the test.
func NewSMSC(tb testing.TB) *FakeSMSC {
	f := &FakeSMSC{Login: "test", Password: "test-password", tb: tb}
	srv := httptest.NewServer(http.HandlerFunc(f.serveHTTP))
	tb.Cleanup(srv.Close)
	f.URL = srv.URL
	return f
}

// Messages returns the accepted messages, oldest first.
func (f *FakeSMSC) Messages() []SMSCMessage {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]SMSCMessage(nil), f.messages...)
}

// serveHTTP checks a request in the order SMSC would and answers it.
func (f *FakeSMSC) serveHTTP(w http.ResponseWriter, r *http.Request) {
	fl, faulty := f.next()
	if faulty && serveFault(w, r, fl) {
		return
	}
	if r.URL.Path != "/sys/send.php" {
		http.NotFound(w, r)
		return
	}
	if err := r.ParseForm(); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	if r.Form.Get("fmt") != "3" || r.Form.Get("charset") != "utf-8" {
		f.tb.Errorf("smstest: SMSC request without fmt=3 and charset=utf-8 (got %q, %q): "+
			"the answer would not be JSON or the text would be read as windows-1251",
			r.Form.Get("fmt"), r.Form.Get("charset"))
	}
	phones := strings.FieldsFunc(r.Form.Get("phones"), func(c rune) bool { return c == ',' || c == ';' })
	code := f.check(r, phones)
	if faulty {
		code = fl.code
	}
	if code != 0 {
		writeJSON(w, f.failure(code))
		return
	}
	id, parts := f.accept(r, phones)
	writeJSON(w, map[string]any{"id": id, "cnt": parts})
}

// check returns the error_code for r, or 0.
func (f *FakeSMSC) check(r *http.Request, phones []string) int {
	switch {
	case r.Form.Get("login") != f.Login || r.Form.Get("psw") != f.Password:
		return 2
	case r.Form.Get("mes") == "" || len(phones) == 0:
		return 1
	}
	for _, p := range phones {
		if !validPhone(p) {
			return 7
		}
	}
	return 0
}

// failure is the error answer; codes 3, 6, 7 and 8 carry a message id too.
func (f *FakeSMSC) failure(code int) map[string]any {
	texts := [...]string{"", "parameters error", "authorise error", "no money",
		"IP is blocked", "invalid date format", "message is denied",
		"invalid phone", "message can't be delivered", "duplicate request"}
	a := map[string]any{"error": "unknown error", "error_code": code}
	if code > 0 && code < len(texts) {
		a["error"] = texts[code]
	}
	if code == 3 || (code >= 6 && code <= 8) {
		f.mu.Lock()
		f.lastID++
		a["id"] = f.lastID
		f.mu.Unlock()
	}
	return a
}

// accept records one message per phone under one id, as SMSC does for a
// list, and returns the id and the number of SMS parts sent.
func (f *FakeSMSC) accept(r *http.Request, phones []string) (id, parts int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.lastID++
	text := r.Form.Get("mes")
	for _, p := range phones {
		f.messages = append(f.messages, SMSCMessage{ID: f.lastID, Phone: p, Text: text,
			Sender: r.Form.Get("sender"), Login: r.Form.Get("login"),
			Password: r.Form.Get("psw"), Parts: Parts(text), Method: r.Method})
	}
	return f.lastID, Parts(text) * len(phones)
}
