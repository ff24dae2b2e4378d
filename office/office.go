// Package office is the back office's application service: operators and
// their sign-in with a password and a TOTP code, roles, looking customers'
// accounts up, deleting a registration so the customer can register again
// (AUTH-9), and the audit log of every operator view or change of personal
// data. It knows nothing of HTTP; the web adapter serves it under /office/.
package office

import (
	"context"
	"time"

	"kabinet"
	"kabinet/auth"
	"kabinet/password"
)

// Client is where a request came from: the audit log records the address.
type Client = auth.Client

// Config holds the back office's limits. DefaultConfig has the values in
// force.
type Config struct {
	// Issuer names the supplier in operators' authenticator apps.
	Issuer string
	// Calendar is the application's clock: sessions, codes and the audit
	// log's times.
	Calendar kabinet.Calendar
	// Sessions end sooner than customers' (30 min idle, 12 h): an operator
	// sees every customer's data.
	IdleTimeout     time.Duration
	AbsoluteTimeout time.Duration
	// LoginFailures locks a login after that many failed sign-ins;
	// SignInPerIP limits the attempts from one address.
	LoginFailures auth.Limit
	SignInPerIP   auth.Limit
	// SearchLimit is the most accounts one look-up lists.
	SearchLimit int
}

// DefaultConfig returns the limits in force.
func DefaultConfig() Config {
	return Config{
		Issuer:          "Демо-Энергосбыт",
		IdleTimeout:     15 * time.Minute,
		AbsoluteTimeout: 8 * time.Hour,
		LoginFailures:   auth.Limit{N: 5, Window: 15 * time.Minute},
		SignInPerIP:     auth.Limit{N: 30, Window: 10 * time.Minute},
		SearchLimit:     50,
	}
}

// Store is what the back office needs from the database.
type Store interface {
	CreateOperator(ctx context.Context, o *kabinet.Operator) error
	FindOperatorByLogin(ctx context.Context, login string) (*kabinet.Operator, error)
	FindOperatorByID(ctx context.Context, id int64) (*kabinet.Operator, error)
	FindOperators(ctx context.Context) ([]*kabinet.Operator, error)
	UseTOTPStep(ctx context.Context, operatorID, step int64) error
	SetOperatorPassword(ctx context.Context, operatorID int64, hash string) error

	CreateOperatorSession(ctx context.Context, s *kabinet.OperatorSession) error
	FindOperatorSession(ctx context.Context, hash string) (*kabinet.OperatorSession, error)
	TouchOperatorSession(ctx context.Context, hash string) error
	DeleteOperatorSession(ctx context.Context, hash string) error

	Hit(ctx context.Context, key string, window time.Duration) (int, error)
	ResetHits(ctx context.Context, key string) error

	FindAccountByNumber(ctx context.Context, n kabinet.AccountNumber) (*kabinet.Account, error)
	FindAccountByID(ctx context.Context, id int64) (*kabinet.Account, error)
	SearchAccounts(ctx context.Context, q kabinet.AccountSearch) ([]*kabinet.Account, error)
	FindProviders(ctx context.Context) ([]*kabinet.Provider, error)
	FindSubAccounts(ctx context.Context, accountID int64) ([]*kabinet.SubAccount, error)
	FindTotals(ctx context.Context, subAccountID int64) (kabinet.Totals, error)
	FindLedgerEntries(ctx context.Context, f kabinet.LedgerFilter) ([]*kabinet.LedgerEntry, error)
	FindMeters(ctx context.Context, accountID int64) ([]*kabinet.Meter, error)
	FindReadings(ctx context.Context, f kabinet.ReadingFilter) ([]*kabinet.Reading, error)
	FindOwner(ctx context.Context, accountID int64) (*kabinet.User, error)
	FindAccountUsers(ctx context.Context, accountID int64) ([]*kabinet.AccountUser, error)
	FindServiceSettings(ctx context.Context, accountID int64) (*kabinet.ServiceSettings, error)

	CreateAuditEntry(ctx context.Context, e *kabinet.AuditEntry) error
	DeleteUserAudited(ctx context.Context, userID int64, e *kabinet.AuditEntry) error
	FindAuditEntries(ctx context.Context, f kabinet.AuditFilter) ([]*kabinet.AuditEntry, error)
}

// Service is the back office.
type Service struct {
	store  Store
	hasher *password.Hasher
	cfg    Config
	// requests is the operators' work on requests; nil for the commands
	// that only manage operators.
	requests Requests
	// Calendar is cfg.Calendar; tests move its clock.
	kabinet.Calendar
}

// New returns the service working requests through reqs (nil: none, for
// the commands that only manage operators).
func New(store Store, reqs Requests, hasher *password.Hasher, cfg Config) *Service {
	return &Service{store: store, requests: reqs, hasher: hasher, cfg: cfg, Calendar: cfg.Calendar}
}

// Errors the pages tell apart. Every refused sign-in is one error: the
// answer must not say whether the login, the password or the code was
// wrong, nor that the code was right but used already.
var (
	ErrSignIn    = kabinet.Errorf(kabinet.EUNAUTHORIZED, "Неверный логин, пароль или код подтверждения.")
	ErrLocked    = kabinet.Errorf(kabinet.EFORBIDDEN, "Слишком много неудачных попыток входа. Попробуйте снова через 15 минут.")
	ErrTooMany   = kabinet.Errorf(kabinet.EFORBIDDEN, "Слишком много запросов. Подождите немного и попробуйте снова.")
	ErrNoSession = kabinet.Errorf(kabinet.EUNAUTHORIZED, "Сеанс завершён. Войдите снова.")
	ErrAdminOnly = kabinet.Errorf(kabinet.EFORBIDDEN, "Эта страница доступна только администраторам.")
)
