package kabinet

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
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
	// Display is the account's number as the supplier prints it; the
	// store fills it when it lists a user's accounts, for the switcher.
	Display string
}

// Label is how the customer sees the account in lists: the name they gave
// it, else its number.
func (ua *UserAccount) Label() string {
	if ua.Name != "" {
		return ua.Name
	}
	return ua.Display
}

// MaxAccountNameLen is the longest name a customer may give an account, in
// characters: it has to fit the account switcher on a phone.
const MaxAccountNameLen = 40

// ParseAccountName checks a name a customer gives an account
// («Наименование счета», DATA-2) and returns it with spaces tidied. An
// empty name is allowed: it removes the name.
func ParseAccountName(s string) (string, error) {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) > MaxAccountNameLen {
		return "", Errorf(EINVALID, "Наименование не может быть длиннее %d символов.", MaxAccountNameLen)
	}
	for _, r := range s {
		if !unicode.IsPrint(r) || r == utf8.RuneError {
			return "", Errorf(EINVALID, "Наименование может состоять только из букв, цифр, пробелов и знаков препинания.")
		}
	}
	return s, nil
}

// NormalizeEmail trims and lower-cases an e-mail address, so that one
// address is counted once however it is typed.
func NormalizeEmail(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// AccountLink is a person who reaches an account she did not register,
// or asks to (DATA-3): what its owner sees in «Личные данные» to revoke
// or to decide on.
type AccountLink struct {
	UserID int64
	// RequestID is a request waiting for the owner's consent; 0 for a
	// link in place.
	RequestID int64
	Email     string // the linker's registration e-mail
	CreatedAt time.Time
}
