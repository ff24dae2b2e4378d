package notify

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"strconv"
	"strings"

	"kabinet"
)

// Signer signs and checks the unsubscribe tokens of informing e-mails:
// the account's ID with an HMAC under the portal's key, so a link turns
// off one account's e-mails and cannot be made for another. Tokens do not
// expire: a letter's link works as long as the letter is kept.
type Signer struct{ key []byte }

// SecretStore keeps the signing key.
type SecretStore interface {
	EnsureSecret(ctx context.Context, name string, make func() (string, error)) (string, error)
}

// LoadSigner returns the signer with the portal's key, made on first use.
func LoadSigner(ctx context.Context, s SecretStore) (*Signer, error) {
	// rand.Text is 128 random bits; two make the key.
	v, err := s.EnsureSecret(ctx, "unsubscribe", func() (string, error) { return rand.Text() + rand.Text(), nil })
	if err != nil {
		return nil, err
	}
	return NewSigner([]byte(v)), nil
}

// NewSigner returns a signer with key.
func NewSigner(key []byte) *Signer { return &Signer{key: key} }

// Sign returns the token of an account.
func (s *Signer) Sign(accountID int64) string {
	id := strconv.FormatInt(accountID, 10)
	return id + "." + s.mac(id)
}

func (s *Signer) mac(id string) string {
	h := hmac.New(sha256.New, s.key)
	h.Write([]byte("unsubscribe:" + id))
	return base64.RawURLEncoding.EncodeToString(h.Sum(nil)[:16])
}

// Verify returns the account of a token; a token not signed here is
// EINVALID.
func (s *Signer) Verify(token string) (int64, error) {
	id, mac, ok := strings.Cut(token, ".")
	accountID, err := strconv.ParseInt(id, 10, 64)
	if !ok || err != nil || !hmac.Equal([]byte(mac), []byte(s.mac(id))) {
		return 0, kabinet.Errorf(kabinet.EINVALID, "Ссылка для отписки повреждена: откройте ее из письма целиком или снимите отметку «Информирование по e-mail» в личном кабинете.")
	}
	return accountID, nil
}

// Unsubscriber turns off e-mail informing from a letter's link.
type Unsubscriber struct {
	Signer *Signer
	Store  interface {
		UnsubscribeEmail(ctx context.Context, accountID int64) error
	}
}

// Unsubscribe checks the token and turns off its account's e-mail
// informing; the change goes to the services change log.
func (u *Unsubscriber) Unsubscribe(ctx context.Context, token string) error {
	id, err := u.Signer.Verify(token)
	if err != nil {
		return err
	}
	return u.Store.UnsubscribeEmail(ctx, id)
}
