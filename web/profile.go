package web

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"kabinet"
	"kabinet/auth"
)

// AccountData gives what the supplier holds on an account besides the
// account itself. *sqlstore.DB satisfies it.
type AccountData interface {
	FindSubAccounts(ctx context.Context, accountID int64) ([]*kabinet.SubAccount, error)
	FindProviders(ctx context.Context) ([]*kabinet.Provider, error)
}

// ProfilePage is «Личные данные» (DATA-1..3): the owner and the home, the
// account's numbers with each provider, the name the customer gives it,
// and the accounts linked to the customer's cabinet.
type ProfilePage struct {
	BasePage
	Account  *kabinet.Account
	Holdings []Holding
	Linked   []LinkedAccount
	// Name is the value of «Наименование счета»: the saved name, or what
	// was typed when it was refused.
	Name string
	// LinkAccount is the number typed in «Добавить лицевой счет»; the
	// surname or password is never echoed.
	LinkAccount string
	// LinkNotice is why linking was refused as a whole; every refusal that
	// could tell who holds an account reads the same.
	LinkNotice string
	Errors     map[string]string
	// Access is who reaches the account without owning it or asks to;
	// only its owner sees it (Owner).
	Owner  bool
	Access []AccessRow
	// SignIn are the contacts the customer signs in and recovers the
	// password with; Informing where the supplier's messages go (the
	// services panel), shown to the account's owner only.
	SignIn    ContactsView
	Informing *ContactsView
}

// ContactsView is an e-mail and a phone, with what goes to them.
type ContactsView struct {
	Email, Phone string
	Channels     string // the services ticked, "" for none
}

// AccessRow is one person in «Доступ к лицевому счету»: the masked e-mail
// of their registration, since when, and the form that revokes, approves
// or declines.
type AccessRow struct {
	Email, Since string
	Pending      bool
	RevokeURL    string // a link in place
	ApproveURL   string // a request
	DeclineURL   string
}

// Holding is the account's number with one provider and what it supplies.
type Holding struct {
	Number, Provider string
	Services         []string
}

// LinkedAccount is one row of «Привязка лицевых счетов».
type LinkedAccount struct {
	Label, Number string
	URL           string // the account's «Личные данные»
	UnlinkURL     string // "" for the registered account, which stays
	Current       bool
}

// NameField is «Наименование счета».
func (p *ProfilePage) NameField() Field {
	return Field{ID: "name", Name: "name", Label: "Наименование счета", Type: "text", Value: p.Name,
		Hint:  "Например, «Квартира» или «Дача у мамы». Его видите только вы, в списке счетов вверху страницы.",
		Error: p.Errors["name"], Autocomplete: "off"}
}

// LinkAccountField is the number of the account to link.
func (p *ProfilePage) LinkAccountField() Field {
	return Field{ID: "link-account", Name: "account", Label: "Номер лицевого счета / договора", Type: "text",
		Value: p.LinkAccount, Error: p.Errors["link-account"], Hint: "Например, ИЭСБК0041300 — как в квитанции",
		Autocomplete: "off", Required: true}
}

// LinkSecretField is the owner's surname or that account's password.
func (p *ProfilePage) LinkSecretField() Field {
	return Field{ID: "link-secret", Name: "secret", Label: "Фамилия / пароль", Type: "password",
		Error: p.Errors["link-secret"], Hint: "Фамилия, на которую зарегистрирован счет, или пароль к этому счету",
		Autocomplete: "off", Required: true}
}

// LinkOpen keeps «Добавить лицевой счет» open when its form was refused.
func (p *ProfilePage) LinkOpen() bool {
	return p.LinkNotice != "" || p.Errors["link-account"] != "" || p.Errors["link-secret"] != ""
}

// handleProfileShow shows «Личные данные».
func (s *portalSite) handleProfileShow(w http.ResponseWriter, r *http.Request, v *auth.Visitor, a *kabinet.Account) error {
	p, err := s.profilePage(r, a)
	if err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "profile", p)
}

