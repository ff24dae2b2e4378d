package web

import (
	"net/http"
	"net/url"
	"strings"
	"time"

	"kabinet"
)

// A11yPage is the settings page of the version for the visually impaired.
type A11yPage struct {
	BasePage
	// Return is the local path the customer came from and goes back to.
	Return string
}

// A11yPanel is what the settings panel partial needs: the current settings
// and where each button returns to. The layout shows it on top of every page
// while the version is on, as the bvi plugin does.
type A11yPanel struct {
	A11y   A11y
	Return string
}

// A11yPanel returns the panel for the current page.
func (p *BasePage) A11yPanel() A11yPanel { return A11yPanel{A11y: p.A11y, Return: p.Path} }

// A11yPanel returns the panel for the settings page: its buttons go back to
// the page the customer came from.
func (p *A11yPage) A11yPanel() A11yPanel { return A11yPanel{A11y: p.A11y, Return: p.Return} }

func (s *portalSite) handleA11yShow(w http.ResponseWriter, r *http.Request) error {
	ret, _ := localPath(r.URL.Query().Get("return"))
	p := &A11yPage{BasePage: s.base(r, "Версия для слабовидящих"), Return: ret}
	return s.render(w, http.StatusOK, "a11y", p)
}

// handleA11yUpdate applies the one setting whose button was pressed (each
// button submits its own name and value) and goes back with a redirect, so
// reloading the page does not post again.
func (s *portalSite) handleA11yUpdate(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(w, r); err != nil {
		return err
	}
	ret, _ := localPath(r.PostForm.Get("return"))
	if r.PostForm.Has("off") {
		http.SetCookie(w, s.cookie(a11yCookie, "", -1))
		http.Redirect(w, r, ret, http.StatusSeeOther)
		return nil
	}
	a := a11yFromRequest(r)
	if !a.On {
		a = a11yOnStart
	}
	for _, name := range a11ySettings {
		if r.PostForm.Has(name) && !a.set(name, r.PostForm.Get(name)) {
			return kabinet.Errorf(kabinet.EINVALID, "Неизвестное значение настройки. Выберите вариант на странице настроек.")
		}
	}
	http.SetCookie(w, s.cookie(a11yCookie, a.cookieValue(), 365*24*time.Hour))
	// The fragment unfolds the settings panel on the page: one choice
	// is often followed by another.
	http.Redirect(w, r, ret+"#a11y-form", http.StatusSeeOther)
	return nil
}

// localPath accepts only a path on this site as a redirect target and
// answers "/" for anything else ("//evil.example", "https://…", "/\evil"),
// so the return parameter cannot become an open redirect.
func localPath(s string) (string, bool) {
	if !strings.HasPrefix(s, "/") || strings.HasPrefix(s, "//") || strings.HasPrefix(s, `/\`) {
		return "/", false
	}
	u, err := url.Parse(s)
	if err != nil || u.Scheme != "" || u.Host != "" || u.Opaque != "" {
		return "/", false
	}
	return u.EscapedPath(), true
}

// cookie builds a site-wide cookie; a negative maxAge deletes it.
func (s *Server) cookie(name, value string, maxAge time.Duration) *http.Cookie {
	c := &http.Cookie{
		Name:     name,
		Value:    value,
		Path:     "/",
		MaxAge:   int(maxAge / time.Second),
		HttpOnly: true,
		Secure:   s.secure(),
		SameSite: http.SameSiteLaxMode,
	}
	if maxAge < 0 {
		c.MaxAge = -1
	}
	return c
}
