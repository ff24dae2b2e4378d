package web

import (
	"net/http"

	"kabinet"

	"kabinet/auth"
)

// HomePage is «Главная» of a signed-in customer. For now it greets the
// owner and names the account; debts, bills and services come with the
// next issue.
type HomePage struct {
	BasePage
	FullName string
	Account  string
}

// handleHome is the portal's front door: «Главная» of the signed-in
// customer's account, the way on for one in the middle of registering, the
// sign-in form for everybody else.
func (s *Server) handleHome(w http.ResponseWriter, r *http.Request) error {
	v := visitor(r)
	if v == nil {
		return s.handleLoginShow(w, r)
	}
	if to := unfinished(v); to != "" {
		return s.redirect(w, r, to, "")
	}
	return s.redirect(w, r, accountPath(v.Account, ""), flashKeyOf(r))
}

// handleAccountHome is «Главная» of one account (HOME-1..3).
func (s *Server) handleAccountHome(w http.ResponseWriter, r *http.Request, v *auth.Visitor, a *kabinet.Account) error {
	p := &HomePage{BasePage: s.base(r, "Главная"), FullName: a.FullName(), Account: a.Display}
	return s.render(w, http.StatusOK, "home", p)
}

// unfinished is where a visitor who may not use the cabinet yet has to go
// on: the registration form after a first visit, the confirmation page
// before the e-mail or phone is confirmed. "" for a confirmed customer.
func unfinished(v *auth.Visitor) string {
	switch {
	case v.Session.Registering():
		return "/register"
	case !v.Confirmed():
		return "/register/pending"
	}
	return ""
}

// cabinetHandler is a handler of a cabinet page, given its customer.
type cabinetHandler func(w http.ResponseWriter, r *http.Request, v *auth.Visitor) error

// cabinet guards a cabinet page: a stranger goes to the sign-in form, an
// unconfirmed customer to the page that says how to confirm.
func (s *Server) cabinet(h cabinetHandler) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		v := visitor(r)
		if v == nil {
			return s.toSignIn(w, r)
		}
		if to := unfinished(v); to != "" {
			return s.redirect(w, r, to, "")
		}
		return h(w, r, v)
	}
}

// SoonPage is a cabinet section that is not built yet: it says so and
// leads back, so the navigation has no dead ends.
type SoonPage struct {
	BasePage
	// What the section will do, as a sentence.
	About string
}

// soon returns the handler of a section that comes with a later issue.
func (s *Server) soon(title, about string) accountHandler {
	return func(w http.ResponseWriter, r *http.Request, v *auth.Visitor, a *kabinet.Account) error {
		return s.render(w, http.StatusOK, "soon", &SoonPage{BasePage: s.base(r, title), About: about})
	}
}
