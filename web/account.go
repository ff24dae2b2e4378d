package web

import (
	"net/http"
	"strconv"

	"kabinet"
	"kabinet/auth"
)

// accountHandler is a handler of an account-scoped page, given its
// customer and the account the URL names.
type accountHandler func(w http.ResponseWriter, r *http.Request, v *auth.Visitor, a *kabinet.Account) error

// account guards the pages under /a/{acc}/: {acc} is an account ID, and
// the sign-in service decides whether the visitor reaches it. Anybody who
// does not gets 404, as for an account that does not exist.
func (s *portalSite) account(h accountHandler) handlerFunc {
	return s.cabinet(func(w http.ResponseWriter, r *http.Request, v *auth.Visitor) error {
		acc := r.PathValue("acc")
		id, err := strconv.ParseInt(acc, 10, 64)
		if err != nil || id <= 0 || strconv.FormatInt(id, 10) != acc { // one URL per page
			return kabinet.Errorf(kabinet.ENOTFOUND, "Страница не найдена")
		}
		a, reached, err := s.auth.Enter(r.Context(), v, id)
		if err != nil {
			return err
		}
		return h(w, withReached(r, reached), v, a)
	})
}

// accountPath is the URL of an account-scoped page: rest is the part
// after /a/{acc}/, "" for the account's «Главная».
func accountPath(a *kabinet.Account, rest string) string {
	return "/a/" + strconv.FormatInt(a.ID, 10) + "/" + rest
}
