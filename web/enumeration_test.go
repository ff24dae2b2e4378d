package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"kabinet"
	"kabinet/auth"
)

// enumerationWorld has an account number for each state a probe could
// tell apart: no such account, an account nobody registered, a registered
// one, a registered one with a reset code waiting, and a registered one
// whose sign-in is locked; and a signed-in customer who links.
type enumerationWorld struct {
	p       *portal
	numbers map[string]string // state → number
	linker  *agent
	own     *kabinet.Account
}

func newEnumerationWorld(t *testing.T) *enumerationWorld {
	p := newPortal(t, "http://portal.test", Config{})
	w := &enumerationWorld{p: p, numbers: map[string]string{"unknown": "ИЭСБК9999999", "unregistered": "ИЭСБК0041399",
		"registered": "ЕТСОО204646", "pending": "ЕТСОО204647", "locked": "ЕТСОО204648"}}
	w.own = p.registered(t, "10103001857", "Иванов", "Байкал-2026-омуль", "ivanov@example.ru")
	p.account(t, "ИЭСБК0041399", "Петрова")
	for i, state := range []string{"registered", "pending", "locked"} {
		p.registered(t, w.numbers[state], "Петрова", "Ангара-2026-хариус", "petrova"+strconv.Itoa(i)+"@example.ru")
	}
	ctx := context.Background()
	if err := p.svc.ForgotPassword(ctx, w.numbers["pending"], kabinet.ConfirmBySMS, auth.Client{IP: "203.0.113.1"}); err != nil {
		t.Fatal(err)
	}
	for i := range 11 {
		p.svc.SignIn(ctx, w.numbers["locked"], "не тот пароль", auth.Client{IP: "203.0.113." + strconv.Itoa(10+i)})
	}
	w.linker = newAgent(t, p.Handler())
	w.linker.post("/login", url.Values{"account": {"10103001857"}, "secret": {"Байкал-2026-омуль"}})
	return w
}

// Every refusal a probe can draw with a number and a wrong secret, code or
// surname reads the same, with the same status, whatever the number's
// state: sign-in and first visit, reset by e-mail and by SMS, the code
// page, pay-another-account and linking.
func TestNoEnumeration(t *testing.T) {
	w := newEnumerationWorld(t)
	anon := func() *agent { return newAgent(t, w.p.Handler()) }
	for _, c := range []struct {
		name   string
		states []string
		send   func(number string) (int, string)
	}{
		{"SignInWrongPassword", []string{"unknown", "unregistered", "registered", "pending"}, func(n string) (int, string) {
			return answer(anon().post("/login", url.Values{"account": {n}, "secret": {"не тот пароль-2026"}}))
		}},
		{"FirstVisitWrongSurname", []string{"unknown", "unregistered", "registered", "pending"}, func(n string) (int, string) {
			return answer(anon().post("/login", url.Values{"account": {n}, "secret": {"Сидорова"}}))
		}},
		{"ResetByEmail", []string{"unknown", "unregistered", "registered", "pending", "locked"}, func(n string) (int, string) {
			return answer(anon().post("/password", url.Values{"account": {n}, "by": {"email"}}))
		}},
		{"ResetBySMS", []string{"unknown", "unregistered", "registered", "pending", "locked"}, func(n string) (int, string) {
			return answer(anon().post("/password", url.Values{"account": {n}, "by": {"sms"}}))
		}},
		{"ResetCodeWrong", []string{"unknown", "unregistered", "registered", "pending", "locked"}, func(n string) (int, string) {
			return answer(anon().post("/password/code", url.Values{"account": {n}, "code": {"000000"},
				"password": {"Ангара-2026-таймень"}, "confirm": {"Ангара-2026-таймень"}}))
		}},
		{"PayAnotherAccount", []string{"unknown", "unregistered", "registered", "pending", "locked"}, func(n string) (int, string) {
			return answer(anon().post("/pay", url.Values{"account": {n}, "surname": {"Сидорова"}}))
		}},
		{"LinkWrongSecret", []string{"unknown", "unregistered", "registered", "pending"}, func(n string) (int, string) {
			return answer(w.linker.post(accountPath(w.own, "profile/links"), url.Values{"account": {n}, "secret": {"Сидорова"}}))
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			var first string
			var firstCode int
			for i, state := range c.states {
				n := w.numbers[state]
				code, body := c.send(n)
				body = strings.ReplaceAll(body, n, "N")
				if code >= 500 {
					t.Fatalf("%s: %d", state, code)
				}
				if i == 0 {
					first, firstCode = body, code
					continue
				}
				if code != firstCode || body != first {
					t.Errorf("%s answers %d, %s answers %d; bodies equal: %v\n%s", c.states[0], firstCode, state, code, body == first, firstDiff(first, body))
				}
			}
		})
	}
	// Locked: every kind of number locks after as many failures, and then
	// says so alike.
	t.Run("Locked", func(t *testing.T) {
		var first string
		for i, state := range []string{"unknown", "unregistered", "locked"} {
			n := w.numbers[state]
			for j := range 11 {
				w.p.svc.SignIn(context.Background(), n, "не тот пароль", auth.Client{IP: "198.51.100." + strconv.Itoa(i*20+j)})
			}
			code, body := answer(anon().post("/login", url.Values{"account": {n}, "secret": {"не тот пароль-2026"}}))
			body = strings.ReplaceAll(body, n, "N")
			if code >= 500 || !strings.Contains(body, "Слишком много неудачных попыток") {
				t.Errorf("%s: %d, not the lockout", state, code)
			}
			if i == 0 {
				first = body
			} else if body != first {
				t.Errorf("locked %s reads differently:\n%s", state, firstDiff(first, body))
			}
		}
	})
}

func answer(res interface {
	Result() *http.Response
}) (int, string) {
	r := res.Result()
	b := new(strings.Builder)
	buf := make([]byte, 4096)
	for {
		n, err := r.Body.Read(buf)
		b.Write(buf[:n])
		if err != nil {
			break
		}
	}
	return r.StatusCode, b.String()
}

// firstDiff shows where two bodies part.
func firstDiff(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	from := max(0, i-80)
	return "…" + a[from:min(len(a), i+80)] + "\n  vs\n…" + b[from:min(len(b), i+80)]
}
