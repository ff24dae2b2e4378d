package web

import (
	"errors"
	"net/http"
	"strings"

	"kabinet"
	"kabinet/auth"
)

// SecurityPage is «Вход и безопасность»: the password, the contacts the
// customer signs in and recovers the password with, and the browsers and
// devices signed in.
type SecurityPage struct {
	BasePage
	Account *kabinet.Account
	// Email and Phone are the sign-in contacts as they are now.
	Email, Phone string
	Devices      []DeviceView
	Errors       map[string]string
}

// DeviceView is one browser or device signed in.
type DeviceView struct {
	Name, IP, Since, Seen string
	Current               bool
	EndURL                string
}

// CurrentField is the current password.
func (p *SecurityPage) CurrentField() Field { return currentPasswordField(p.Errors["current"]) }

// PasswordField is the new password.
func (p *SecurityPage) PasswordField() Field { return newPasswordField(p.Errors["password"]) }

// ConfirmField repeats the new password.
func (p *SecurityPage) ConfirmField() Field { return confirmPasswordField(p.Errors["confirm"]) }

func currentPasswordField(errText string) Field {
	return Field{ID: "current", Name: "current", Label: "Текущий пароль", Type: "password",
		Hint: "Пароль, с которым вы вошли", Error: errText, Autocomplete: "current-password", Required: true}
}

// handleSecurityShow shows «Вход и безопасность».
func (s *portalSite) handleSecurityShow(w http.ResponseWriter, r *http.Request, v *auth.Visitor, a *kabinet.Account) error {
	p, err := s.securityPage(r, v, a)
	if err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "security", p)
}

func (s *portalSite) securityPage(r *http.Request, v *auth.Visitor, a *kabinet.Account) (*SecurityPage, error) {
	p := &SecurityPage{BasePage: s.base(r, "Вход и безопасность"), Account: a, Email: v.User.Email,
		Phone: kabinet.FormatPhone(v.User.Phone), Errors: map[string]string{}}
	ds, err := s.auth.Devices(r.Context(), v)
	if err != nil {
		return nil, err
	}
	for _, d := range ds {
		p.Devices = append(p.Devices, DeviceView{Name: deviceName(d.Session.UserAgent), IP: d.Session.IP,
			Since: s.local(d.Session.CreatedAt).Format("02.01.2006 15:04"), Seen: s.local(d.Session.SeenAt).Format("02.01.2006 15:04"),
			Current: d.Current, EndURL: accountPath(a, "security/devices/"+d.ID+"/end")})
	}
	return p, nil
}

// handlePasswordChange changes the password while signed in; the other
// sessions of the user end, this one stays.
func (s *portalSite) handlePasswordChange(w http.ResponseWriter, r *http.Request, v *auth.Visitor, a *kabinet.Account) error {
	if err := parseForm(w, r); err != nil {
		return err
	}
	f := r.PostForm
	err := s.auth.ChangePassword(r.Context(), v, f.Get("current"), f.Get("password"), f.Get("confirm"), s.client(r))
	if fe, ok := err.(auth.FormErrors); ok {
		p, perr := s.securityPage(r, v, a)
		if perr != nil {
			return perr
		}
		p.Errors = fe
		return s.render(w, http.StatusUnprocessableEntity, "security", p)
	} else if err != nil {
		return err
	}
	return s.redirect(w, r, accountPath(a, "security"), "password-changed")
}

// handleDeviceEnd ends the session of another browser or device.
func (s *portalSite) handleDeviceEnd(w http.ResponseWriter, r *http.Request, v *auth.Visitor, a *kabinet.Account) error {
	if err := s.auth.EndDevice(r.Context(), v, r.PathValue("device"), s.client(r)); err != nil && kabinet.ErrorCode(err) != kabinet.ENOTFOUND {
		return err
	}
	return s.redirect(w, r, accountPath(a, "security"), "device-ended")
}

