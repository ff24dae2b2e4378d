package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"kabinet"
	"kabinet/office"
	"kabinet/totp"
	"kabinet/web/htmltest"
)

// officeSecret is the TOTP secret of the test operators.
const officeSecret = "KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU"

// officeStaff adds an admin and an operator to the portal's back office.
func (p *portal) officeStaff(tb testing.TB) {
	tb.Helper()
	for _, n := range []office.NewOperator{
		{Login: "admin", Name: "Смирнова Ольга", Role: kabinet.RoleAdmin, Password: "Байкал-admin-2026", TOTPSecret: officeSecret},
		{Login: "operator", Name: "Козлов Сергей", Role: kabinet.RoleOperator, Password: "Байкал-oper-2026", TOTPSecret: officeSecret},
	} {
		if _, err := p.office.AddOperator(context.Background(), n); err != nil {
			tb.Fatal(err)
		}
	}
}

// officeCode is the test operators' code now.
func (p *portal) officeCode(tb testing.TB) string {
	key, err := totp.Decode(officeSecret)
	if err != nil {
		tb.Fatal(err)
	}
	return totp.Code(key, totp.Step(p.clock.Now()), totp.Digits)
}

var officePasswords = map[string]string{"admin": "Байкал-admin-2026", "operator": "Байкал-oper-2026"}

// officeSignIn signs the agent in as login with the current code, then
// moves the clock to the next step: each code works once.
func (p *portal) officeSignIn(tb testing.TB, a *agent, login string) {
	tb.Helper()
	res := a.post("/office/login", url.Values{"login": {login}, "password": {officePasswords[login]}, "code": {p.officeCode(tb)}})
	if res.Code != http.StatusSeeOther || res.Header().Get("Location") != "/office/accounts" {
		tb.Fatalf("%s could not sign in to the back office: %d %s", login, res.Code, res.Body.String())
	}
	p.clock.Add(totp.Period)
}

// The back office's access matrix: every /office/ route (officeTable
// records each with its level, so routes added later are covered) × the
// admin, an operator, a customer signed in to the portal, and an
// anonymous visitor. Public routes serve everyone; operators' routes serve
// operators and admins and send everyone else to the sign-in form; admin
// routes answer 403 to operators.
func TestOfficeAccessMatrix(t *testing.T) {
	routes := newPortal(t, "http://portal.test", Config{}).officeRoutesByAccess(t)
	for route, want := range map[string]officeAccess{"GET /office/login": officePublic, "GET /office/accounts": officeOperator,
		"GET /office/accounts/{id}": officeOperator, "GET /office/audit": officeAdmin,
		"GET /office/broadcasts": officeAdmin, "POST /office/broadcasts": officeAdmin, "GET /office/broadcasts/{id}": officeAdmin,
		"POST /office/broadcasts/{id}/send":              officeAdmin,
		"POST /office/accounts/{id}/registration/delete": officeOperator, "GET /office/requests": officeOperator,
		"GET /office/requests/{req}": officeOperator, "POST /office/requests/{req}/answer": officeOperator,
		"GET /office/requests/{req}/files/{att}": officeOperator} {
		if routes[route] != want {
			t.Errorf("route %q is %q, want %q", route, routes[route], want)
		}
	}
	for route, access := range routes {
		for _, role := range []string{"admin", "operator", "customer", "anonymous"} {
			t.Run(route+"/"+role, func(t *testing.T) {
				p := newPortal(t, "http://portal.test", Config{})
				acc := p.registered(t, "10103001857", "Иванов", "Байкал-2026-омуль", "ivanov@example.ru")
				p.officeStaff(t)
				bc := p.broadcastDraft(t)
				req := p.officeRequest(t, acc)
				a := newAgent(t, p.Handler())
				switch role {
				case "admin", "operator":
					p.officeSignIn(t, a, role)
				case "customer":
					if res := a.post("/login", url.Values{"account": {"10103001857"}, "secret": {"Байкал-2026-омуль"}}); a.session() == "" {
						t.Fatalf("the customer could not sign in: %d", res.Code)
					}
				}
				method, path, _ := strings.Cut(route, " ")
				path = placeholder.ReplaceAllStringFunc(path, func(m string) string {
					switch placeholder.FindStringSubmatch(m)[1] {
					case "$":
						return ""
					case "id":
						if strings.HasPrefix(path, "/office/broadcasts/") {
							return strconv.FormatInt(bc.ID, 10)
						}
						return strconv.FormatInt(acc.ID, 10)
					case "req":
						return strconv.FormatInt(req.ID, 10)
					case "att":
						return strconv.FormatInt(req.Attachments[0].ID, 10)
					}
					t.Fatalf("route %q: no example for %s", route, m)
					return ""
				})
				var res *httptest.ResponseRecorder
				if method == http.MethodGet {
					res = a.get(path)
				} else {
					res = a.post(path, url.Values{})
				}
				if msg := officeWrong(access, role, res); msg != "" {
					t.Errorf("%s %s as %s: %s", method, path, role, msg)
				}
			})
		}
	}
}

