package sberbank

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"slices"
	"strings"
)

// Checksum is the symmetric checksum of a callback (DOMAIN §4.6): every
// parameter but checksum and sign_alias, sorted by name, written as
// "name;value;" pairs, HMAC-SHA256 with the merchant's key, upper-case hex.
func Checksum(params url.Values, key []byte) string {
	names := make([]string, 0, len(params))
	for name := range params {
		if name != "checksum" && name != "sign_alias" {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	var b strings.Builder
	for _, name := range names {
		b.WriteString(name + ";" + params.Get(name) + ";")
	}
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte(b.String()))
	return strings.ToUpper(hex.EncodeToString(mac.Sum(nil)))
}

// Callback is a notification of the gateway about one of its orders.
type Callback struct {
	OrderID     string // mdOrder
	OrderNumber string
	Operation   string // approved, deposited, reversed, refunded, declinedByTimeout
	Success     bool   // status=1
}

// Callback operations.
const (
	OpApproved  = "approved"
	OpDeposited = "deposited"
	OpReversed  = "reversed"
	OpRefunded  = "refunded"
	OpTimeout   = "declinedByTimeout"
)

// ErrChecksum refuses a callback whose checksum is missing or wrong.
var ErrChecksum = &Error{Method: "callback", Code: "checksum", Message: "missing or wrong checksum"}

// VerifyCallback checks the checksum of a callback's parameters in
// constant time and returns the callback. With an empty key nothing could
// be checked, so every callback is refused.
func VerifyCallback(params url.Values, key []byte) (*Callback, error) {
	got := params.Get("checksum")
	if len(key) == 0 || len(params["checksum"]) != 1 || got == "" {
		return nil, ErrChecksum
	}
	for _, vs := range params {
		if len(vs) != 1 { // a repeated parameter would be signed as its first value only
			return nil, ErrChecksum
		}
	}
	want := Checksum(params, key)
	if !hmac.Equal([]byte(strings.ToUpper(got)), []byte(want)) {
		return nil, ErrChecksum
	}
	return &Callback{OrderID: params.Get("mdOrder"), OrderNumber: params.Get("orderNumber"),
		Operation: params.Get("operation"), Success: params.Get("status") == "1"}, nil
}
