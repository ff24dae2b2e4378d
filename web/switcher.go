package web

import (
	"context"
	"net/http"
	"strconv"
	"strings"

	"kabinet"
	"kabinet/auth"
)

// SwitchItem is one account of the header's account switcher: every
// account the customer reaches, one click away.
type SwitchItem struct {
	// Label is the name the customer gave the account, else its number.
	Label string
	// Number is shown beside a name, so two named accounts stay apart.
	Number  string
	URL     string
	Current bool
}

// switcherFolds is how many accounts the switcher shows as a row of links;
// more fold into a disclosure, so the header stays small on a phone.
const switcherFolds = 4

type reachedKey struct{}

// withReached keeps the accounts the customer reaches for the switcher in
// the page's header.
func withReached(r *http.Request, uas []*kabinet.UserAccount) *http.Request {
	return r.WithContext(context.WithValue(r.Context(), reachedKey{}, uas))
}

// reached returns the accounts the customer reaches, as the account guard
// found them; nil outside the pages of an account.
func reached(r *http.Request) []*kabinet.UserAccount {
	uas, _ := r.Context().Value(reachedKey{}).([]*kabinet.UserAccount)
	return uas
}

// switcher lists the accounts the customer reaches, each linking to the
// same section of that account where every account has it (its «Главная»
// otherwise). Nil outside the pages of an account.
func switcher(r *http.Request) []SwitchItem {
	uas := reached(r)
	if len(uas) == 0 {
		return nil
	}
	current := r.PathValue("acc")
	section := switchSection(r.URL.Path, "/a/"+current+"/")
	items := make([]SwitchItem, len(uas))
	for i, ua := range uas {
		id := strconv.FormatInt(ua.AccountID, 10)
		items[i] = SwitchItem{Label: ua.Label(), URL: "/a/" + id + "/" + section, Current: id == current}
		if ua.Name != "" {
			items[i].Number = ua.Display
		}
	}
	return items
}

// switchSection is the section of path, under root, that switching keeps:
// one of the navigation's sections, which every account has. Deeper pages
// (a bill of one period, a form) belong to one account and are not kept.
func switchSection(path, root string) string {
	rest, ok := strings.CutPrefix(path, root)
	if !ok {
		return ""
	}
	for _, item := range navFor("", root) {
		if item.URL == path {
			return rest
		}
	}
	return ""
}

// owns reports whether the visitor registered account a: only its owner
// sees its contacts and what was sent from it; a person who linked it
// sees its charges and payments.
func owns(r *http.Request, a *kabinet.Account) bool {
	for _, ua := range reached(r) {
		if ua.AccountID == a.ID {
			return ua.Owner
		}
	}
	return false
}

// sentBy is whose requests the visitor sees on account a: 0 for all of
// them (the owner), else the visitor's own.
func sentBy(r *http.Request, v *auth.Visitor, a *kabinet.Account) int64 {
	if owns(r, a) {
		return 0
	}
	return v.User.ID
}
