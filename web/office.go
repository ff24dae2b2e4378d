package web

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"time"

	"kabinet"
	"kabinet/office"
	"kabinet/requests"
)

// officeSite is the back office, the second site on the shell, mounted at
// /office/: the same technology (server-rendered html/template) and the
// same shell — security headers and CSP, the CSRF check, request log,
// metrics, panic recovery, assets, form partials and error pages. What is
// its own: its routes (routes_office.go), its middleware (no customer's
// session is looked up here), the operator's session cookie (path
// /office/), the guards by role, its frame of a page (base), the pages
// office_*.html, and the office service behind them, which decides what
// an operator may do and writes the audit log.
type officeSite struct {
	site
	office     *office.Service
	requests   *requests.Service
	broadcasts *office.Broadcasts
	// officeAccess is who may use each route (officeTable).
	officeAccess map[string]officeAccess
	handler      http.Handler
}

func newOfficeSite(s *Server, deps Deps) *officeSite {
	o := &officeSite{office: deps.Office, requests: deps.Requests, broadcasts: deps.Broadcasts,
		officeAccess: map[string]officeAccess{}}
	o.site = s.newSite(o.base)
	o.routes()
	o.handler = o.middleware(recordRoute(o.mux))
	return o
}

// middleware wraps the back office's mux, outermost first: the shell's
// protection, the gate, then the flash. The operator is looked up by the
// guard of each route (officeGuard), not for every request.
func (s *officeSite) middleware(h http.Handler) http.Handler {
	return s.protect(s.admit(s.takeFlash(h)))
}

// officeCookie holds the token of an operator's session. It is sent to
// /office/ only, and is Strict: no other site can make the browser send it.
const officeCookie = "kabinet_office"

// officeAccess is who may use an /office/ route.
type officeAccess string

// Access levels of the back office's routes. A customer signed in to the
// portal is nobody here: their session is not an operator's.
const (
	officePublic   officeAccess = "public"   // anyone: the sign-in form
	officeOperator officeAccess = "operator" // operators and admins
	officeAdmin    officeAccess = "admin"    // admins; operators get 403
)

// officeHandler is a handler of a back-office page, given its operator.
type officeHandler func(w http.ResponseWriter, r *http.Request, o *kabinet.Operator) error

type operatorKey struct{}

// operator returns the operator of the request, nil for nobody.
func operator(r *http.Request) *kabinet.Operator {
	o, _ := r.Context().Value(operatorKey{}).(*kabinet.Operator)
	return o
}

// officeGuard lets an operator with a live session through to h, sends
// anybody else to the sign-in form, and answers 403 to an operator on an
// admin's page. An operator with a one-time password is sent to change it
// first.
func (s *officeSite) officeGuard(level officeAccess, h officeHandler) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		o, err := s.office.Visit(r.Context(), officeToken(r))
		if errors.Is(err, office.ErrNoSession) {
			key := flashKeyOf(r)
			if officeToken(r) != "" {
				http.SetCookie(w, s.operatorCookie("", -1))
				key = "session-ended"
			}
			return s.redirect(w, r, "/office/login", key)
		} else if err != nil {
			return err
		}
		r = r.WithContext(context.WithValue(r.Context(), operatorKey{}, o))
		switch {
		case o.MustChangePassword && r.URL.Path != "/office/password" && r.URL.Path != "/office/logout":
			return s.redirect(w, r, "/office/password", "")
		case level == officeAdmin && !o.IsAdmin():
			return office.ErrAdminOnly
		}
		return h(w, r, o)
	}
}

func officeToken(r *http.Request) string {
	if c, err := r.Cookie(officeCookie); err == nil {
		return c.Value
	}
	return ""
}

// operatorCookie is the operator's session cookie: a browser-session cookie,
// for /office/ only, Strict.
func (s *officeSite) operatorCookie(token string, maxAge time.Duration) *http.Cookie {
	c := s.cookie(officeCookie, token, maxAge)
	c.Path, c.SameSite = "/office/", http.SameSiteStrictMode
	return c
}

// OfficeHeader is the back office's part of the layout: who is signed in,
// and the menu by role.
type OfficeHeader struct {
	Name, Role string
	Nav        []NavItem
}

// base fills the BasePage of a back-office page: the office's header
// instead of the customer's navigation.
func (s *officeSite) base(r *http.Request, title string) BasePage {
	p := BasePage{Title: title, SupplierName: s.cfg.SupplierName, Path: r.URL.Path, Flash: flash(r), Office: &OfficeHeader{}}
	o := operator(r)
	if o == nil {
		return p
	}
	p.Office = &OfficeHeader{Name: o.Name, Role: o.Role.Title(), Nav: []NavItem{{Label: "Обращения", URL: "/office/requests"},
		{Label: "Лицевые счета", URL: "/office/accounts"}}}
	if o.IsAdmin() {
		p.Office.Nav = append(p.Office.Nav, NavItem{Label: "Журнал аудита", URL: "/office/audit"})
		if s.broadcasts != nil {
			p.Office.Nav = append(p.Office.Nav, NavItem{Label: "Рассылки", URL: "/office/broadcasts"})
		}
	}
	for i := range p.Office.Nav {
		p.Office.Nav[i].Current = strings.HasPrefix(r.URL.Path, p.Office.Nav[i].URL)
	}
	return p
}

// officeClient is where an operator's request came from, for the audit log.
func (s *officeSite) officeClient(r *http.Request) office.Client { return s.client(r) }

// handleOfficeHome sends an operator to the account look-up.
func (s *officeSite) handleOfficeHome(w http.ResponseWriter, r *http.Request, o *kabinet.Operator) error {
	return s.redirect(w, r, "/office/accounts", flashKeyOf(r))
}
