package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"kabinet"
	"kabinet/sqlstore/sqlstoretest"
)

// hostileValues are what a probe sends instead of text (issue 14): bad
// UTF-8, NUL, control and bidirectional characters, a megabyte and the
// 50,000 bytes that once made a SQLite search fail, and numbers no
// column holds.
var hostileValues = map[string]string{
	"InvalidUTF8":  "Иван\xff\xfeов",
	"NUL":          "10103001857\x00",
	"Control":      "a\x01\x1b[31mb\x7f",
	"Bidi":         "счет\u202Efdp.exe",
	"Megabyte":     strings.Repeat("я", 1<<19),
	"50000Bytes":   strings.Repeat("a", 50_000),
	"HugeNumber":   "99999999999999999999999999999",
	"HugeNegative": "-9223372036854775809",
	"MaxInt64":     "9223372036854775807",
	"Float":        "1e308",
}

// Every route the portal and the back office register, with every form
// field and query parameter the handlers read set to each hostile value,
// on both engines: nothing answers 5xx. The routes come from routeTable
// and the field names from the handlers' source, so a route or a field
// added later is fuzzed without touching this test.
func TestHostileInput(t *testing.T) {
	fields := formFieldNames(t)
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		w := newFuzzWorld(t, dsn)
		for _, route := range w.p.patterns {
			if skipFuzz(route) {
				continue
			}
			for name, v := range hostileValues {
				for _, method := range routeMethods(route) {
					path := w.fill(route)
					res := w.send(t, method, path, fields, v)
					if res.Code >= 500 {
						t.Errorf("%s %s with %s: %d", method, path, name, res.Code)
					}
				}
			}
		}
	})
}

// skipFuzz leaves out the routes that end the world the others need:
// signing out and deleting the customer's registration.
func skipFuzz(route string) bool {
	return strings.HasSuffix(route, "/logout") || strings.HasSuffix(route, "/registration/delete") ||
		strings.HasPrefix(route, "GET /static/") || strings.Contains(route, "/dev/bank")
}

func routeMethods(route string) []string {
	if method, _, ok := strings.Cut(route, " "); ok && !strings.HasPrefix(method, "/") {
		return []string{method}
	}
	return []string{http.MethodGet, http.MethodPost}
}

// formFieldNames are the names the handlers read from forms and queries.
func formFieldNames(t *testing.T) []string {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	read := regexp.MustCompile(`(?:Get|FormValue|on)\("([a-z][a-z0-9_\-]*)"\)`)
	names := []string{"amount-1", "amount-2"}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range read.FindAllStringSubmatch(string(b), -1) {
			if !slices.Contains(names, m[1]) {
				names = append(names, m[1])
			}
		}
	}
	if len(names) < 30 {
		t.Fatalf("only %d field names found: %q", len(names), names)
	}
	return names
}

// fuzzWorld is a signed-in customer and a signed-in admin.
type fuzzWorld struct {
	p                 *portal
	customer, admin   *agent
	account           *kabinet.Account
	request, meter    int64
	attachment, reads int64
}

func newFuzzWorld(t *testing.T, dsn string) *fuzzWorld {
	p := newPortalOn(t, dsn, "http://portal.test", Config{})
	p.officeStaff(t)
	prov := &kabinet.Provider{Code: "IES", Name: "ООО «Демо-Энергосбыт»", Services: []kabinet.Service{kabinet.ServiceElectricity}}
	if err := p.db.CreateProvider(context.Background(), prov); err != nil {
		t.Fatal(err)
	}
	sub := &kabinet.SubAccount{ProviderID: prov.ID, Number: "ИЭСБК0000001", Services: prov.Services}
	w := &fuzzWorld{p: p, account: p.registered(t, "10103001857", "Иванов", "Байкал-2026-омуль", "ivanov@example.ru", sub)}
	req := matrixRequest(t, p, w.account)
	w.request, w.attachment = req.ID, req.Attachments[0].ID
	w.customer, w.admin = newAgent(t, p.Handler()), newAgent(t, p.Handler())
	w.signIn(t)
	w.meter, w.reads = matrixReading(t, p, sub, w.customer.session())
	return w
}

// signIn signs both agents in again if a route ended their sessions.
func (w *fuzzWorld) signIn(t *testing.T) {
	if w.customer.session() == "" {
		w.customer.post("/login", url.Values{"account": {"10103001857"}, "secret": {"Байкал-2026-омуль"}})
	}
	if _, ok := w.admin.cookies[officeCookie]; !ok {
		w.p.officeSignIn(t, w.admin, "admin")
	}
}

func (w *fuzzWorld) fill(route string) string {
	_, pattern, ok := strings.Cut(route, " ")
	if !ok {
		pattern = route
	}
	id := func(n int64) string { return strconv.FormatInt(n, 10) }
	examples := map[string]string{"acc": id(w.account.ID), "id": id(w.account.ID), "file": "2026-11.pdf",
		"meter": id(w.meter), "reading": id(w.reads), "req": id(w.request), "att": id(w.attachment)}
	return placeholder.ReplaceAllStringFunc(pattern, func(m string) string {
		name := placeholder.FindStringSubmatch(m)[1]
		if name == "$" {
			return ""
		}
		if v, ok := examples[name]; ok {
			return v
		}
		return "1"
	})
}

// send requests path with every field in the query and, for a post, in
// the form too, each set to v.
func (w *fuzzWorld) send(t *testing.T, method, path string, fields []string, v string) *httptest.ResponseRecorder {
	w.signIn(t)
	form := url.Values{}
	for _, f := range fields {
		form.Set(f, v)
	}
	a := w.customer
	if strings.HasPrefix(path, "/office/") {
		a = w.admin
	}
	if len(v) > 100_000 { // one huge field is enough to be refused
		form = url.Values{"q": {v}, "text": {v}}
	}
	target := path + "?" + form.Encode()
	if method == http.MethodGet {
		return a.get(target)
	}
	r := newPost(target, form)
	r.Method = method
	r.Header.Set("Sec-Fetch-Site", "same-origin")
	return a.send(r)
}

// Hostile input is refused at the edge with a Russian message; a form's
// line breaks and Cyrillic pass.
func TestInputRefusedAtTheEdge(t *testing.T) {
	p := newPortal(t, "http://portal.test", Config{})
	a := newAgent(t, p.Handler())
	for name, target := range map[string]string{
		"QueryNUL":    "/feedback?sent=%00",
		"QueryBadUTF": "/password/reset?token=%ff",
		"QueryBidi":   "/office/accounts?q=%E2%80%AE",
		"QueryLong":   "/office/accounts?q=" + strings.Repeat("a", 50_000),
	} {
		res := a.get(target)
		if res.Code != http.StatusBadRequest || !strings.Contains(res.Body.String(), "Неверный адрес страницы") {
			t.Errorf("%s: %d", name, res.Code)
		}
	}
	res := a.post("/feedback", url.Values{"text": {"Добрый день\x00"}})
	if res.Code != http.StatusBadRequest || !strings.Contains(res.Body.String(), "недопустимые символы") {
		t.Errorf("form with NUL: %d", res.Code)
	}
	res = a.post("/feedback", url.Values{"text": {"Добрый день,\r\n\tвопрос"}})
	if res.Code == http.StatusBadRequest {
		t.Errorf("a form with line breaks was refused at the edge: %d", res.Code)
	}
}
