package auth

import (
	"context"
	"strings"

	"kabinet"
	"kabinet/letters"
	"kabinet/password"
)

// Registration is the registration form (AUTH-3).
type Registration struct {
	Surname  string
	Password string
	Confirm  string
	Email    string
	Phone    string
	By       kabinet.ConfirmBy
	Consent  bool
}

// ConsentPurposes are what the registration consent covers.
const ConsentPurposes = "регистрация и обслуживание в личном кабинете; информирование о начислениях и платежах"

// Register registers the account of a first visit's session: the user
// waits unconfirmed, and the confirmation goes out by e-mail (a link) or
// SMS (a code). It returns the token of the session that replaces the
// first visit's, bound to the new user.
func (s *Service) Register(ctx context.Context, token string, r Registration, c Client) (string, error) {
	v, err := s.Visit(ctx, token)
	if err != nil {
		return "", err
	}
	if !v.Session.Registering() {
		return "", kabinet.Errorf(kabinet.ECONFLICT, "Лицевой счёт уже зарегистрирован.")
	}
	u, err := s.checkRegistration(ctx, v.Account, &r)
	if err != nil {
		return "", err
	}
	if u.PasswordHash, err = s.hasher.Hash(ctx, r.Password); err != nil {
		return "", err
	}
	reg := &kabinet.NewRegistration{User: u, AccountID: v.Account.ID, OldSession: v.Session.TokenHash,
		Consent: &kabinet.Consent{AccountID: v.Account.ID, Purposes: ConsentPurposes, TextVersion: s.cfg.ConsentVersion,
			GivenAt: s.Now(), IP: c.IP, UserAgent: truncate(c.UserAgent, 256)}}
	if stale, err := s.store.FindOwner(ctx, v.Account.ID); err == nil && s.stale(stale) {
		reg.StaleUserID = stale.ID
	}
	if reg.Token, reg.Message, err = s.confirmation(u, v.Account); err != nil {
		return "", err
	}
	reg.Notices = s.registrationNotices(v.Account, u)
	newToken, sess := s.newSession(0, v.Account.ID, c)
	reg.Session = sess
	if err := s.store.Register(ctx, reg); err != nil {
		if kabinet.ErrorCode(err) == kabinet.ECONFLICT {
			return "", kabinet.Errorf(kabinet.ECONFLICT, "Лицевой счёт уже зарегистрирован.")
		}
		return "", err
	}
	return newToken, nil
}

// checkRegistration checks every field and returns the user to create, or
// FormErrors with a reason beside each wrong field.
func (s *Service) checkRegistration(ctx context.Context, a *kabinet.Account, r *Registration) (*kabinet.User, error) {
	errs := FormErrors{}
	if !kabinet.SurnameMatches(r.Surname, a.Surname) {
		errs["surname"] = "Укажите фамилию, на которую зарегистрирован лицевой счёт."
	}
	errs.check("password", password.Check(r.Password))
	if r.Confirm != r.Password {
		errs["confirm"] = "Пароли не совпадают."
	}
	email, err := kabinet.ParseEmail(r.Email)
	errs.check("email", err)
	phone, err := kabinet.ParsePhone(r.Phone)
	errs.check("phone", err)
	if r.By != kabinet.ConfirmByEmail && r.By != kabinet.ConfirmBySMS {
		errs["by"] = "Выберите способ подтверждения регистрации."
	}
	if !r.Consent {
		errs["consent"] = "Без согласия на обработку персональных данных регистрация невозможна."
	}
	if errs["email"] == "" {
		n, err := s.store.CountUsersByEmail(ctx, email)
		if err != nil {
			return nil, err
		}
		if n >= s.cfg.MaxAccountsPerEmail {
			errs["email"] = "На этот адрес электронной почты уже зарегистрировано 10 лицевых счетов — больше нельзя. Укажите другой адрес."
		}
	}
	if errs["phone"] == "" && r.By == kabinet.ConfirmBySMS {
		errs.check("phone", s.smsAllowed(ctx, phone))
	}
	if err := errs.err(); err != nil {
		return nil, err
	}
	return &kabinet.User{Email: email, Phone: phone, ConfirmBy: r.By}, nil
}

// smsAllowed counts an SMS to phone against the per-phone limits.
func (s *Service) smsAllowed(ctx context.Context, phone string) error {
	refusal := kabinet.Errorf(kabinet.EFORBIDDEN, "На этот номер уже отправлено несколько СМС. Подождите 10 минут и попробуйте снова.")
	if err := s.limit(ctx, "sms:"+phone, s.cfg.SMSPerPhone, refusal); err != nil {
		return err
	}
	daily := kabinet.Errorf(kabinet.EFORBIDDEN, "На этот номер сегодня отправлено слишком много СМС. Попробуйте завтра.")
	return s.limit(ctx, "sms-day:"+phone, s.cfg.SMSPerPhoneDaily, daily)
}

// confirmation makes the registration's token and the message that
// carries it.
func (s *Service) confirmation(u *kabinet.User, a *kabinet.Account) (*kabinet.Token, *kabinet.Message, error) {
	now := s.Now()
	if u.ConfirmBy == kabinet.ConfirmBySMS {
		code, stored := newCode()
		t := &kabinet.Token{Hash: stored, Kind: kabinet.TokenConfirmSMS, Target: u.Phone, CreatedAt: now, ExpiresAt: now.Add(s.cfg.CodeTTL)}
		return t, codeSMS(u.Phone, letters.Code{Code: code}), nil
	}
	secret, hash := newSecret()
	t := &kabinet.Token{Hash: hash, Kind: kabinet.TokenConfirmEmail, Target: u.Email, CreatedAt: now, ExpiresAt: now.Add(s.cfg.EmailLinkTTL)}
	m, err := s.messages.ConfirmEmail(u.Email, a.Display, s.link("/register/confirm", secret), t.ExpiresAt)
	return t, m, err
}

// codeSMS is the SMS with a code (letters.Code).
func codeSMS(phone string, c letters.Code) *kabinet.Message {
	return &kabinet.Message{Channel: kabinet.ChannelSMS, Recipient: phone, Text: c.SMS()}
}

func (s *Service) link(path, secret string) string {
	return strings.TrimSuffix(s.cfg.BaseURL, "/") + path + "?token=" + secret
}

// registrationNotices tell the contacts on file from the billing that the
// account was registered, with how to undo it: the number and the surname
// are printed on every bill, so the person who registered need not be its
// owner. A contact the registration gave itself is not told twice.
func (s *Service) registrationNotices(a *kabinet.Account, u *kabinet.User) []*kabinet.Message {
	email, phone := a.Email, a.Phone
	if kabinet.NormalizeEmail(email) == u.Email {
		email = ""
	}
	if p, err := kabinet.ParsePhone(phone); err == nil && p == u.Phone {
		phone = ""
	}
	l := letters.Registered{Account: a.Display, Date: s.Now().In(s.Zone()).Format("02.01.2006"), Email: kabinet.MaskEmail(u.Email)}
	return s.notices(email, phone, l.Subject(), l.Text(), l.SMS())
}
