package web

import (
	"net/http"

	"kabinet"

	"kabinet/auth"
)

// HomePage is «Главная» of one account (HOME-1..3): what each provider is
// owed, the bills, the consumption chart and the additional services.
type HomePage struct {
	BasePage
	FullName string
	Account  string
	// Seen is when the balances were read, for the offline page of the
	// installable app that shows them again (pwa.js keeps them).
	Seen     string
	Balances []BalanceView
	Bills    []BillLink
	// SampleURL is «Образец квитанции с пояснениями начислений», "" while
	// the account has no bill to explain.
	SampleURL string
	Charts    []Chart
	Services  ServicesPanel
	// PushOffer is «Подписаться на уведомления», nil without push.
	PushOffer *PushOffer
	// PayAll is «Итого к оплате» with «Оплатить всё», nil without card
	// payments; ChargesURL is «Начисления и оплаты по месяцам».
	PayAll     *PayAllForm
	ChargesURL string
}

// handleHome is the portal's front door: «Главная» of the signed-in
// customer's account, the way on for one in the middle of registering, the
// sign-in form for everybody else.
func (s *portalSite) handleHome(w http.ResponseWriter, r *http.Request) error {
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
func (s *portalSite) handleAccountHome(w http.ResponseWriter, r *http.Request, v *auth.Visitor, a *kabinet.Account) error {
	return s.renderHome(w, r, v, a, http.StatusOK, nil)
}

// renderHome renders «Главная»; a services form sent back with mistakes
// comes as panel, otherwise the panel shows the saved settings.
func (s *portalSite) renderHome(w http.ResponseWriter, r *http.Request, v *auth.Visitor, a *kabinet.Account, status int, panel *ServicesPanel) error {
	o, err := s.home.Overview(r.Context(), a, v.User)
	if err != nil {
		return err
	}
	p := &HomePage{BasePage: s.base(r, "Главная"), FullName: a.FullName(), Account: a.Display,
		Seen: s.local(s.home.Now()).Format("02.01.2006 15:04"), Balances: balanceViews(a, o.Balances), Bills: billLinks(a, o.Bills),
		Charts: charts(o.Consumption), PayAll: s.payAllForm(a, o.Balances), ChargesURL: accountPath(a, "charges")}
	if len(o.Bills) > 0 {
		p.SampleURL = accountPath(a, "bills/sample.pdf")
	}
	if panel == nil {
		panel = s.savedPanel(o.Settings)
	}
	if !owns(r, a) {
		panel = &ServicesPanel{Linked: true}
	}
	p.Services = *panel
	p.Services.links(a)
	if p.PushOffer = s.pushOffer(a); p.PushOffer != nil {
		p.Scripts = []string{"push.js"}
	}
	return s.render(w, status, "home", p)
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
func (s *portalSite) cabinet(h cabinetHandler) handlerFunc {
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
