package kabinet

import (
	"strings"
	"time"
)

// ConfirmBy is how a registration is confirmed (AUTH-4, AUTH-5).
type ConfirmBy string

// Confirmation channels.
const (
	ConfirmByEmail ConfirmBy = "email"
	ConfirmBySMS   ConfirmBy = "sms"
)

// User is one registration in the cabinet: the password and the contacts
// given when the owner of an account registered. One user reaches one or
// more accounts (UserAccount).
type User struct {
	ID                int64
	PasswordHash      string
	Email             string // lower-case
	Phone             string // 79XXXXXXXXX, or ""
	ConfirmBy         ConfirmBy
	ConfirmedAt       time.Time // zero until confirmed
	CreatedAt         time.Time
	PasswordChangedAt time.Time
}

// Confirmed reports whether the registration was confirmed.
func (u *User) Confirmed() bool { return !u.ConfirmedAt.IsZero() }

// UserAccount is an account a user reaches: the one the user registered
// (Owner) or one linked later, with the name the customer gave it.
type UserAccount struct {
	UserID    int64
	AccountID int64
	Owner     bool
	Name      string
	CreatedAt time.Time
}

// NormalizeEmail trims and lower-cases an e-mail address, so that one
// address is counted once however it is typed.
func NormalizeEmail(s string) string { return strings.ToLower(strings.TrimSpace(s)) }