// officeRoutesByAccess returns the recorded /office/ routes with their
// access levels; a route under /office/ registered without one fails.
func (p *portal) officeRoutesByAccess(t *testing.T) map[string]officeAccess {
	routes := map[string]officeAccess{}
	for _, route := range p.patterns {
		_, pattern, _ := strings.Cut(route, " ")
		if !strings.HasPrefix(pattern, "/office/") {
			continue
		}
		access, ok := p.Server.office.officeAccess[route]
		if !ok {
			t.Errorf("route %q is under /office/ but has no access level: register it through officeTable", route)
		}
		routes[route] = access
	}
	if len(routes) < 8 {
		t.Fatalf("only %d office routes recorded: %v", len(routes), routes)
	}
	return routes
}

// officeWrong says what is wrong with the answer to role on a route of
// the given access, "" if nothing.
func officeWrong(access officeAccess, role string, res *httptest.ResponseRecorder) string {
	loc := res.Header().Get("Location")
	got := "got " + strconv.Itoa(res.Code) + " → " + loc
	served := res.Code < 500 && res.Code != http.StatusNotFound && res.Code != http.StatusUnauthorized &&
		res.Code != http.StatusForbidden && !(res.Code == http.StatusSeeOther && loc == "/office/login")
	switch {
	case access == officePublic, role == "admin", role == "operator" && access == officeOperator:
		if !served {
			return got + ", want the page served"
		}
	case role == "operator": // an admin's page
		if res.Code != http.StatusForbidden {
			return got + ", want 403"
		}
	default: // a customer or nobody
		if res.Code != http.StatusSeeOther || loc != "/office/login" {
			return got + ", want 303 → /office/login"
		}
	}
	return ""
}

