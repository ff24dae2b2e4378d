package web

import (
	"net/http"

	"kabinet"
	"kabinet/auth"
)

// PendingPage is what an unconfirmed registration sees instead of the
// cabinet (AUTH-4, AUTH-5): the manual's notice with a way to resend the
// letter, or the «СМС подтверждение» panel.
type PendingPage struct {
	BasePage
	Account string
	auth.Pending
	// Errors are beside the control they concern: "resend", "sms", "code".
	Errors map[string]string
}

// ByEmail reports whether the registration waits for the e-mail link.
func (p *PendingPage) ByEmail() bool { return p.By != kabinet.ConfirmBySMS }

// CodeField is «Код подтверждения».
func (p *PendingPage) CodeField() Field {
	// No hint: the button beside the field lines up with the input only
	// under a bare label. The text above the form says what to type.
	return Field{ID: "code", Name: "code", Label: "Код подтверждения", Type: "text",
		Error: p.Errors["code"], Autocomplete: "one-time-code", InputMode: "numeric", Required: true}
}

// pendingHandler is a handler of the confirmation steps, given a visitor
// whose registration waits for confirmation.
type pendingHandler func(w http.ResponseWriter, r *http.Request, v *auth.Visitor) error

// pending guards the confirmation steps: everybody else goes where they
// belong.
func (s *portalSite) pending(h pendingHandler) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		v := visitor(r)
		switch {
		case v == nil:
			return s.toSignIn(w, r)
		case v.Session.Registering():
			return s.redirect(w, r, "/register", "")
		case v.Confirmed():
			return s.redirect(w, r, "/", "")
		}
		return h(w, r, v)
	}
}

func (s *portalSite) handlePendingShow(w http.ResponseWriter, r *http.Request, v *auth.Visitor) error {
	return s.renderPending(w, r, v, http.StatusOK, nil)
}

// renderPending shows the page with the current state of the
// registration and, after a refused step, the reason beside its control.
func (s *portalSite) renderPending(w http.ResponseWriter, r *http.Request, v *auth.Visitor, status int, errs map[string]string) error {
	st, err := s.auth.PendingState(r.Context(), v)
	if err != nil {
		return err
	}
	p := &PendingPage{BasePage: s.base(r, "Подтверждение регистрации"), Account: v.Account.Display, Pending: *st, Errors: errs}
	return s.render(w, status, "pending", p)
}

// handleResend sends the registration letter again.
func (s *portalSite) handleResend(w http.ResponseWriter, r *http.Request, v *auth.Visitor) error {
	return s.pendingStep(w, r, v, "resend", "mail-resent", s.auth.ResendConfirmation(r.Context(), v))
}

// handleSendCode sends a new SMS code («Отправить СМС»).
func (s *portalSite) handleSendCode(w http.ResponseWriter, r *http.Request, v *auth.Visitor) error {
	return s.pendingStep(w, r, v, "sms", "sms-sent", s.auth.SendCode(r.Context(), v))
}

// handleVerifyCode checks the typed code («ОК»); a right one shows
// «Подтверждено».
func (s *portalSite) handleVerifyCode(w http.ResponseWriter, r *http.Request, v *auth.Visitor) error {
	if err := parseForm(w, r); err != nil {
		return err
	}
	return s.pendingStep(w, r, v, "code", "", s.auth.VerifyCode(r.Context(), v, r.PostForm.Get("code")))
}

// handleComplete completes a registration confirmed by SMS («Сохранить»)
// and lets the customer into the cabinet with a new session.
func (s *portalSite) handleComplete(w http.ResponseWriter, r *http.Request, v *auth.Visitor) error {
	token, err := s.auth.CompleteSMS(r.Context(), v, s.client(r))
	if err != nil {
		return s.pendingStep(w, r, v, "code", "", err)
	}
	s.startSession(w, token)
	return s.redirect(w, r, "/", "registered")
}

// pendingStep answers a confirmation step: back to the page on success,
// the page again with the reason beside the control on a refusal (a wrong
// code, an SMS or letter limit).
func (s *portalSite) pendingStep(w http.ResponseWriter, r *http.Request, v *auth.Visitor, control, flash string, err error) error {
	if errs, ok := err.(auth.FormErrors); ok {
		return s.renderPending(w, r, v, http.StatusUnprocessableEntity, map[string]string{control: errs["code"]})
	}
	switch kabinet.ErrorCode(err) {
	case "":
		return s.redirect(w, r, "/register/pending", flash)
	case kabinet.EFORBIDDEN:
		return s.renderPending(w, r, v, http.StatusTooManyRequests, map[string]string{control: kabinet.ErrorMessage(err)})
	case kabinet.ECONFLICT:
		// A step of the other method, or one already done: the page
		// shows what is left to do.
		return s.redirect(w, r, "/register/pending", "")
	}
	return err
}
