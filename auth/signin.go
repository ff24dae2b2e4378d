package auth

import (
	"context"
	"strconv"
	"time"

	"kabinet"
)

// SignedIn is the outcome of a successful «Войти»: the token of the new
// session for the cookie, and whether the surname opened registration.
type SignedIn struct {
	Token       string
	Registering bool
}

// SignIn checks an account number with a surname (first visit) or a
// password. Every refusal for a wrong number, surname or password, or an
// account that is not the kind the secret fits, is the same ErrSignIn after
// the same work: one password hash. Attempts over a limit are refused
// before the hash.
func (s *Service) SignIn(ctx context.Context, number, secret string, c Client) (*SignedIn, error) {
	at, err := s.attempt(ctx, number, c)
	if err != nil {
		return nil, err
	}
	if at.account == nil {
		s.hasher.Compare(ctx, secret, "")
		return nil, ErrSignIn
	}
	owner, err := s.registeredOwner(ctx, at.account.ID)
	if err != nil {
		return nil, err
	}
	if owner == nil {
		return s.firstVisit(ctx, at, secret, c)
	}
	ok, err := s.hasher.Compare(ctx, secret, owner.PasswordHash)
	if err != nil || !ok {
		return nil, ErrSignIn
	}
	if c.Device != "" && !owner.Confirmed() {
		return nil, ErrConfirmFirst
	}
	return s.startSession(ctx, at.key, owner.ID, at.account.ID, c)
}

// attempt is one try of an account number with a secret (a surname or a
// password), counted before any work is done on it.
type attempt struct {
	number  kabinet.AccountNumber
	account *kabinet.Account // nil when no account has the number
	key     string           // the counter of failures for the account
}

// attempt parses the number, counts the try against the client's address
// and against the account (or the number, when no account has it), and
// refuses it past either limit. Every place that takes a number and a
// secret goes through here, so none of them is a way round the limits.
func (s *Service) attempt(ctx context.Context, number string, c Client) (*attempt, error) {
	n, err := kabinet.ParseAccountNumber(number)
	if err != nil {
		return nil, err
	}
	if err := s.limit(ctx, "signin:ip:"+c.IP, s.cfg.SignInPerIP, ErrTooMany); err != nil {
		return nil, err
	}
	at := &attempt{number: n, key: "signin:number:" + n.String()}
	at.account, err = s.store.FindAccountByNumber(ctx, n)
	if err == nil {
		at.key = "signin:account:" + strconv.FormatInt(at.account.ID, 10)
	} else if kabinet.ErrorCode(err) != kabinet.ENOTFOUND {
		return nil, err
	}
	// The failure counter goes up before the hash, so that of fifty
	// attempts at once only the first ten are ever checked.
	if err := s.limit(ctx, at.key, s.cfg.AccountFailures, ErrLocked); err != nil {
		return nil, err
	}
	return at, nil
}

// bySurname reports whether secret is the owner's surname, typed with the
// number's letter part (AUTH-2): the digits alone are printed in too many
// places to open an account with a surname.
func (at *attempt) bySurname(secret string) bool {
	hasLetters := at.number.HasPrefix() || !at.account.Number.HasPrefix()
	return hasLetters && kabinet.SurnameMatches(secret, at.account.Surname)
}

// firstVisit opens registration for the owner's surname with the number
// typed with its letter part (AUTH-2).
func (s *Service) firstVisit(ctx context.Context, at *attempt, surname string, c Client) (*SignedIn, error) {
	s.hasher.Compare(ctx, surname, "") // the same work as a password check
	if !at.bySurname(surname) {
		return nil, ErrSignIn
	}
	if c.Device != "" { // the app hands registration over to the portal
		return nil, ErrRegisterFirst
	}
	in, err := s.startSession(ctx, at.key, 0, at.account.ID, c)
	if in != nil {
		in.Registering = true
	}
	return in, err
}

// registeredOwner returns the account's registration, or nil if it has none
// or only an unconfirmed one whose confirmation time ran out.
func (s *Service) registeredOwner(ctx context.Context, accountID int64) (*kabinet.User, error) {
	u, err := s.store.FindOwner(ctx, accountID)
	switch {
	case kabinet.ErrorCode(err) == kabinet.ENOTFOUND:
		return nil, nil
	case err != nil:
		return nil, err
	case s.stale(u):
		return nil, nil
	}
	return u, nil
}

// stale reports whether an unconfirmed registration ran out of time: its
// account may be registered again (AUTH-4).
func (s *Service) stale(u *kabinet.User) bool {
	return !u.Confirmed() && s.Now().After(u.CreatedAt.Add(s.cfg.EmailLinkTTL))
}

