package auth

import (
	"context"

	"kabinet"
	"kabinet/password"
)

// ForgotPassword sends a reset link by e-mail or a code by SMS to the
// contacts of the account's registration (AUTH-7). It answers the same,
// after the same work, whether or not the account exists, is registered,
// or has that contact: the page always says "if the account is
// registered, we sent…". The answer waits only for the number's check and
// the per-address limit; finding the account and writing the letter are
// done after it (Background), since a letter written for one account and
// none for another would take measurably different time.
func (s *Service) ForgotPassword(ctx context.Context, number string, by kabinet.ConfirmBy, c Client) error {
	n, err := kabinet.ParseAccountNumber(number)
	if err != nil {
		return FormErrors{"account": kabinet.ErrorMessage(err)}
	}
	if err := s.limit(ctx, "reset:ip:"+c.IP, s.cfg.ResetPerIP, ErrTooMany); err != nil {
		return err
	}
	ctx = context.WithoutCancel(ctx)
	s.Background(func() {
		if err := s.sendReset(ctx, n, by); err != nil {
			s.Log.ErrorContext(ctx, "password reset", "err", err)
		}
	})
	return nil
}

// sendReset finds the registration of number and sends it the link or
// the code, if there is one.
func (s *Service) sendReset(ctx context.Context, n kabinet.AccountNumber, by kabinet.ConfirmBy) error {
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
	_, err := s.resetLink(ctx, secret)
	return err
}

// resetLink finds the token of a reset link that is still good: unused,
// unexpired, and the newest sent for its account. A letter sent earlier
// dies with the next one, so one link at a time can change the password.
func (s *Service) resetLink(ctx context.Context, secret string) (*kabinet.Token, error) {
	t, err := s.validToken(ctx, secret, kabinet.TokenResetEmail)
	if err != nil {
		return nil, err
	}
	latest, err := s.store.FindLatestToken(ctx, t.UserID, kabinet.TokenResetEmail)
	if err != nil {
		return nil, err
	}
	if latest.ID != t.ID {
		return nil, ErrLinkInvalid
	}
	return t, nil
}

// ResetByLink sets a new password through a reset link, ends every other
// session of the user and returns the token of a new one.
func (s *Service) ResetByLink(ctx context.Context, secret, pw, confirm string, c Client) (string, error) {
	if err := checkNewPassword(pw, confirm); err != nil {
		return "", err
	}
	t, err := s.resetLink(ctx, secret)
	if err != nil {
		return "", err
	}
	return s.setPassword(ctx, t, pw, c)
}

// ResetByCode sets a new password with an SMS code. Every wrong case —
// no such number, no registration, no code sent, a wrong, used or expired
// code, too many guesses — gets the same answer after the same queries,
// so the code form tells nobody which accounts are registered or wait for
// a code. Guesses are counted per number.
func (s *Service) ResetByCode(ctx context.Context, number, code, pw, confirm string, c Client) (string, error) {
	if err := checkNewPassword(pw, confirm); err != nil {
		return "", err
	}
	if err := checkCodeFormat(code); err != nil {
		return "", err
	}
	n, err := kabinet.ParseAccountNumber(number)
	if err != nil {
		return "", errWrongCode
	}
	if err := s.limit(ctx, "reset-code:"+n.String(), Limit{s.cfg.MaxCodeGuesses, s.cfg.CodeTTL}, errWrongCode); err != nil {
		return "", err
	}
	t, err := s.resetCode(ctx, n, code)
	if err != nil {
		return "", err
	}
	return s.setPassword(ctx, t, pw, c)
}

// errWrongCode is the one answer of every wrong code for a reset.
var errWrongCode = FormErrors{"code": "Неверный или устаревший код."}

// resetCode returns the number's reset code token if code is it. Each
// step runs whether or not the one before found anything (with ID 0,
// which finds nothing), so every wrong case costs the same queries.
func (s *Service) resetCode(ctx context.Context, n kabinet.AccountNumber, code string) (*kabinet.Token, error) {
	var accountID, userID int64
	a, err := s.store.FindAccountByNumber(ctx, n)
	if err == nil {
		accountID = a.ID
	} else if kabinet.ErrorCode(err) != kabinet.ENOTFOUND {
		return nil, err
	}
	u, err := s.store.FindOwner(ctx, accountID)
	if err == nil {
		userID = u.ID
	} else if kabinet.ErrorCode(err) != kabinet.ENOTFOUND {
		return nil, err
	}
	t, err := s.guess(ctx, userID, kabinet.TokenResetSMS, code, n.String())
	if _, wrong := err.(FormErrors); wrong || (err == nil && userID == 0) {
		return nil, errWrongCode
	}
	return t, err
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