func TestOfficeSignIn(t *testing.T) {
	p := newPortal(t, "http://portal.test", Config{})
	p.officeStaff(t)
	a := newAgent(t, p.Handler())
	wantStatus(t, a.get("/office/login"), http.StatusOK)
	if got := a.doc().Text("h1"); got != "Вход для операторов" {
		t.Errorf("h1 = %q", got)
	}

	refused := func(login, pw, code string) string {
		t.Helper()
		res := a.post("/office/login", url.Values{"login": {login}, "password": {pw}, "code": {code}})
		wantStatus(t, res, http.StatusUnauthorized)
		if _, ok := a.cookies[officeCookie]; ok {
			t.Fatalf("a refused sign-in got a session")
		}
		notice := a.doc().Text(".notice-error")
		if !strings.Contains(res.Body.String(), `value="`+login+`"`) {
			t.Errorf("the login typed is not kept")
		}
		if strings.Contains(res.Body.String(), pw) || strings.Contains(res.Body.String(), `value="`+code+`"`) {
			t.Errorf("the password or the code is echoed")
		}
		return notice
	}
	t.Run("WrongCode", func(t *testing.T) {
		wrong := refused("operator", "Байкал-oper-2026", "000000")
		if wrong != "Неверный логин, пароль или код подтверждения." {
			t.Errorf("notice = %q", wrong)
		}
		if other := refused("nobody", "Байкал-oper-2026", p.officeCode(t)); other != wrong {
			t.Errorf("an unknown login reads %q, a wrong code %q", other, wrong)
		}
	})
	t.Run("ReusedCode", func(t *testing.T) {
		code := p.officeCode(t)
		res := a.post("/office/login", url.Values{"login": {"operator"}, "password": {"Байкал-oper-2026"}, "code": {code}})
		wantStatus(t, res, http.StatusSeeOther)
		cookie := res.Result().Cookies()[0]
		if cookie.Name != officeCookie || cookie.Path != "/office/" || !cookie.HttpOnly || cookie.SameSite != http.SameSiteStrictMode {
			t.Errorf("cookie %+v", cookie)
		}
		other := newAgent(t, p.Handler())
		a, other = other, a
		if got := refused("operator", "Байкал-oper-2026", code); got != "Неверный логин, пароль или код подтверждения." {
			t.Errorf("the same code again: %q", got)
		}
		a = other
		p.clock.Add(totp.Period)
	})
	t.Run("SignOutEndsTheSession", func(t *testing.T) {
		token := a.cookies[officeCookie].Value
		wantStatus(t, a.get("/office/accounts"), http.StatusOK)
		a.follow(a.post("/office/logout", nil), "/office/")
		if got := a.doc().Text(".notice-success"); got != "Вы вышли из рабочего места оператора." {
			t.Errorf("after sign-out: %q", got)
		}
		replay := newAgent(t, p.Handler())
		replay.cookies[officeCookie] = &http.Cookie{Name: officeCookie, Value: token}
		res := replay.get("/office/accounts")
		if res.Code != http.StatusSeeOther || res.Header().Get("Location") != "/office/login" {
			t.Errorf("the old cookie after sign-out: %d → %s", res.Code, res.Header().Get("Location"))
		}
	})
	t.Run("CrossSitePostRefused", func(t *testing.T) {
		r := newPost("/office/login", url.Values{"login": {"operator"}, "password": {"Байкал-oper-2026"}, "code": {p.officeCode(t)}})
		r.Header.Set("Sec-Fetch-Site", "cross-site")
		wantStatus(t, a.send(r), http.StatusForbidden)
	})
	t.Run("EmptyFieldsBesideEach", func(t *testing.T) {
		wantStatus(t, a.post("/office/login", url.Values{}), http.StatusUnprocessableEntity)
		for _, id := range []string{"login", "password", "code"} {
			a.doc().One("#" + id + "-error")
		}
	})
	t.Run("IdleTimeout", func(t *testing.T) {
		p.officeSignIn(t, a, "admin")
		p.clock.Add(16 * time.Minute)
		a.follow(a.get("/office/audit"), "/office/login")
		if got := a.doc().Text(".notice-success"); got != "Сеанс завершён. Войдите снова." {
			t.Errorf("after 16 min idle: %q", got)
		}
	})
}

func TestOfficeOneTimePassword(t *testing.T) {
	p := newPortal(t, "http://portal.test", Config{})
	added, err := p.office.AddOperator(context.Background(), office.NewOperator{Login: "new", Name: "Новиков", Role: kabinet.RoleOperator,
		TOTPSecret: officeSecret})
	if err != nil {
		t.Fatal(err)
	}
	a := newAgent(t, p.Handler())
	res := a.post("/office/login", url.Values{"login": {"new"}, "password": {added.Password}, "code": {p.officeCode(t)}})
	a.follow(res, "/office/password")
	a.follow(a.get("/office/accounts"), "/office/password") // nothing else before the new password
	wantStatus(t, a.post("/office/password", url.Values{"password": {"Ангара-2026-хариус"}, "confirm": {"другой"}}), http.StatusUnprocessableEntity)
	a.doc().One("#confirm-error")
	a.follow(a.post("/office/password", url.Values{"password": {"Ангара-2026-хариус"}, "confirm": {"Ангара-2026-хариус"}}), "/office/accounts")
	if got := a.doc().Text(".notice-success"); got != "Пароль изменён." {
		t.Errorf("flash %q", got)
	}
}

