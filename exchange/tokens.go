package exchange

import (
	"context"
	"regexp"
	"strings"

	"kabinet"
	"kabinet/auth"
)

// TokenStore keeps machine clients' tokens and the audit log they write
// to. *sqlstore.DB satisfies it.
type TokenStore interface {
	CreateExchangeToken(ctx context.Context, t *kabinet.ExchangeToken) error
	UseExchangeToken(ctx context.Context, hash string) (*kabinet.ExchangeToken, error)
	FindExchangeTokens(ctx context.Context) ([]*kabinet.ExchangeToken, error)
	RevokeExchangeToken(ctx context.Context, name string) error
	CreateAuditEntry(ctx context.Context, e *kabinet.AuditEntry) error
}

// Tokens are the bearer tokens of machine clients: made by an
// administrator on the server's command line, shown once, kept hashed,
// revocable, and every use audited like an operator's action.
type Tokens struct {
	store TokenStore
}

// NewTokens returns the tokens kept in store.
func NewTokens(store TokenStore) *Tokens { return &Tokens{store: store} }

// TokenPrefix starts every exchange token, so that secret scanners and
// people recognise one in a log or a repository.
const TokenPrefix = "kbx_"

var tokenName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$`)

// ErrBadToken refuses a request whose bearer token is missing, unknown or
// revoked: one answer for all three.
var ErrBadToken = kabinet.Errorf(kabinet.EUNAUTHORIZED, "Нужен действующий токен обмена (Authorization: Bearer …)")

// Add makes a token and returns it: the only time it is seen.
func (s *Tokens) Add(ctx context.Context, name, scope string) (string, *kabinet.ExchangeToken, error) {
	if !tokenName.MatchString(name) {
		return "", nil, kabinet.Errorf(kabinet.EINVALID, "Имя токена — до 64 латинских букв, цифр, «.», «_», «-»: %q", name)
	}
	if scope != kabinet.ScopeExchange {
		return "", nil, kabinet.Errorf(kabinet.EINVALID, "Область токена может быть только %q", kabinet.ScopeExchange)
	}
	secret, _ := auth.NewToken()
	secret = TokenPrefix + secret
	t := &kabinet.ExchangeToken{Name: name, Scope: scope, Hash: auth.HashToken(secret)}
	if err := s.store.CreateExchangeToken(ctx, t); err != nil {
		return "", nil, err
	}
	return secret, t, nil
}

// Revoke stops the named token at once.
func (s *Tokens) Revoke(ctx context.Context, name string) error {
	return s.store.RevokeExchangeToken(ctx, name)
}

// List returns every token, revoked ones too.
func (s *Tokens) List(ctx context.Context) ([]*kabinet.ExchangeToken, error) {
	return s.store.FindExchangeTokens(ctx)
}

// Authenticate returns the working token an Authorization header carries,
// ErrBadToken otherwise.
func (s *Tokens) Authenticate(ctx context.Context, header string) (*kabinet.ExchangeToken, error) {
	scheme, secret, ok := strings.Cut(header, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") || !strings.HasPrefix(strings.TrimSpace(secret), TokenPrefix) {
		return nil, ErrBadToken
	}
	t, err := s.store.UseExchangeToken(ctx, auth.HashToken(strings.TrimSpace(secret)))
	if kabinet.ErrorCode(err) == kabinet.ENOTFOUND {
		return nil, ErrBadToken
	} else if err != nil {
		return nil, err
	}
	if t.Scope != kabinet.ScopeExchange {
		return nil, ErrBadToken
	}
	return t, nil
}

// Audit records what a token did, in the operators' audit log.
func (s *Tokens) Audit(ctx context.Context, t *kabinet.ExchangeToken, action kabinet.AuditAction, detail, ip string) error {
	return s.store.CreateAuditEntry(ctx, &kabinet.AuditEntry{TokenID: t.ID, OperatorLogin: t.Login(), Action: action,
		Detail: detail, IP: ip})
}
