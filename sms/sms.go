// Package sms sends text messages through Russian SMS gateways over their
// HTTP APIs: SMS.ru and SMSC.ru (DOMAIN.md §6). It knows nothing about the
// database: the caller (a job worker) records the returned id and retries
// only the failures that IsPermanent says are not permanent.
//
// Message texts may carry confirmation codes and phones are personal data,
// so neither ever appears in an error: phones are masked (7950***4567).
package sms

import (
	"context"
	"errors"
	"fmt"
)

// Gateway is the common shape of the gateway clients: send text to phone
// and return the gateway's message id.
type Gateway interface {
	Send(ctx context.Context, phone, text string) (id string, err error)
}

// Error is a failed send. Code is the gateway's error code (SMS.ru
// status_code, SMSC error_code); HTTPStatus is set when the gateway answered
// with an HTTP error; both are 0 for network failures and timeouts.
type Error struct {
	Gateway    string // "sms.ru" or "smsc"
	Phone      string // masked
	Code       int
	HTTPStatus int
	Meaning    string // what the code means, in English, for logs
	Permanent  bool
	Err        error // the underlying error, if any
}

// Error describes the failure for logs without the text or the full phone.
func (e *Error) Error() string {
	kind := "temporary"
	if e.Permanent {
		kind = "permanent"
	}
	s := fmt.Sprintf("sms: %s: %s failure sending to %s", e.Gateway, kind, e.Phone)
	switch {
	case e.Code != 0:
		s += fmt.Sprintf(": code %d (%s)", e.Code, e.Meaning)
	case e.HTTPStatus != 0:
		s += fmt.Sprintf(": HTTP %d", e.HTTPStatus)
	}
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Err }

// IsPermanent reports whether err is a failure that a retry cannot fix: a
// wrong number, a stop list, a rejected text or a configuration error (wrong
// credentials). Network failures, HTTP 5xx, "service unavailable" and limits
// that lift with time are temporary.
func IsPermanent(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.Permanent
}