// handleSignOutEverywhere is «Выйти на всех устройствах»: every session
// of the user ends, this one too, and the sign-in page says so.
func (s *portalSite) handleSignOutEverywhere(w http.ResponseWriter, r *http.Request, v *auth.Visitor, a *kabinet.Account) error {
	if err := s.auth.SignOutEverywhere(r.Context(), v, s.client(r)); err != nil {
		return err
	}
	s.endSession(w)
	return s.redirect(w, r, "/", "signed-out-everywhere")
}

// ContactPage changes the sign-in e-mail or phone: the new one and the
// current password, then the link or code sent to the new one.
type ContactPage struct {
	BasePage
	Account *kabinet.Account
	Phone   bool // the phone; otherwise the e-mail
	// Current is the contact as it is now; Value what was typed.
	Current, Value string
	// CodeSent is the phone a code went to, waiting to be typed.
	CodeSent string
	Errors   map[string]string
}

// Action is where the form with the new contact posts.
func (p *ContactPage) Action() string {
	if p.Phone {
		return accountPath(p.Account, "security/phone")
	}
	return accountPath(p.Account, "security/email")
}

// CodeAction is where the code posts.
func (p *ContactPage) CodeAction() string { return accountPath(p.Account, "security/phone/code") }

// ValueField is the new e-mail or phone.
func (p *ContactPage) ValueField() Field {
	if p.Phone {
		return Field{ID: "phone", Name: "phone", Label: "Новый номер мобильного телефона", Type: "tel", Value: p.Value,
			Hint: "Например, +7 (950) 123-45-67. На него придёт СМС с кодом.", Error: p.Errors["phone"],
			Autocomplete: "tel", InputMode: "tel", Required: true}
	}
	return Field{ID: "email", Name: "email", Label: "Новый адрес e-mail", Type: "email", Value: p.Value,
		Hint: "На него придёт письмо со ссылкой для подтверждения.", Error: p.Errors["email"],
		Autocomplete: "email", InputMode: "email", Required: true}
}

// CurrentField is the current password.
func (p *ContactPage) CurrentField() Field { return currentPasswordField(p.Errors["current"]) }

// CodeField is «Код из СМС».
func (p *ContactPage) CodeField() Field {
	return Field{ID: "code", Name: "code", Label: "Код из СМС", Type: "text", Hint: "6 цифр",
		Error: p.Errors["code"], Autocomplete: "one-time-code", InputMode: "numeric", Required: true}
}

func (s *portalSite) contactPage(r *http.Request, v *auth.Visitor, a *kabinet.Account, phone bool) (*ContactPage, error) {
	p := &ContactPage{BasePage: s.base(r, "Электронная почта для входа"), Account: a, Current: v.User.Email, Errors: map[string]string{}}
	if phone {
		p.Title, p.Phone, p.Current = "Телефон для входа", true, kabinet.FormatPhone(v.User.Phone)
		sent, err := s.auth.PendingPhone(r.Context(), v)
		if err != nil {
			return nil, err
		}
		p.CodeSent = kabinet.FormatPhone(sent)
	}
	return p, nil
}

// handleEmailChangeShow and handlePhoneChangeShow show the forms.
func (s *portalSite) handleEmailChangeShow(w http.ResponseWriter, r *http.Request, v *auth.Visitor, a *kabinet.Account) error {
	return s.showContact(w, r, v, a, false)
}

func (s *portalSite) handlePhoneChangeShow(w http.ResponseWriter, r *http.Request, v *auth.Visitor, a *kabinet.Account) error {
	return s.showContact(w, r, v, a, true)
}

func (s *portalSite) showContact(w http.ResponseWriter, r *http.Request, v *auth.Visitor, a *kabinet.Account, phone bool) error {
	p, err := s.contactPage(r, v, a, phone)
	if err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "security_contact", p)
}

// handleEmailChange sends the confirmation link to the new address.
func (s *portalSite) handleEmailChange(w http.ResponseWriter, r *http.Request, v *auth.Visitor, a *kabinet.Account) error {
	return s.changeContact(w, r, v, a, false)
}

