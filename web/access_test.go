package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"kabinet"
	"kabinet/requests"
)

// The access-control matrix: every account-scoped route the portal
// registers (routeTable records them, so routes added later are tried
// without touching this test) × every kind of visitor:
//
//   - the owner, who registered the account, and a linked user, who
//     registered another account and linked this one, are served;
//   - another customer gets 404, as for an account that does not exist;
//   - an anonymous visitor is sent to /login.
//
// Every cell runs in a world of its own, so a POST that changes something
// (unlinking, say) cannot change the answer of the next cell.
func TestAccessMatrix(t *testing.T) {
	routes := accountRoutes(t)
	for _, want := range []string{"GET /a/{acc}/{$}", "GET /a/{acc}/profile", "POST /a/{acc}/unlink",
		"GET /a/{acc}/autopay", "POST /a/{acc}/autopay/off"} {
		if !hasRoute(routes, want) {
			t.Fatalf("route %q is not among the recorded account routes %q", want, routes)
		}
	}
	for _, route := range routes {
		for _, role := range []string{"owner", "linked", "other", "anonymous"} {
			t.Run(route+"/"+role, func(t *testing.T) {
				w := newMatrixWorld(t, role)
				method, path := w.fill(t, route)
				res := w.send(method, path)
				if role == "linked" && linkedRefused[route] != 0 {
					if res.Code != linkedRefused[route] {
						t.Errorf("%s %s as linked: got %d, want %d", method, path, res.Code, linkedRefused[route])
					}
					return
				}
				if msg := w.wrong(role, res); msg != "" {
					t.Errorf("%s %s as %s: %s", method, path, role, msg)
				}
			})
		}
	}
}

// linkedRefused are the routes a person who linked the account, not its
// owner, is refused, with the status: its owner's documents, contacts and
// who else reaches it are hers (issue 14).
var linkedRefused = map[string]int{
	"GET /a/{acc}/requests/{req}/files/{att}":         http.StatusNotFound,
	"POST /a/{acc}/services":                          http.StatusForbidden,
	"POST /a/{acc}/access/requests/{request}/approve": http.StatusNotFound,
	"POST /a/{acc}/access/requests/{request}/decline": http.StatusNotFound,
	"POST /a/{acc}/access/users/{user}/revoke":        http.StatusNotFound,
}

// matrixWorld is three customers and the account under test: the owner
// registered it, the linked user registered another account and linked
// it, the other customer has nothing to do with it.
type matrixWorld struct {
	p       *portal
	a       *agent
	account int64
	// meter and reading are the account's, for the reading routes.
	meter, reading int64
	request        *kabinet.Request
	// linkRequest asks the owner for the account; linker reaches it.
	linkRequest, linker int64
}

