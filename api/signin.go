package api

import (
	"net/http"
	"strings"

	"kabinet"
	"kabinet/auth"
)

type signInBody struct {
	Account string `json:"account"`
	// Secret is the password; the surname of a first visit is answered
	// with register_first.
	Secret string `json:"secret"`
	Device string `json:"device"`
}

type tokenBody struct {
	Token     string `json:"token"`
	TokenType string `json:"token_type"`
	AccountID int64  `json:"account_id"`
}

var errNoDevice = kabinet.Errorf(kabinet.EINVALID, "Укажите название устройства, например «Телефон Марии».")

// handleSignIn is «Войти» of the app: the account number and password
// give a new device session and its bearer token, under the same limits
// and with the same uniform refusal as the portal's form. The first visit
// by number and surname is refused with register_first: registration is
// done on the portal.
func (s *Server) handleSignIn(w http.ResponseWriter, r *http.Request) error {
	var b signInBody
	if err := decode(w, r, &b); err != nil {
		return err
	}
	c := s.client(r)
	if c.Device = strings.TrimSpace(b.Device); c.Device == "" {
		return errNoDevice
	}
	in, err := s.auth.SignIn(r.Context(), b.Account, b.Secret, c)
	if err != nil {
		return err
	}
	v, err := s.auth.Visit(r.Context(), in.Token)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, tokenBody{Token: in.Token, TokenType: "Bearer", AccountID: v.Account.ID})
	return nil
}

// handleSignOut ends the device's session: its token stops working.
func (s *Server) handleSignOut(w http.ResponseWriter, r *http.Request, v *auth.Visitor) error {
	token, _ := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if err := s.auth.SignOut(r.Context(), strings.TrimSpace(token)); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

type accountItem struct {
	ID      int64  `json:"id"`
	Number  string `json:"number"`
	Name    string `json:"name"`
	Owner   bool   `json:"owner"`
	Current bool   `json:"current"`
}

// handleAccounts lists the accounts the customer reaches: the one they
// registered and those they linked (DATA-3).
func (s *Server) handleAccounts(w http.ResponseWriter, r *http.Request, v *auth.Visitor) error {
	uas, err := s.auth.Accounts(r.Context(), v)
	if err != nil {
		return err
	}
	items := []accountItem{}
	for _, ua := range uas {
		items = append(items, accountItem{ID: ua.AccountID, Number: ua.Display, Name: ua.Label(), Owner: ua.Owner,
			Current: ua.AccountID == v.Account.ID})
	}
	writeJSON(w, http.StatusOK, struct {
		Accounts []accountItem `json:"accounts"`
	}{items})
	return nil
}
