package auth

import (
	"context"

	"kabinet"
	"kabinet/password"
)

// ForgotPassword sends a reset link by e-mail or a code by SMS to the
// contacts of the account's registration (AUTH-7). It answers the same
// whether or not the account exists, is registered, or has that contact:
// the page always says "if the account is registered, we sent…".
func (s *Service) ForgotPassword(ctx context.Context, number string, by kabinet.ConfirmBy, c Client) error {
	n, err := kabinet.ParseAccountNumber(number)
	if err != nil {
		return FormErrors{"account": kabinet.ErrorMessage(err)}
	}
	if err := s.limit(ctx, "reset:ip:"+c.IP, s.cfg.ResetPerIP, ErrTooMany); err != nil {
		return err
	}
	a, err := s.store.FindAccountByNumber(ctx, n)
	if err != nil {
		return quiet(err)
	}
	u, err := s.store.FindOwner(ctx, a.ID)
	if err != nil {
		return quiet(err)
	}
	if by == kabinet.ConfirmBySMS {
		return quiet(s.sendResetCode(ctx, u))
	}
	return quiet(s.sendResetLink(ctx, u, a))
}

// quiet hides the refusals that would tell a stranger something about an
// account; only real failures go on.
func quiet(err error) error {
	switch kabinet.ErrorCode(err) {
	case kabinet.ENOTFOUND, kabinet.EFORBIDDEN, kabinet.EINVALID:
		return nil
	}
	return err
}

func (s *Service) sendResetLink(ctx context.Context, u *kabinet.User, a *kabinet.Account) error {
	if u.Email == "" {
		return nil
	}
	if err := s.limit(ctx, "mail:"+itoa(int(u.ID)), s.cfg.MailPerUser, ErrTooMany); err != nil {
		return err
	}
	secret, hash := newSecret()
	now := s.Now()
	t := &kabinet.Token{Hash: hash, Kind: kabinet.TokenResetEmail, UserID: u.ID, Target: u.Email, CreatedAt: now, ExpiresAt: now.Add(s.cfg.ResetLinkTTL)}
	m, err := s.messages.ResetEmail(u.Email, a.Display, s.link("/password/reset", secret), t.ExpiresAt)
	if err != nil {
		return err
	}
	return s.store.CreateToken(ctx, t, m)
}

func (s *Service) sendResetCode(ctx context.Context, u *kabinet.User) error {
	if u.Phone == "" {
		return nil
	}
	if err := s.smsAllowed(ctx, u.Phone); err != nil {
		return err
	}
	code, stored := newCode()
	now := s.Now()
	t := &kabinet.Token{Hash: stored, Kind: kabinet.TokenResetSMS, UserID: u.ID, Target: u.Phone, CreatedAt: now, ExpiresAt: now.Add(s.cfg.CodeTTL)}
	return s.store.CreateToken(ctx, t, codeSMS(u.Phone, code, "смены пароля"))
}

// CheckResetLink tells whether a reset link is still good, before the form
// for the new password is shown.
func (s *Service) CheckResetLink(ctx context.Context, secret string) error {
	_, err := s.validToken(ctx, secret, kabinet.TokenResetEmail)
	return err
}

// ResetByLink sets a new password through a reset link, ends every other
// session of the user and returns the token of a new one.
func (s *Service) ResetByLink(ctx context.Context, secret, pw, confirm string, c Client) (string, error) {
	if err := checkNewPassword(pw, confirm); err != nil {
		return "", err
	}
	t, err := s.validToken(ctx, secret, kabinet.TokenResetEmail)
	if err != nil {
		return "", err
	}
	return s.setPassword(ctx, t, pw, c)
}

// ResetByCode sets a new password with an SMS code. A wrong number and a
// wrong code get the same answer, and guesses are counted per number.
func (s *Service) ResetByCode(ctx context.Context, number, code, pw, confirm string, c Client) (string, error) {
	if err := checkNewPassword(pw, confirm); err != nil {
		return "", err
	}
	wrong := FormErrors{"code": "Неверный или устаревший код."}
	n, err := kabinet.ParseAccountNumber(number)
	if err != nil {
		return "", wrong
	}
	if err := s.limit(ctx, "reset-code:"+n.String(), Limit{s.cfg.MaxCodeGuesses, s.cfg.CodeTTL}, wrong); err != nil {
		return "", err
	}
	a, err := s.store.FindAccountByNumber(ctx, n)
	if err != nil {
		return "", wrong
	}
	u, err := s.store.FindOwner(ctx, a.ID)
	if err != nil {
		return "", wrong
	}
	t, err := s.guess(ctx, u.ID, kabinet.TokenResetSMS, code)
	if err != nil {
		return "", err
	}
	return s.setPassword(ctx, t, pw, c)
}

func checkNewPassword(pw, confirm string) error {
	errs := FormErrors{}
	errs.check("password", password.Check(pw))
	if pw != confirm {
		errs["confirm"] = "Пароли не совпадают."
	}
	return errs.err()
}

func (s *Service) setPassword(ctx context.Context, t *kabinet.Token, pw string, c Client) (string, error) {
	hash, err := s.hasher.Hash(ctx, pw)
	if err != nil {
		return "", err
	}
	u, err := s.store.FindUserByID(ctx, t.UserID)
	if err != nil {
		return "", err
	}
	a, err := s.store.FindOwnedAccount(ctx, u.ID)
	if err != nil {
		return "", err
	}
	token, sess := s.newSession(u.ID, a, c)
	if err := s.store.SetPassword(ctx, t.ID, u.ID, hash, sess); err != nil {
		return "", err
	}
	return token, nil
}
