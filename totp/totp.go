// Package totp computes and checks time-based one-time passwords (RFC 6238)
// as authenticator apps make them: HMAC-SHA1, six digits, 30-second steps.
// It is the standard library's HMAC and nothing else; the back office's
// second factor is built on it.
package totp

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha1"
	"crypto/subtle"
	"encoding/base32"
	"encoding/binary"
	"fmt"
	"net/url"
	"strings"
	"time"
)

// Parameters every authenticator app assumes when the provisioning URI
// names none: RFC 6238's defaults.
const (
	Digits = 6
	Period = 30 * time.Second
	// Skew is how many steps before and after the current one are also
	// accepted, for clocks that drift and codes typed near a step's end.
	Skew = 1
)

// b32 is the alphabet of secrets in provisioning URIs: RFC 4648 base32
// without padding.
var b32 = base32.StdEncoding.WithPadding(base32.NoPadding)

// NewSecret returns a random 160-bit secret in base32, the length RFC 4226
// recommends for HMAC-SHA1.
func NewSecret() string {
	b := make([]byte, 20)
	rand.Read(b)
	return b32.EncodeToString(b)
}

// Decode returns the key of a base32 secret; spaces and case do not
// matter, as when a person types one from a screen.
func Decode(secret string) ([]byte, error) {
	s := strings.ToUpper(strings.Join(strings.Fields(secret), ""))
	key, err := b32.DecodeString(strings.TrimRight(s, "="))
	if err != nil || len(key) < 10 {
		return nil, fmt.Errorf("totp: the secret is not base32 of at least 80 bits")
	}
	return key, nil
}

// Step is the number of the 30-second step t falls in.
func Step(t time.Time) int64 { return t.Unix() / int64(Period/time.Second) }

// Code is the code of a step for a key (RFC 4226 §5.3, with the step as
// the counter), digits long.
func Code(key []byte, step int64, digits int) string {
	var msg [8]byte
	binary.BigEndian.PutUint64(msg[:], uint64(step))
	mac := hmac.New(sha1.New, key)
	mac.Write(msg[:])
	sum := mac.Sum(nil)
	off := sum[len(sum)-1] & 0x0f
	bin := binary.BigEndian.Uint32(sum[off:off+4]) & 0x7fffffff
	mod := uint32(1)
	for range digits {
		mod *= 10
	}
	return fmt.Sprintf("%0*d", digits, bin%mod)
}

// Match returns the step whose code typed is, looking at the step of now
// and Skew steps either side, and whether one matched. The caller must
// remember the step and refuse it next time: a code works once.
func Match(key []byte, typed string, now time.Time) (int64, bool) {
	typed = strings.Join(strings.Fields(typed), "")
	if len(typed) != Digits {
		return 0, false
	}
	cur := Step(now)
	found, ok := int64(0), false
	for step := cur - Skew; step <= cur+Skew; step++ {
		// Every candidate is computed and compared, so the time taken does
		// not tell which step matched.
		if subtle.ConstantTimeCompare([]byte(Code(key, step, Digits)), []byte(typed)) == 1 {
			found, ok = step, true
		}
	}
	return found, ok
}

// URI is the provisioning URI (otpauth://totp/…) an authenticator app
// reads from a QR code or a link: issuer and account label it in the app.
func URI(issuer, account, secret string) string {
	label := url.PathEscape(issuer) + ":" + url.PathEscape(account)
	q := url.Values{}
	q.Set("secret", secret)
	q.Set("issuer", issuer)
	q.Set("algorithm", "SHA1")
	q.Set("digits", fmt.Sprint(Digits))
	q.Set("period", fmt.Sprint(int(Period/time.Second)))
	return "otpauth://totp/" + label + "?" + q.Encode()
}
