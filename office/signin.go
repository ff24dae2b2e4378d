package office

import (
	"context"
	"time"

	"kabinet"
	"kabinet/auth"
	"kabinet/totp"
)

// SignIn checks a login, a password and a TOTP code, and starts a session:
// it returns the token for the cookie. Every refusal is ErrSignIn after
// the same work (one password hash); attempts past a limit are refused
// before it. A code is accepted once: the step it belongs to is recorded
// in the same statement that checks it was not used.
func (s *Service) SignIn(ctx context.Context, login, pw, code string, c Client) (string, *kabinet.Operator, error) {
	if err := s.limit(ctx, "office:ip:"+c.IP, s.cfg.SignInPerIP, ErrTooMany); err != nil {
		return "", nil, err
	}
	login = kabinet.NormalizeLogin(login)
	key := "office:login:" + login
	// Counted before the hash: of many attempts at once, only the first
	// few are ever checked.
	if err := s.limit(ctx, key, s.cfg.LoginFailures, ErrLocked); err != nil {
		return "", nil, err
	}
	o, err := s.store.FindOperatorByLogin(ctx, login)
	if kabinet.ErrorCode(err) == kabinet.ENOTFOUND {
		s.hasher.Compare(ctx, pw, "")
		return "", nil, ErrSignIn
	} else if err != nil {
		return "", nil, err
	}
	ok, err := s.hasher.Compare(ctx, pw, o.PasswordHash)
	if err != nil || !ok || o.Disabled || !s.codeOnce(ctx, o, code) {
		return "", nil, ErrSignIn
	}
	if err := s.store.ResetHits(ctx, key); err != nil {
		return "", nil, err
	}
	token, hash := auth.NewToken()
	now := s.Now()
	sess := &kabinet.OperatorSession{TokenHash: hash, OperatorID: o.ID, CreatedAt: now, SeenAt: now, IP: c.IP, UserAgent: truncate(c.UserAgent, 256)}
	if err := s.store.CreateOperatorSession(ctx, sess); err != nil {
		return "", nil, err
	}
	return token, o, nil
}

// codeOnce reports whether code is the operator's current code (or the
// one before or after) and was not used before, and records its use.
func (s *Service) codeOnce(ctx context.Context, o *kabinet.Operator, code string) bool {
	key, err := totp.Decode(o.TOTPSecret)
	if err != nil {
		return false
	}
	step, ok := totp.Match(key, code, s.Now())
	return ok && s.store.UseTOTPStep(ctx, o.ID, step) == nil
}

func (s *Service) limit(ctx context.Context, key string, l auth.Limit, refusal error) error {
	return l.Check(ctx, s.store, key, refusal)
}

// Visit returns the operator holding the session token, ErrNoSession if
// none: no such session, it ended (idle or too old), or the operator was
// disabled since.
func (s *Service) Visit(ctx context.Context, token string) (*kabinet.Operator, error) {
	if token == "" {
		return nil, ErrNoSession
	}
	hash := auth.HashToken(token)
	sess, err := s.store.FindOperatorSession(ctx, hash)
	if kabinet.ErrorCode(err) == kabinet.ENOTFOUND {
		return nil, ErrNoSession
	} else if err != nil {
		return nil, err
	}
	now := s.Now()
	if now.Sub(sess.SeenAt) > s.cfg.IdleTimeout || now.Sub(sess.CreatedAt) > s.cfg.AbsoluteTimeout {
		return nil, orElse(s.store.DeleteOperatorSession(ctx, hash), ErrNoSession)
	}
	o, err := s.store.FindOperatorByID(ctx, sess.OperatorID)
	if err != nil {
		return nil, err
	}
	if o.Disabled {
		return nil, orElse(s.store.DeleteOperatorSession(ctx, hash), ErrNoSession)
	}
	if now.Sub(sess.SeenAt) > time.Minute { // one write a minute at most
		if err := s.store.TouchOperatorSession(ctx, hash); err != nil {
			return nil, err
		}
	}
	return o, nil
}

// orElse returns err if there was one, else otherwise.
func orElse(err, otherwise error) error {
	if err != nil {
		return err
	}
	return otherwise
}

// SignOut ends the session.
func (s *Service) SignOut(ctx context.Context, token string) error {
	return s.store.DeleteOperatorSession(ctx, auth.HashToken(token))
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n]
}
