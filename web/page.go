package web

import (
	"net/http"

	"kabinet/auth"
)

// BasePage is embedded in every page struct: what the layout needs.
type BasePage struct {
	// Title is the page heading; the <title> adds the supplier's name.
	Title        string
	SupplierName string
	// Path is the path of the current request, used for aria-current in
	// the navigation and as the return path of the accessibility settings.
	Path string
	// SignedIn shows the customer navigation: the visitor is signed in with
	// a confirmed registration. A first visit or a registration waiting for
	// confirmation has no cabinet to navigate yet.
	SignedIn bool
	Nav      []NavItem
	// Accounts are the accounts the customer reaches, for the switcher in
	// the header; empty outside the pages of an account.
	Accounts []SwitchItem
	// Unread is the number on the notification bell.
	Unread int
	// Flash is a one-time message after a redirect ("Показания приняты").
	Flash string
	A11y  A11y
	// Scripts are static scripts that enhance the page (never needed to
	// use it), loaded deferred from files: the CSP allows nothing inline.
	Scripts []string
	// Office is the back office's header on its pages, nil on the
	// customer portal's.
	Office *OfficeHeader
}

// FoldAccounts reports whether the switcher has too many accounts to show
// them all in the header.
func (p *BasePage) FoldAccounts() bool { return len(p.Accounts) > switcherFolds }

// CurrentAccount is the switcher's entry of the account being looked at.
func (p *BasePage) CurrentAccount() SwitchItem {
	for _, a := range p.Accounts {
		if a.Current {
			return a
		}
	}
	return SwitchItem{}
}

// NavItem is one entry of the customer navigation.
type NavItem struct {
	Label   string
	URL     string
	Current bool
}

// ErrorPage shows an error in Russian with the status it was given.
type ErrorPage struct {
	BasePage
	Status  int
	Message string
	// Detail is the internal error text, filled only in dev mode.
	Detail string
}

// page is implemented by every page struct through its embedded BasePage,
// so render accepts only real pages.
type page interface{ base() *BasePage }

func (p *BasePage) base() *BasePage { return p }

// base fills the BasePage common to every page of the portal for a
// request: the shell's part, and the visitor's navigation, accounts and
// bell.
func (s *portalSite) base(r *http.Request, title string) BasePage {
	v := visitor(r)
	p := s.plainBase(r, title)
	p.SignedIn = v != nil && v.Confirmed()
	p.Nav = navFor(r.URL.Path, navRoot(r, v))
	p.Accounts = switcher(r)
	p.Unread = s.unread(r, v)
	return p
}

// navFor is the customer navigation of the manual (§4): the home page,
// readings and personal data of the account whose pages start at root.
// «Выход» is a form in the layout, since signing out changes state and
// must be a POST.
func navFor(path, root string) []NavItem {
	items := []NavItem{
		{Label: "Главная", URL: root},
		{Label: "Передать показания", URL: root + "readings"},
		{Label: "Личные данные", URL: root + "profile"},
	}
	for i := range items {
		items[i].Current = items[i].URL == path
	}
	return items
}

// navRoot is where the pages of the account being looked at start: the
// one the URL names, else the account the customer signed in with.
func navRoot(r *http.Request, v *auth.Visitor) string {
	if acc := r.PathValue("acc"); acc != "" {
		return "/a/" + acc + "/"
	}
	if v != nil && v.Account != nil {
		return accountPath(v.Account, "")
	}
	return "/"
}

// Image is an embedded picture for the "image" partial.
type Image struct {
	// Name is the file under static/; Alt is empty for decoration.
	Name, Alt, Class string
	Width, Height    int
	// Off replaces the picture by its alt text (images switched off).
	Off bool
}

// Img describes a static picture as the current accessibility settings
// want it shown. The server leaves it out instead of hiding it with CSS,
// so the alt text appears without JavaScript.
func (p *BasePage) Img(name, alt string, width, height int) Image {
	return Image{Name: name, Alt: alt, Width: width, Height: height, Off: p.A11y.ImagesOff()}
}