// profilePage fills «Личные данные» of account a.
func (s *portalSite) profilePage(r *http.Request, a *kabinet.Account) (*ProfilePage, error) {
	p := &ProfilePage{BasePage: s.base(r, "Личные данные"), Account: a, Errors: map[string]string{}}
	var err error
	if p.Holdings, err = s.holdings(r.Context(), a.ID); err != nil {
		return nil, err
	}
	for _, ua := range reached(r) {
		row := LinkedAccount{Label: ua.Label(), Number: ua.Display, URL: "/a/" + strconv.FormatInt(ua.AccountID, 10) + "/profile",
			Current: ua.AccountID == a.ID}
		if !ua.Owner {
			row.UnlinkURL = "/a/" + strconv.FormatInt(ua.AccountID, 10) + "/unlink"
		}
		if row.Current {
			p.Name = ua.Name
		}
		p.Linked = append(p.Linked, row)
	}
	if err := s.contacts(r, p); err != nil {
		return nil, err
	}
	return p, s.accessRows(r, p)
}

// contacts fills both sets of contacts: one truth each, the sign-in's in
// the registration, the informing's in the account's services.
func (s *portalSite) contacts(r *http.Request, p *ProfilePage) error {
	v := visitor(r)
	p.SignIn = ContactsView{Email: v.User.Email, Phone: kabinet.FormatPhone(v.User.Phone)}
	if !owns(r, p.Account) || s.home == nil {
		return nil
	}
	set, err := s.home.Settings(r.Context(), p.Account, v.User)
	if err != nil {
		return err
	}
	p.Informing = &ContactsView{Email: set.Email, Phone: kabinet.FormatPhone(set.Phone), Channels: informingChannels(set)}
	return nil
}

// informingChannels lists the services ticked, in the panel's words.
func informingChannels(set *kabinet.ServiceSettings) string {
	var on []string
	for _, c := range []struct {
		on    bool
		title string
	}{{set.Push, "push-уведомления"}, {set.SMS, "СМС-информирование"}, {set.EmailInfo, "информирование по e-mail"},
		{set.BillPaper, "счет на дом"}, {set.BillEmail, "счет по e-mail"}} {
		if c.on {
			on = append(on, c.title)
		}
	}
	return strings.Join(on, ", ")
}

// accessRows fills «Доступ к лицевому счету» for the account's owner.
func (s *portalSite) accessRows(r *http.Request, p *ProfilePage) error {
	v := visitor(r)
	if p.Owner = s.auth.Owns(r.Context(), v, p.Account.ID); !p.Owner {
		return nil
	}
	ls, err := s.auth.Access(r.Context(), v, p.Account.ID)
	if err != nil {
		return err
	}
	base := accountPath(p.Account, "access/")
	for _, l := range ls {
		row := AccessRow{Email: kabinet.MaskEmail(l.Email), Since: s.local(l.CreatedAt).Format("02.01.2006"), Pending: l.RequestID != 0}
		if row.Pending {
			id := strconv.FormatInt(l.RequestID, 10)
			row.ApproveURL, row.DeclineURL = base+"requests/"+id+"/approve", base+"requests/"+id+"/decline"
		} else {
			row.RevokeURL = base + "users/" + strconv.FormatInt(l.UserID, 10) + "/revoke"
		}
		p.Access = append(p.Access, row)
	}
	return nil
}

// holdings lists the account's sub-accounts with their providers.
func (s *portalSite) holdings(ctx context.Context, accountID int64) ([]Holding, error) {
	if s.accounts == nil {
		return nil, nil
	}
	subs, err := s.accounts.FindSubAccounts(ctx, accountID)
	if err != nil {
		return nil, err
	}
	providers, err := s.accounts.FindProviders(ctx)
	if err != nil {
		return nil, err
	}
	names := make(map[int64]string, len(providers))
	for _, pr := range providers {
		names[pr.ID] = pr.Name
	}
	hs := make([]Holding, len(subs))
	for i, sub := range subs {
		hs[i] = Holding{Number: sub.Number, Provider: names[sub.ProviderID]}
		for _, svc := range sub.Services {
			hs[i].Services = append(hs[i].Services, svc.Title())
		}
	}
	return hs, nil
}

