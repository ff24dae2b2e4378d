package auth

import (
	"context"
	"errors"

	"kabinet"
)

// ConfirmEmail follows a registration link (AUTH-4): a link is used once
// and works for EmailLinkTTL. Following a used link again answers as the
// first time did, while the registration stays confirmed: mail scanners
// open links before the customer does, and the customer must not then be
// told the link is invalid.
func (s *Service) ConfirmEmail(ctx context.Context, secret string) error {
	t, err := s.validToken(ctx, secret, kabinet.TokenConfirmEmail)
	if errors.Is(err, ErrLinkInvalid) && s.confirmedBy(ctx, secret) {
		return nil
	}
	if err != nil {
		return err
	}
	return s.store.ConfirmUser(ctx, t.ID, t.UserID)
}

// confirmedBy reports whether secret is a used registration link whose
// registration is confirmed.
func (s *Service) confirmedBy(ctx context.Context, secret string) bool {
	t, err := s.store.FindToken(ctx, hashSecret(secret))
	if err != nil || t.Kind != kabinet.TokenConfirmEmail || t.UsedAt.IsZero() {
		return false
	}
	u, err := s.store.FindUserByID(ctx, t.UserID)
	return err == nil && u.Confirmed()
}

// validToken finds the unused, unexpired token of a link.
func (s *Service) validToken(ctx context.Context, secret string, kind kabinet.TokenKind) (*kabinet.Token, error) {
	if secret == "" {
		return nil, ErrLinkInvalid
	}
	t, err := s.store.FindToken(ctx, hashSecret(secret))
	switch {
	case kabinet.ErrorCode(err) == kabinet.ENOTFOUND:
		return nil, ErrLinkInvalid
	case err != nil:
		return nil, err
	case t.Kind != kind || !t.UsedAt.IsZero():
		return nil, ErrLinkInvalid
	case s.Now().After(t.ExpiresAt):
		return nil, ErrLinkExpired
	}
	return t, nil
}

// Pending is the state of an unconfirmed registration, for the page that
// says what to do next.
type Pending struct {
	By       kabinet.ConfirmBy
	Email    string // masked
	Phone    string // masked
	CodeSent bool   // an SMS code is waiting to be typed
	Verified bool   // the SMS code was typed right: «Подтверждено»
}

// PendingState returns the state of the visitor's unconfirmed registration.
func (s *Service) PendingState(ctx context.Context, v *Visitor) (*Pending, error) {
	if v.User == nil || v.User.Confirmed() {
		return nil, kabinet.Errorf(kabinet.ECONFLICT, "Регистрация уже подтверждена.")
	}
	p := &Pending{By: v.User.ConfirmBy, Email: kabinet.MaskEmail(v.User.Email), Phone: kabinet.MaskPhone(v.User.Phone)}
	if p.By != kabinet.ConfirmBySMS {
		return p, nil
	}
	t, err := s.store.FindLatestToken(ctx, v.User.ID, kabinet.TokenConfirmSMS)
	if kabinet.ErrorCode(err) == kabinet.ENOTFOUND {
		return p, nil
	} else if err != nil {
		return nil, err
	}
	p.Verified = !t.UsedAt.IsZero()
	p.CodeSent = !p.Verified && s.Now().Before(t.ExpiresAt) && t.Attempts < s.cfg.MaxCodeGuesses
	return p, nil
}

// SendCode sends a new SMS code for the visitor's unconfirmed registration
// («Отправить СМС» again).
func (s *Service) SendCode(ctx context.Context, v *Visitor) error {
	if v.User == nil || v.User.Confirmed() || v.User.ConfirmBy != kabinet.ConfirmBySMS {
		return kabinet.Errorf(kabinet.ECONFLICT, "Код по СМС для этой регистрации не нужен.")
	}
	if err := s.smsAllowed(ctx, v.User.Phone); err != nil {
		return err
	}
	code, stored := newCode()
	now := s.Now()
	t := &kabinet.Token{Hash: stored, Kind: kabinet.TokenConfirmSMS, UserID: v.User.ID, Target: v.User.Phone,
		CreatedAt: now, ExpiresAt: now.Add(s.cfg.CodeTTL)}
	return s.store.CreateToken(ctx, t, codeSMS(v.User.Phone, code, "регистрации"))
}

