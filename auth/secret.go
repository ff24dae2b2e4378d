package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"math/big"
	"strings"
)

// newSecret returns a random secret for a cookie or a link, and the hash
// that is stored in its place: whoever reads the database cannot sign in
// with what they read.
func newSecret() (secret, hash string) {
	b := make([]byte, 32)
	rand.Read(b)
	secret = base64.RawURLEncoding.EncodeToString(b)
	return secret, hashSecret(secret)
}

func hashSecret(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}

// newCode returns a six-digit SMS code and its stored form: a random salt
// and the hash of salt and code. The salt keeps the stored form unique and
// useless for looking codes up.
func newCode() (code, stored string) {
	n, _ := rand.Int(rand.Reader, big.NewInt(1_000_000))
	code = fmt.Sprintf("%06d", n.Int64())
	salt := make([]byte, 16)
	rand.Read(salt)
	s := hex.EncodeToString(salt)
	return code, s + ":" + hashSecret(s+":"+code)
}

// errCodeFormat answers a typed code that cannot be one: it is said
// before anything is counted, so a slip of the finger («12345», a letter)
// does not use up a guess.
var errCodeFormat = FormErrors{"code": "Код из СМС — это 6 цифр."}

// checkCodeFormat refuses a typed code that is not six digits.
func checkCodeFormat(typed string) error {
	typed = strings.TrimSpace(typed)
	if len(typed) != 6 || strings.Trim(typed, "0123456789") != "" {
		return errCodeFormat
	}
	return nil
}

// codeMatches compares a typed code with its stored form in constant time.
func codeMatches(typed, stored string) bool {
	salt, want, ok := strings.Cut(stored, ":")
	typed = strings.TrimSpace(typed)
	if !ok || len(typed) != 6 {
		return false
	}
	return subtle.ConstantTimeCompare([]byte(hashSecret(salt+":"+typed)), []byte(want)) == 1
}

// NewToken returns a random session token and the hash stored in its place,
// for the other surfaces' sessions (the back office).
func NewToken() (token, hash string) { return newSecret() }

// HashToken is the stored form of a token.
func HashToken(token string) string { return hashSecret(token) }