// handleAccountName saves «Наименование счета» (DATA-2).
func (s *portalSite) handleAccountName(w http.ResponseWriter, r *http.Request, v *auth.Visitor, a *kabinet.Account) error {
	if err := parseForm(w, r); err != nil {
		return err
	}
	name := r.PostForm.Get("name")
	err := s.auth.NameAccount(r.Context(), v, a.ID, name)
	if fe, ok := err.(auth.FormErrors); ok {
		p, perr := s.profilePage(r, a)
		if perr != nil {
			return perr
		}
		p.Name, p.Errors = name, fe
		return s.render(w, http.StatusUnprocessableEntity, "profile", p)
	} else if err != nil {
		return err
	}
	return s.redirect(w, r, accountPath(a, "profile"), "account-named")
}

// handleLinkCreate links another account to the customer's cabinet by its
// number and the owner's surname or its password (DATA-3).
func (s *portalSite) handleLinkCreate(w http.ResponseWriter, r *http.Request, v *auth.Visitor, a *kabinet.Account) error {
	if err := parseForm(w, r); err != nil {
		return err
	}
	p, err := s.profilePage(r, a)
	if err != nil {
		return err
	}
	p.LinkAccount = strings.TrimSpace(r.PostForm.Get("account"))
	secret := r.PostForm.Get("secret")
	if p.LinkAccount == "" {
		p.Errors["link-account"] = "Укажите номер лицевого счета или договора."
	}
	if secret == "" {
		p.Errors["link-secret"] = "Укажите фамилию владельца счета или пароль к нему."
	}
	if len(p.Errors) == 0 {
		l, err := s.auth.Link(r.Context(), v, p.LinkAccount, secret, s.client(r))
		s.logSignIn(r, err)
		switch {
		case err == nil && l.Pending:
			return s.redirect(w, r, accountPath(a, "profile"), "account-link-requested")
		case err == nil:
			return s.redirect(w, r, accountPath(a, "profile"), "account-linked")
		case kabinet.ErrorCode(err) == kabinet.EINVALID:
			p.Errors["link-account"] = kabinet.ErrorMessage(err)
		case errors.Is(err, auth.ErrSignIn) || errors.Is(err, auth.ErrLocked) || errors.Is(err, auth.ErrTooMany) ||
			errors.Is(err, auth.ErrLinked) || errors.Is(err, auth.ErrLinkedLimit) || errors.Is(err, auth.ErrLinkRequested):
			p.LinkNotice = kabinet.ErrorMessage(err)
		default:
			return err
		}
	}
	return s.render(w, http.StatusUnprocessableEntity, "profile", p)
}

// UnlinkPage asks before an account is unlinked, so that a slip of the
// finger costs nothing, without needing JavaScript for a dialog.
type UnlinkPage struct {
	BasePage
	// Label is the name the customer gave the account, "" for none.
	Label, Number string
	// Owner marks the account the customer registered: it cannot be
	// unlinked, and the page says so instead of asking.
	Owner bool
	// Action is where the form posts; Back leads away without unlinking.
	Action, Back string
}

// handleUnlinkShow asks whether to unlink the account.
func (s *portalSite) handleUnlinkShow(w http.ResponseWriter, r *http.Request, v *auth.Visitor, a *kabinet.Account) error {
	p := &UnlinkPage{BasePage: s.base(r, "Отвязать лицевой счет"), Number: a.Display,
		Action: accountPath(a, "unlink"), Back: accountPath(a, "profile")}
	for _, ua := range reached(r) {
		if ua.AccountID == a.ID {
			p.Label, p.Owner = ua.Name, ua.Owner
		}
	}
	return s.render(w, http.StatusOK, "unlink", p)
}

// handleUnlinkCreate unlinks the account and goes back to «Личные данные»
// of the account the customer registered.
func (s *portalSite) handleUnlinkCreate(w http.ResponseWriter, r *http.Request, v *auth.Visitor, a *kabinet.Account) error {
	if err := s.auth.Unlink(r.Context(), v, a.ID); err != nil {
		return err
	}
	return s.redirect(w, r, accountPath(v.Account, "profile"), "account-unlinked")
}
