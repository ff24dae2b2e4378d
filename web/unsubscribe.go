package web

import (
	"context"
	"net/http"

	"kabinet"
)

// Unsubscriber turns off an account's e-mail informing by the signed
// token of a letter's link; a bad token is EINVALID.
type Unsubscriber interface {
	Unsubscribe(ctx context.Context, token string) error
}

// UnsubscribePage asks to confirm (a mail scanner opening the link must
// not unsubscribe anybody) and says it is done.
type UnsubscribePage struct {
	BasePage
	Token string
	Done  bool
	Error string
}

// handleUnsubscribeShow shows «Отписаться» for the token in the link.
func (s *portalSite) handleUnsubscribeShow(w http.ResponseWriter, r *http.Request) error {
	return s.render(w, http.StatusOK, "unsubscribe", &UnsubscribePage{BasePage: s.base(r, "Отписка от писем"),
		Token: r.URL.Query().Get("t")})
}

// handleUnsubscribeCreate turns e-mail informing off: from the page's
// button, or a mail client's one-click POST (RFC 8058) to the link.
func (s *portalSite) handleUnsubscribeCreate(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(w, r); err != nil {
		return err
	}
	p := &UnsubscribePage{BasePage: s.base(r, "Отписка от писем"), Token: r.FormValue("t")}
	status := http.StatusOK
	if s.unsub == nil {
		return s.handleNotFound(w, r)
	}
	if err := s.unsub.Unsubscribe(r.Context(), p.Token); kabinet.ErrorCode(err) == kabinet.EINVALID {
		p.Error, status = kabinet.ErrorMessage(err), http.StatusBadRequest
	} else if err != nil {
		return err
	} else {
		p.Done = true
	}
	return s.render(w, status, "unsubscribe", p)
}