// TestOfficeLookUpAndAudit is the operator's day: find the account, see
// it, delete its registration; the admin reads all of it in the audit log,
// and the customer can register again.
func TestOfficeLookUpAndAudit(t *testing.T) {
	p := newPortal(t, "http://portal.test", Config{})
	acc := p.registered(t, "10103001857", "Иванов", "Байкал-2026-омуль", "ivanov@example.ru")
	p.officeStaff(t)
	op := newAgent(t, p.Handler())
	p.officeSignIn(t, op, "operator")

	for _, q := range []string{"10103001857", "иванов", "байкальская 202"} {
		wantStatus(t, op.get("/office/accounts?q="+url.QueryEscape(q)), http.StatusOK)
		if got := op.doc().Text(`.office-table tbody a[href="/office/accounts/` + strconv.FormatInt(acc.ID, 10) + `"]`); got != "10103001857" {
			t.Errorf("search %q: found %q", q, got)
		}
	}
	wantStatus(t, op.get("/office/accounts?q=Сидоров"), http.StatusOK)
	if got := op.doc().Text(`main [role=status]`); !strings.HasPrefix(got, "Ничего не найдено") {
		t.Errorf("no match: %q", got)
	}
	page := "/office/accounts/" + strconv.FormatInt(acc.ID, 10)
	wantStatus(t, op.get(page), http.StatusOK)
	d := op.doc()
	for _, want := range []string{"Иванов Анна Сергеевна", "ivanov@example.ru", "Подтверждена"} {
		if !strings.Contains(d.Text("main"), want) {
			t.Errorf("the account page lacks %q", want)
		}
	}
	wantStatus(t, op.get("/office/accounts/999999"), http.StatusNotFound)
	wantStatus(t, op.get("/office/audit"), http.StatusForbidden)

	// Unticked: refused beside the box, nothing deleted.
	wantStatus(t, op.post(page+"/registration/delete", url.Values{}), http.StatusUnprocessableEntity)
	op.doc().One("#confirm-error")
	if _, err := p.db.FindOwner(context.Background(), acc.ID); err != nil {
		t.Fatalf("deleted without the confirmation: %v", err)
	}
	op.follow(op.post(page+"/registration/delete", url.Values{"confirm": {"yes"}}), page)
	if got := op.doc().Text(".notice-success"); !strings.HasPrefix(got, "Регистрация удалена") {
		t.Errorf("flash %q", got)
	}
	if !strings.Contains(op.doc().Text("main"), "Счет не зарегистрирован") {
		t.Error("the page still shows a registration")
	}
	customer := newAgent(t, p.Handler())
	customer.follow(customer.post("/login", url.Values{"account": {"10103001857"}, "secret": {"Иванов"}}), "/register")

	admin := newAgent(t, p.Handler())
	p.officeSignIn(t, admin, "admin")
	wantStatus(t, admin.get("/office/audit?account=10103001857"), http.StatusOK)
	var actions []string
	for _, row := range admin.doc().Find(".audit-table tbody tr") {
		actions = append(actions, strings.Join(strings.Fields(htmltest.Text(row)), " "))
	}
	// Newest first: the page after the deletion, the deletion, the page
	// sent back unticked, the first view.
	if len(actions) != 4 || !strings.Contains(actions[1], "Удаление регистрации") || !strings.Contains(actions[1], "operator") ||
		!strings.Contains(actions[1], kabinet.MaskEmail("ivanov@example.ru")) || !strings.Contains(actions[3], "Просмотр лицевого счета") ||
		!strings.Contains(actions[3], "192.0.2.10") || !strings.Contains(actions[0], "Просмотр лицевого счета") {
		t.Errorf("the account's audit log:\n%s", strings.Join(actions, "\n"))
	}
	wantStatus(t, admin.get("/office/audit?from=2026-11-28"), http.StatusOK)
	if n := len(admin.doc().Find(".audit-table tbody tr")); n != 0 {
		t.Errorf("%d entries after the day they were made", n)
	}
	wantStatus(t, admin.get("/office/audit?from=2026-11-28&to=2026-11-01&account=xx"), http.StatusUnprocessableEntity)
	admin.doc().One("#to-error")
	admin.doc().One("#account-error")
}
