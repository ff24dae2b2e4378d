package auth

import (
	"context"
	"strings"

	"kabinet"
	"kabinet/letters"
)

// A customer's own sign-in security while signed in: the password, the
// e-mail and phone she signs in and recovers the password with, and the
// browsers and devices signed in. Each change asks for the current
// password, tells the contacts the customer had before, and is written
// to the audit log in the transaction that makes it.

// errCurrentLocked refuses the current password after too many guesses.
var errCurrentLocked = FormErrors{"current": "Слишком много неверных попыток. Попробуйте снова через 15 минут."}

// checkCurrent checks the current password typed with a change. Every
// check counts against the user's limit, so a stolen session cannot
// guess the password.
func (s *Service) checkCurrent(ctx context.Context, v *Visitor, current string) error {
	if current == "" {
		return FormErrors{"current": "Введите текущий пароль."}
	}
	if err := s.limit(ctx, "current:"+itoa(int(v.User.ID)), s.cfg.AccountFailures, errCurrentLocked); err != nil {
		return err
	}
	ok, err := s.hasher.Compare(ctx, current, v.User.PasswordHash)
	if err != nil {
		return err
	}
	if !ok {
		return FormErrors{"current": "Неверный текущий пароль."}
	}
	return nil
}

// ChangePassword sets a new password for the signed-in customer after
// checking the current one, and ends every other session of the user:
// whoever knew the old password is signed out everywhere else.
func (s *Service) ChangePassword(ctx context.Context, v *Visitor, current, pw, confirm string, c Client) error {
	errs := FormErrors{}
	if err, ok := checkNewPassword(pw, confirm).(FormErrors); ok {
		errs = err
	}
	if errs["password"] == "" && pw == current {
		errs["password"] = "Новый пароль совпадает с текущим."
	}
	if len(errs) > 0 && current == "" {
		errs["current"] = "Введите текущий пароль."
	}
	if err := errs.err(); err != nil {
		return err
	}
	if err := s.checkCurrent(ctx, v, current); err != nil {
		return err
	}
	hash, err := s.hasher.Hash(ctx, pw)
	if err != nil {
		return err
	}
	a, err := s.ownedAccount(ctx, v.User.ID)
	if err != nil {
		return err
	}
	n := letters.Changed{Account: a.Display, Date: s.date(), What: letters.ChangedPassword}
	e := s.auditEntry(a, kabinet.AuditCustomerPassword, "Смена пароля в личном кабинете", c)
	return s.store.ChangePassword(ctx, v.User.ID, hash, v.Session.TokenHash, s.changedNotices(v.User, n), e)
}

// RequestEmailChange sends the link that confirms a new sign-in e-mail to
// that address. Until it is followed the old address stays.
func (s *Service) RequestEmailChange(ctx context.Context, v *Visitor, current, email string, c Client) error {
	e, err := kabinet.ParseEmail(email)
	if err != nil {
		return FormErrors{"email": kabinet.ErrorMessage(err)}
	}
	if e == v.User.Email {
		return FormErrors{"email": "Этот адрес уже указан для входа. Введите новый адрес."}
	}
	n, err := s.store.CountUsersByEmail(ctx, e)
	if err != nil {
		return err
	}
	if n >= s.cfg.MaxAccountsPerEmail {
		return FormErrors{"email": "На этот адрес электронной почты уже зарегистрировано 10 лицевых счетов — больше нельзя. Укажите другой адрес."}
	}
	if err := s.checkCurrent(ctx, v, current); err != nil {
		return err
	}
	if err := s.limit(ctx, "mail:"+itoa(int(v.User.ID)), s.cfg.MailPerUser, FormErrors{"email": kabinet.ErrorMessage(ErrTooMany)}); err != nil {
		return err
	}
	a, err := s.ownedAccount(ctx, v.User.ID)
	if err != nil {
		return err
	}
	secret, hash := newSecret()
	now := s.Now()
	t := &kabinet.Token{Hash: hash, Kind: kabinet.TokenChangeEmail, UserID: v.User.ID, Target: e, CreatedAt: now, ExpiresAt: now.Add(s.cfg.EmailLinkTTL)}
	l := letters.ConfirmNewEmail{Account: a.Display, Link: s.link("/security/email", secret),
		Expires: t.ExpiresAt.In(s.Zone()).Format("02.01.2006 15:04")}
	m := &kabinet.Message{Channel: kabinet.ChannelEmail, Recipient: e, Subject: l.Subject(), Text: l.Text() + "\n\n" + s.cfg.SupplierName}
	return s.store.CreateToken(ctx, t, m)
}

// CheckEmailLink tells whether a link confirming a new e-mail is still
// good, before the page asks to confirm it.
func (s *Service) CheckEmailLink(ctx context.Context, secret string) error {
	_, err := s.emailLink(ctx, secret)
	return err
}

// emailLink finds the token of a good link: unused, unexpired and the
// user's newest, so that an address typed by mistake dies with the next.
func (s *Service) emailLink(ctx context.Context, secret string) (*kabinet.Token, error) {
	t, err := s.validToken(ctx, secret, kabinet.TokenChangeEmail)
	if err != nil {
		return nil, err
	}
	latest, err := s.store.FindLatestToken(ctx, t.UserID, kabinet.TokenChangeEmail)
	if err != nil {
		return nil, err
	}
	if latest.ID != t.ID {
		return nil, ErrLinkInvalid
	}
	return t, nil
}