// handlePhoneChange sends the code to the new phone.
func (s *portalSite) handlePhoneChange(w http.ResponseWriter, r *http.Request, v *auth.Visitor, a *kabinet.Account) error {
	return s.changeContact(w, r, v, a, true)
}

func (s *portalSite) changeContact(w http.ResponseWriter, r *http.Request, v *auth.Visitor, a *kabinet.Account, phone bool) error {
	if err := parseForm(w, r); err != nil {
		return err
	}
	f := r.PostForm
	var err error
	value, key := f.Get("email"), "email-link-sent"
	if phone {
		value, key = f.Get("phone"), "phone-code-sent"
		err = s.auth.RequestPhoneChange(r.Context(), v, f.Get("current"), value)
	} else {
		err = s.auth.RequestEmailChange(r.Context(), v, f.Get("current"), value, s.client(r))
	}
	if fe, ok := err.(auth.FormErrors); ok {
		p, perr := s.contactPage(r, v, a, phone)
		if perr != nil {
			return perr
		}
		p.Value, p.Errors, p.CodeSent = strings.TrimSpace(value), fe, ""
		return s.render(w, http.StatusUnprocessableEntity, "security_contact", p)
	} else if err != nil {
		return err
	}
	if phone {
		return s.redirect(w, r, accountPath(a, "security/phone"), key)
	}
	return s.redirect(w, r, accountPath(a, "security"), key)
}

// handlePhoneCode checks the code sent to the new phone.
func (s *portalSite) handlePhoneCode(w http.ResponseWriter, r *http.Request, v *auth.Visitor, a *kabinet.Account) error {
	if err := parseForm(w, r); err != nil {
		return err
	}
	err := s.auth.ConfirmPhoneChange(r.Context(), v, r.PostForm.Get("code"), s.client(r))
	if fe, ok := err.(auth.FormErrors); ok {
		p, perr := s.contactPage(r, v, a, true)
		if perr != nil {
			return perr
		}
		p.Errors = fe
		return s.render(w, http.StatusUnprocessableEntity, "security_contact", p)
	} else if err != nil {
		return err
	}
	return s.redirect(w, r, accountPath(a, "security"), "phone-changed")
}

// ContactConfirmPage is where the link from the new address leads: a
// button confirms it (a mail scanner opening the link changes nothing),
// then the page says it is done.
type ContactConfirmPage struct {
	BasePage
	Token string
	Done  bool
}

// handleEmailConfirmShow checks the link before offering to confirm.
func (s *portalSite) handleEmailConfirmShow(w http.ResponseWriter, r *http.Request) error {
	token := r.URL.Query().Get("token")
	if err := s.auth.CheckEmailLink(r.Context(), token); err != nil {
		return s.contactLinkFailed(w, r, err)
	}
	return s.render(w, http.StatusOK, "security_confirm", &ContactConfirmPage{BasePage: s.base(r, "Новый адрес для входа"), Token: token})
}

// handleEmailConfirm makes the new address the sign-in e-mail.
func (s *portalSite) handleEmailConfirm(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(w, r); err != nil {
		return err
	}
	if err := s.auth.ConfirmEmailChange(r.Context(), r.PostForm.Get("token"), s.client(r)); err != nil {
		return s.contactLinkFailed(w, r, err)
	}
	return s.render(w, http.StatusOK, "security_confirm", &ContactConfirmPage{BasePage: s.base(r, "Новый адрес для входа"), Done: true})
}

func (s *portalSite) contactLinkFailed(w http.ResponseWriter, r *http.Request, err error) error {
	if errors.Is(err, auth.ErrLinkExpired) || errors.Is(err, auth.ErrLinkInvalid) {
		return s.linkFailed(w, r, err, &LinkPage{BasePage: s.base(r, "Новый адрес для входа"), Contact: true})
	}
	return err
}