func newMatrixWorld(t *testing.T, role string) *matrixWorld {
	p := newPortal(t, "http://portal.test", Config{})
	ctx := context.Background()
	prov := &kabinet.Provider{Code: "IES", Name: "ООО «Демо-Энергосбыт»", Services: []kabinet.Service{kabinet.ServiceElectricity}}
	if err := p.db.CreateProvider(ctx, prov); err != nil {
		t.Fatal(err)
	}
	sub := &kabinet.SubAccount{ProviderID: prov.ID, Number: "ИЭСБК0000001", Services: prov.Services}
	acc := p.registered(t, "10103001857", "Иванов", "Байкал-2026-омуль", "ivanov@example.ru", sub)
	own := p.registered(t, "ИЭСБК0041300", "Петрова", "Ангара-2026-хариус", "petrova@example.ru")
	third := p.registered(t, "ЕТСОО204646", "Сидоров", "Иркут-2026-сиг", "sidorov@example.ru")
	asker, err := p.db.FindOwner(context.Background(), third.ID)
	if err != nil {
		t.Fatal(err)
	}
	if err := p.db.CreateLinkRequest(context.Background(), asker.ID, acc.ID, nil); err != nil {
		t.Fatal(err)
	}
	linked, err := p.db.FindOwner(context.Background(), own.ID)
	if err != nil {
		t.Fatal(err)
	}
	if err := p.db.LinkAccount(context.Background(), linked.ID, acc.ID, nil); err != nil {
		t.Fatal(err)
	}
	if err := p.db.CreateBill(context.Background(), matrixBill(acc.ID)); err != nil {
		t.Fatal(err)
	}
	w := &matrixWorld{p: p, a: newAgent(t, p.Handler()), account: acc.ID, request: matrixRequest(t, p, acc), linker: linked.ID}
	links, err := p.db.FindAccountLinks(context.Background(), acc.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range links {
		w.linkRequest = max(w.linkRequest, l.RequestID)
	}
	signIn := map[string][2]string{"owner": {"10103001857", "Байкал-2026-омуль"},
		"linked": {"ИЭСБК0041300", "Ангара-2026-хариус"}, "other": {"ЕТСОО204646", "Иркут-2026-сиг"}}
	if creds, ok := signIn[role]; ok {
		res := w.a.post("/login", url.Values{"account": {creds[0]}, "secret": {creds[1]}})
		if res.Code != http.StatusSeeOther || w.a.session() == "" {
			t.Fatalf("%s could not sign in: %d", role, res.Code)
		}
	}
	w.meter, w.reading = matrixReading(t, p, sub, w.a.session())
	return w
}

// matrixReading gives the account a meter and a reading passed today by
// the session token holds ("" for none), which that session may delete.
func matrixReading(t *testing.T, p *portal, sub *kabinet.SubAccount, token string) (meter, reading int64) {
	ctx := context.Background()
	m := &kabinet.Meter{AccountID: sub.AccountID, SubAccountID: sub.ID, Service: kabinet.ServiceElectricity, Model: "Нева 103",
		Serial: "1", Zoning: kabinet.ZoningSingle, Digits: 6, Ratio: 1, Phases: 1}
	if err := p.db.CreateMeter(ctx, m); err != nil {
		t.Fatal(err)
	}
	r := &kabinet.Reading{MeterID: m.ID, TakenOn: p.clock.Now(), Period: kabinet.PeriodOf(p.clock.Now()), Values: []int64{100},
		Consumption: []int64{100}, Source: kabinet.SourcePortal, Status: kabinet.ReadingAccepted, Session: "-"}
	if token != "" {
		v, err := p.svc.Visit(ctx, token)
		if err != nil {
			t.Fatal(err)
		}
		r.Session = v.Session.TokenHash
	}
	if err := p.db.CreateReading(ctx, r); err != nil {
		t.Fatal(err)
	}
	return m.ID, r.ID
}

// placeholderExamples are the values a route's placeholders get besides
// {acc}: each must name something that exists in the world for the
// account under test, so that a route that serves its customer answers
// them. A route with a placeholder missing here fails the matrix: add an
// example (and what it needs to the world) with the route.
func (w *matrixWorld) placeholderExamples() map[string]string {
	return map[string]string{
		"acc":     strconv.FormatInt(w.account, 10),
		"file":    "2026-11.pdf", // matrixBill
		"meter":   strconv.FormatInt(w.meter, 10),
		"reading": strconv.FormatInt(w.reading, 10),
		"req":     strconv.FormatInt(w.request.ID, 10),
		"att":     strconv.FormatInt(w.request.Attachments[0].ID, 10),
		"request": strconv.FormatInt(w.linkRequest, 10),
		"user":    strconv.FormatInt(w.linker, 10),
		"device":  "0123456789abcdef", // no such session: the page again
	}
}

// matrixRequest is documents sent from the account with one scan, so that
// the attachment route has a file to serve its customers.
func matrixRequest(t *testing.T, p *portal, a *kabinet.Account) *kabinet.Request {
	t.Helper()
	up := p.requests.NewUpload()
	if err := up.Add(context.Background(), "скан.pdf", strings.NewReader("%PDF-1.4 скан")); err != nil {
		t.Fatal(err)
	}
	r, err := p.requests.Documents(context.Background(), requests.Sender{Account: a}, requests.DocumentsForm{Topic: "Смена собственника"}, up)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// matrixBill is the account's bill for November 2026, so that the bill
// routes have something to serve their customers.
func matrixBill(accountID int64) *kabinet.Bill {
	pr := kabinet.Provider{ID: 1, Code: "IES", Name: "ООО «Демо-Энергосбыт»", INN: "3801999990", KPP: "380101001",
		BankName: "БАЙКАЛЬСКИЙ БАНК ПАО СБЕРБАНК", BIC: "042520607", CorrespAcc: "30101810900000000607",
		PersonalAcc: "40702810818350001234", Services: []kabinet.Service{kabinet.ServiceElectricity}}
	return &kabinet.Bill{AccountID: accountID, Period: kabinet.Period{Year: 2026, Month: time.November},
		IssuedAt: time.Date(2026, 12, 1, 3, 0, 0, 0, time.UTC), Data: kabinet.BillData{AccountNumber: "10103001857",
			Payer: "Иванов Иван Иванович", Address: "г. Иркутск, ул. Ленина, д. 5, кв. 12", Residents: 3, Area: 5430,
			Total: 50730, Providers: []kabinet.BillProvider{{Provider: pr, SubAccount: "ИЭСБК0000001", ToPay: 50730,
				DueOn: time.Date(2026, 12, 15, 0, 0, 0, 0, time.UTC), Lines: []kabinet.BillLine{{Service: kabinet.ServiceElectricity,
					Consumption: 285, Unit: "кВт·ч", TariffKopecks: 17800, Amount: 50730, Basis: "по нормативу"}}}}}}
}

var placeholder = regexp.MustCompile(`\{([^{}.]*)(\.\.\.)?\}`)

// fill turns a route pattern into a method and a path to request.
func (w *matrixWorld) fill(t *testing.T, route string) (method, path string) {
	t.Helper()
	method, pattern, _ := strings.Cut(route, " ")
	examples := w.placeholderExamples()
	path = placeholder.ReplaceAllStringFunc(pattern, func(m string) string {
		name := placeholder.FindStringSubmatch(m)[1]
		if name == "$" {
			return ""
		}
		v, ok := examples[name]
		if !ok {
			t.Fatalf("route %q: no example value for {%s}; add one to placeholderExamples", route, name)
		}
		return url.PathEscape(v)
	})
	return method, path
}

func (w *matrixWorld) send(method, path string) *httptest.ResponseRecorder {
	if method == http.MethodGet {
		return w.a.get(path)
	}
	r := newPost(path, url.Values{})
	r.Method = method
	r.Header.Set("Sec-Fetch-Site", "same-origin")
	return w.a.send(r)
}

// wrong says what is wrong with the answer to role, "" if nothing. The
// owner and a linked user are served: whatever the page answers (a page,
// a redirect after a post, a form sent back for its empty fields, a
// refusal of the page's own), it is neither "not found" nor "sign in".
func (w *matrixWorld) wrong(role string, res *httptest.ResponseRecorder) string {
	loc := res.Header().Get("Location")
	switch role {
	case "anonymous":
		if res.Code != http.StatusSeeOther || loc != "/login" {
			return "got " + strconv.Itoa(res.Code) + " → " + loc + ", want 303 → /login"
		}
	case "other":
		if res.Code != http.StatusNotFound {
			return "got " + strconv.Itoa(res.Code) + " → " + loc + ", want 404"
		}
	default:
		switch {
		case res.Code == http.StatusNotFound, res.Code == http.StatusUnauthorized, res.Code >= 500:
			return "got " + strconv.Itoa(res.Code) + ", want the page served"
		case res.Code == http.StatusSeeOther && (loc == "/login" || strings.HasPrefix(loc, "/register")):
			return "sent to " + loc + ", want the page served"
		}
	}
	return ""
}

// accountRoutes are the recorded routes under /a/{acc}/, as "METHOD
// /path"; one registered for every method is tried with GET and POST. Any
// other route naming {acc} is a mistake: the account guard reads it from
// /a/{acc}/ only.
func accountRoutes(t *testing.T) []string {
	s := newPortal(t, "http://portal.test", Config{}).Server // with payments, whose routes need them
	var routes []string
	for _, route := range s.patterns {
		method, pattern, ok := strings.Cut(route, " ")
		if !ok {
			method, pattern = "", route
		}
		switch {
		case strings.HasPrefix(pattern, "/a/{acc}/") && method == "":
			routes = append(routes, "GET "+pattern, "POST "+pattern)
		case strings.HasPrefix(pattern, "/a/{acc}/"):
			routes = append(routes, route)
		case strings.Contains(route, "{acc}") || strings.HasPrefix(pattern, "/a/"):
			t.Errorf("route %q is outside /a/{acc}/ but looks account-scoped", route)
		}
	}
	return routes
}

func hasRoute(routes []string, route string) bool {
	for _, r := range routes {
		if r == route {
			return true
		}
	}
	return false
}
