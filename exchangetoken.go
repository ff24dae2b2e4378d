package kabinet

import "time"

// ScopeExchange is the scope of a machine client's token that reaches the
// billing exchange (/api/exchange/v1/) and nothing else.
const ScopeExchange = "exchange"

// ExchangeToken is a machine client's bearer token (the supplier's billing
// system). Only its hash is kept; a revoked token is kept too, because the
// audit log names it.
type ExchangeToken struct {
	ID         int64
	Name       string
	Scope      string
	Hash       string
	CreatedAt  time.Time
	LastUsedAt time.Time // zero until first used
	RevokedAt  time.Time // zero while it works
}

// Login is how the audit log names the token among operators.
func (t *ExchangeToken) Login() string { return "token:" + t.Name }