// VerifyCode checks a typed SMS code («ОК»). A code takes MaxCodeGuesses
// guesses, then a new one must be sent.
func (s *Service) VerifyCode(ctx context.Context, v *Visitor, code string) error {
	if v.User == nil || v.User.Confirmed() {
		return kabinet.Errorf(kabinet.ECONFLICT, "Регистрация уже подтверждена.")
	}
	if err := checkCodeFormat(code); err != nil {
		return err
	}
	t, err := s.guess(ctx, v.User.ID, kabinet.TokenConfirmSMS, code, "user:"+itoa(int(v.User.ID)))
	if err != nil {
		return err
	}
	return s.store.UseToken(ctx, t.ID)
}

// guess checks a code against the user's latest code of a kind, counting
// the guess first.
//
// Without a live code it still commits one write under pad, as counting
// the guess of a live code would: the time of the answer must not tell
// whether a code is waiting.
func (s *Service) guess(ctx context.Context, userID int64, kind kabinet.TokenKind, code, pad string) (*kabinet.Token, error) {
	t, err := s.store.FindLatestToken(ctx, userID, kind)
	if err != nil || !t.UsedAt.IsZero() || s.Now().After(t.ExpiresAt) {
		if _, err := s.store.Hit(ctx, "guess-pad:"+pad, s.cfg.CodeTTL); err != nil {
			return nil, err
		}
		return nil, FormErrors{"code": "Код устарел. Запросите новый код."}
	}
	n, err := s.store.CountTokenAttempt(ctx, t.ID)
	if err != nil {
		return nil, err
	}
	if n > s.cfg.MaxCodeGuesses {
		return nil, FormErrors{"code": "Слишком много неверных попыток. Запросите новый код."}
	}
	if !codeMatches(code, t.Hash) {
		if left := s.cfg.MaxCodeGuesses - n; left > 0 {
			return nil, FormErrors{"code": "Неверный код. Осталось попыток: " + itoa(left) + "."}
		}
		return nil, FormErrors{"code": "Неверный код. Попытки закончились — запросите новый код."}
	}
	return t, nil
}

// CompleteSMS completes a registration whose code was verified
// («Сохранить» after «Подтверждено») and returns the token of the new
// session: the customer is in the cabinet.
func (s *Service) CompleteSMS(ctx context.Context, v *Visitor, c Client) (string, error) {
	p, err := s.PendingState(ctx, v)
	if err != nil {
		return "", err
	}
	if !p.Verified {
		return "", FormErrors{"code": "Сначала подтвердите номер телефона кодом из СМС."}
	}
	token, sess := s.newSession(v.User.ID, v.Account.ID, c)
	return token, s.store.ConfirmVerifiedUser(ctx, v.User.ID, v.Session.TokenHash, sess)
}

// ResendConfirmation sends the registration link again.
func (s *Service) ResendConfirmation(ctx context.Context, v *Visitor) error {
	if v.User == nil || v.User.Confirmed() || v.User.ConfirmBy != kabinet.ConfirmByEmail {
		return kabinet.Errorf(kabinet.ECONFLICT, "Письмо для этой регистрации не нужно.")
	}
	if err := s.limit(ctx, "mail:"+itoa(int(v.User.ID)), s.cfg.MailPerUser, ErrTooMany); err != nil {
		return err
	}
	t, m, err := s.confirmation(v.User, v.Account)
	if err != nil {
		return err
	}
	t.UserID = v.User.ID
	return s.store.CreateToken(ctx, t, m)
}
