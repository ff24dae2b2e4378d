package mail

import (
	"errors"
	"fmt"
	"net/textproto"

	gomail "github.com/wneessen/go-mail"
)

// SendError is a failed delivery. Code is the SMTP reply code, or 0 when the
// failure came before any reply (connection refused, timeout, bad address).
type SendError struct {
	Code      int
	Permanent bool
	Err       error
}

// Error describes the failure without the recipient's address: go-mail and
// the server's reply text both repeat it, and errors end up in logs.
func (e *SendError) Error() string {
	kind := "temporary"
	if e.Permanent {
		kind = "permanent"
	}
	if e.Code != 0 {
		return fmt.Sprintf("mail: %s failure: smtp reply %d", kind, e.Code)
	}
	var se *gomail.SendError
	if errors.As(e.Err, &se) {
		return fmt.Sprintf("mail: %s failure: %s", kind, se.Reason)
	}
	return fmt.Sprintf("mail: %s failure: %v", kind, e.Err)
}

// Unwrap returns the underlying error, which may contain the address.
func (e *SendError) Unwrap() error { return e.Err }

// IsPermanent reports whether err is a failure that a retry cannot fix: a 5xx
// reply (recipient rejected, authentication failed) or an invalid address.
// Everything else (connection refused, timeouts, 4xx replies) is temporary,
// because a later attempt may well succeed.
func IsPermanent(err error) bool {
	var e *SendError
	return errors.As(err, &e) && e.Permanent
}

// classify wraps an error from go-mail into a *SendError.
func classify(err error) *SendError {
	if code := replyCode(err); code != 0 {
		return &SendError{Code: code, Permanent: code >= 500, Err: err}
	}
	var se *gomail.SendError
	if errors.As(err, &se) {
		// go-mail reports unparsable addresses with these reasons and no code.
		bad := se.Reason == gomail.ErrGetSender || se.Reason == gomail.ErrGetRcpts
		return &SendError{Permanent: bad, Err: err}
	}
	return &SendError{Err: err}
}

// replyCode finds the SMTP reply code in err: go-mail keeps it in its
// SendError for the envelope and data phases, while greeting and
// authentication failures surface as plain *textproto.Error.
func replyCode(err error) int {
	var se *gomail.SendError
	if errors.As(err, &se) && se.ErrorCode() != 0 {
		return se.ErrorCode()
	}
	var te *textproto.Error
	if errors.As(err, &te) {
		return te.Code
	}
	return 0
}
