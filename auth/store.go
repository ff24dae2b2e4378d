package auth

import (
	"context"
	"time"

	"kabinet"
)

// Store is what sign-in needs from the database.
type Store interface {
	FindAccountByNumber(ctx context.Context, n kabinet.AccountNumber) (*kabinet.Account, error)
	FindAccountByID(ctx context.Context, id int64) (*kabinet.Account, error)
	FindOwner(ctx context.Context, accountID int64) (*kabinet.User, error)
	FindUserByID(ctx context.Context, id int64) (*kabinet.User, error)
	FindOwnedAccount(ctx context.Context, userID int64) (int64, error)
	FindUserAccount(ctx context.Context, userID, accountID int64) (*kabinet.UserAccount, error)
	CountUsersByEmail(ctx context.Context, email string) (int, error)

	FindUserAccounts(ctx context.Context, userID int64) ([]*kabinet.UserAccount, error)
	LinkAccount(ctx context.Context, userID, accountID int64, notices []*kabinet.Message) error
	CreateLinkRequest(ctx context.Context, userID, accountID int64, notices []*kabinet.Message) error
	FindAccountLinks(ctx context.Context, accountID int64) ([]*kabinet.AccountLink, error)
	ApproveLinkRequest(ctx context.Context, accountID, requestID int64) error
	DeleteLinkRequest(ctx context.Context, accountID, requestID int64) error
	UnlinkAccount(ctx context.Context, userID, accountID int64) error
	NameAccount(ctx context.Context, userID, accountID int64, name string) error

	Hit(ctx context.Context, key string, window time.Duration) (int, error)
	ResetHits(ctx context.Context, key string) error

	CreateSession(ctx context.Context, s *kabinet.Session) error
	ReplaceSession(ctx context.Context, old string, s *kabinet.Session) error
	FindSession(ctx context.Context, hash string) (*kabinet.Session, error)
	// FindVisit is FindSession with the session's account and user, the
	// accounts the user reaches and the number on the bell, in one round
	// trip; ENOTFOUND for a session without a user.
	FindVisit(ctx context.Context, hash string) (*kabinet.Visit, error)
	TouchSession(ctx context.Context, hash string) error
	DeleteSession(ctx context.Context, hash string) error
	FindUserSessions(ctx context.Context, userID int64) ([]*kabinet.Session, error)
	EndUserSessions(ctx context.Context, userID int64, keep string, e *kabinet.AuditEntry) (int, error)
	EndUserSession(ctx context.Context, userID int64, hash string, e *kabinet.AuditEntry) error

	Register(ctx context.Context, r *kabinet.NewRegistration) error
	CreateToken(ctx context.Context, t *kabinet.Token, m *kabinet.Message) error
	FindToken(ctx context.Context, hash string) (*kabinet.Token, error)
	FindLatestToken(ctx context.Context, userID int64, kind kabinet.TokenKind) (*kabinet.Token, error)
	CountTokenAttempt(ctx context.Context, id int64) (int, error)
	UseToken(ctx context.Context, id int64) error
	ConfirmUser(ctx context.Context, tokenID, userID int64) error
	ConfirmVerifiedUser(ctx context.Context, userID int64, old string, s *kabinet.Session) error
	SetPassword(ctx context.Context, tokenID, userID int64, hash string, s *kabinet.Session) error
	ChangePassword(ctx context.Context, userID int64, hash, keep string, notices []*kabinet.Message, e *kabinet.AuditEntry) error
	ChangeContact(ctx context.Context, t *kabinet.Token, notices []*kabinet.Message, e *kabinet.AuditEntry) error
}

// Messages writes the letters and texts sign-in sends, in Russian.
type Messages interface {
	ConfirmEmail(to, accountNumber, link string, expires time.Time) (*kabinet.Message, error)
	ResetEmail(to, accountNumber, link string, expires time.Time) (*kabinet.Message, error)
}