func (s *Service) startSession(ctx context.Context, key string, userID, accountID int64, c Client) (*SignedIn, error) {
	if err := s.store.ResetHits(ctx, key); err != nil {
		return nil, err
	}
	token, sess := s.newSession(userID, accountID, c)
	if err := s.store.CreateSession(ctx, sess); err != nil {
		return nil, err
	}
	return &SignedIn{Token: token}, nil
}

func (s *Service) newSession(userID, accountID int64, c Client) (string, *kabinet.Session) {
	token, hash := newSecret()
	now := s.Now()
	sess := &kabinet.Session{TokenHash: hash, UserID: userID, AccountID: accountID, CreatedAt: now, SeenAt: now,
		IP: c.IP, UserAgent: truncate(c.UserAgent, 256), Kind: kabinet.SessionBrowser}
	if c.Device != "" {
		sess.Kind, sess.Device = kabinet.SessionDevice, truncate(c.Device, 100)
	}
	return token, sess
}

// limit counts an event under key and refuses it with refusal past the
// limit.
func (s *Service) limit(ctx context.Context, key string, l Limit, refusal error) error {
	return l.Check(ctx, s.store, key, refusal)
}

// Hitter counts events in the database (the store's rate_limits).
type Hitter interface {
	Hit(ctx context.Context, key string, window time.Duration) (int, error)
}

// Check counts an event under key and returns refusal past the limit.
// The back office's limits go through it too.
func (l Limit) Check(ctx context.Context, h Hitter, key string, refusal error) error {
	n, err := h.Hit(ctx, key, l.Window)
	if err != nil {
		return err
	}
	if n > l.N {
		return refusal
	}
	return nil
}

// SignOut ends the session.
func (s *Service) SignOut(ctx context.Context, token string) error {
	return s.store.DeleteSession(ctx, hashSecret(token))
}

// Visitor is who holds a session: the session, its account, and the user
// (nil on a first visit).
type Visitor struct {
	Session *kabinet.Session
	Account *kabinet.Account
	User    *kabinet.User
	// Reached are the accounts the user reaches and Unread the number on
	// the bell, read with the session (issue 17); Reached is nil when they
	// were not, and Accounts reads them.
	Reached []*kabinet.UserAccount
	Unread  int
}

// Confirmed reports whether the visitor may use the cabinet: signed in
// with a confirmed registration.
func (v *Visitor) Confirmed() bool { return v.User != nil && v.User.Confirmed() }

// Visit returns who holds the session token, ErrNoSession if nobody does:
// no such session, or it ended (idle, absolute or registration timeout).
func (s *Service) Visit(ctx context.Context, token string) (*Visitor, error) {
	if token == "" {
		return nil, ErrNoSession
	}
	// A signed-in customer's session, account, user, reached accounts and
	// bell come in one round trip: every page starts here (issue 17).
	var sess *kabinet.Session
	seen, err := s.store.FindVisit(ctx, hashSecret(token))
	if err == nil {
		sess = seen.Session
	} else if kabinet.ErrorCode(err) == kabinet.ENOTFOUND { // registering, or none
		seen = &kabinet.Visit{}
		sess, err = s.store.FindSession(ctx, hashSecret(token))
	}
	if kabinet.ErrorCode(err) == kabinet.ENOTFOUND {
		return nil, ErrNoSession
	} else if err != nil {
		return nil, err
	}
	if s.expired(sess) {
		if err := s.store.DeleteSession(ctx, sess.TokenHash); err != nil {
			return nil, err
		}
		return nil, ErrNoSession
	}
	if s.Now().Sub(sess.SeenAt) > time.Minute { // one write a minute at most
		if err := s.store.TouchSession(ctx, sess.TokenHash); err != nil {
			return nil, err
		}
	}
	v := &Visitor{Session: sess, Account: seen.Account, User: seen.User, Reached: seen.Reached, Unread: seen.Unread}
	if v.Account != nil {
		return v, nil
	}
	if v.Account, err = s.store.FindAccountByID(ctx, sess.AccountID); err != nil {
		return nil, err
	}
	if sess.UserID != 0 {
		if v.User, err = s.store.FindUserByID(ctx, sess.UserID); err != nil {
			return nil, err
		}
	}
	return v, nil
}

func (s *Service) expired(sess *kabinet.Session) bool {
	now := s.Now()
	if sess.Registering() {
		return now.Sub(sess.CreatedAt) > s.cfg.RegisterWindow
	}
	if sess.Kind == kabinet.SessionDevice {
		return now.Sub(sess.SeenAt) > kabinet.DeviceSessionIdle ||
			(s.cfg.DeviceAbsoluteTimeout > 0 && now.Sub(sess.CreatedAt) > s.cfg.DeviceAbsoluteTimeout)
	}
	return now.Sub(sess.SeenAt) > s.cfg.IdleTimeout || now.Sub(sess.CreatedAt) > s.cfg.AbsoluteTimeout
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n]
}