// ConfirmEmailChange follows the link from the new address: the address
// becomes the sign-in e-mail, password recovery writes there from now on,
// and the old address and the phone are told. The link needs no session,
// as it may be opened on another device.
func (s *Service) ConfirmEmailChange(ctx context.Context, secret string, c Client) error {
	t, err := s.emailLink(ctx, secret)
	if err != nil {
		return err
	}
	return s.changeContact(ctx, t, letters.ChangedEmail, kabinet.MaskEmail(t.Target), c)
}

// RequestPhoneChange sends a code to a new sign-in phone.
func (s *Service) RequestPhoneChange(ctx context.Context, v *Visitor, current, phone string) error {
	p, err := kabinet.ParsePhone(phone)
	if err != nil {
		return FormErrors{"phone": kabinet.ErrorMessage(err)}
	}
	if p == v.User.Phone {
		return FormErrors{"phone": "Этот номер уже указан для входа. Введите новый номер."}
	}
	if err := s.checkCurrent(ctx, v, current); err != nil {
		return err
	}
	if err := s.smsAllowed(ctx, p); err != nil {
		return FormErrors{"phone": kabinet.ErrorMessage(err)}
	}
	code, stored := newCode()
	now := s.Now()
	t := &kabinet.Token{Hash: stored, Kind: kabinet.TokenChangeSMS, UserID: v.User.ID, Target: p, CreatedAt: now, ExpiresAt: now.Add(s.cfg.CodeTTL)}
	return s.store.CreateToken(ctx, t, codeSMS(p, letters.Code{Code: code, Phone: true}))
}

// PendingPhone is the new phone a code was sent to and can still be
// typed, "" for none.
func (s *Service) PendingPhone(ctx context.Context, v *Visitor) (string, error) {
	t, err := s.store.FindLatestToken(ctx, v.User.ID, kabinet.TokenChangeSMS)
	if kabinet.ErrorCode(err) == kabinet.ENOTFOUND {
		return "", nil
	} else if err != nil {
		return "", err
	}
	if !t.UsedAt.IsZero() || s.Now().After(t.ExpiresAt) || t.Attempts >= s.cfg.MaxCodeGuesses {
		return "", nil
	}
	return t.Target, nil
}

// ConfirmPhoneChange checks the code sent to the new phone and makes it
// the sign-in phone. A wrongly formatted code uses up no guess.
func (s *Service) ConfirmPhoneChange(ctx context.Context, v *Visitor, code string, c Client) error {
	if err := checkCodeFormat(code); err != nil {
		return err
	}
	t, err := s.guess(ctx, v.User.ID, kabinet.TokenChangeSMS, strings.TrimSpace(code), "user:"+itoa(int(v.User.ID)))
	if err != nil {
		return err
	}
	return s.changeContact(ctx, t, letters.ChangedPhone, kabinet.MaskPhone(t.Target), c)
}

// changeContact makes the token's target the user's sign-in contact and
// tells the contacts the user had before.
func (s *Service) changeContact(ctx context.Context, t *kabinet.Token, what letters.Change, masked string, c Client) error {
	u, err := s.store.FindUserByID(ctx, t.UserID)
	if err != nil {
		return err
	}
	a, err := s.ownedAccount(ctx, u.ID)
	if err != nil {
		return err
	}
	n := letters.Changed{Account: a.Display, Date: s.date(), What: what, To: masked}
	detail := "Смена e-mail для входа: " + kabinet.MaskEmail(u.Email) + " → " + masked
	if what == letters.ChangedPhone {
		detail = "Смена телефона для входа: " + kabinet.MaskPhone(u.Phone) + " → " + masked
	}
	return s.store.ChangeContact(ctx, t, s.changedNotices(u, n), s.auditEntry(a, kabinet.AuditCustomerContact, detail, c))
}

// changedNotices tell the user's sign-in contacts as they were before
// the change.
func (s *Service) changedNotices(u *kabinet.User, n letters.Changed) []*kabinet.Message {
	return s.notices(u.Email, u.Phone, n.Subject(), n.Text(), n.SMS())
}

// ownedAccount is the account the user registered, which names the
// cabinet in notices and the audit log.
func (s *Service) ownedAccount(ctx context.Context, userID int64) (*kabinet.Account, error) {
	id, err := s.store.FindOwnedAccount(ctx, userID)
	if err != nil {
		return nil, err
	}
	return s.store.FindAccountByID(ctx, id)
}

func (s *Service) auditEntry(a *kabinet.Account, action kabinet.AuditAction, detail string, c Client) *kabinet.AuditEntry {
	return &kabinet.AuditEntry{OperatorLogin: "клиент", Action: action, AccountID: a.ID, AccountNumber: a.Display,
		Detail: detail, IP: c.IP}
}

// date is now in the supplier's zone, as notices print it.
func (s *Service) date() string { return s.Now().In(s.Zone()).Format("02.01.2006 15:04") }
