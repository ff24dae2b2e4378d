package kabinet

import (
	"errors"
	"fmt"
)

// Error codes: the whole vocabulary the layers share. The store translates
// driver errors into them and the web layer maps each to a status once.
const (
	ECONFLICT     = "conflict"
	EINTERNAL     = "internal"
	EINVALID      = "invalid"
	ENOTFOUND     = "not_found"
	EUNAUTHORIZED = "unauthorized"
	EFORBIDDEN    = "forbidden"
	// EUNAVAILABLE: the change cannot be kept now (the disk is full); it
	// may be tried again later.
	EUNAVAILABLE = "unavailable"
)

// Error is a domain error: a code from the vocabulary above and a message that
// is safe to show to the user (in Russian, as the UI speaks it).
type Error struct {
	Code    string
	Message string
}

// Error implements the error interface.
func (e *Error) Error() string {
	return fmt.Sprintf("kabinet error: code=%s message=%s", e.Code, e.Message)
}

// Errorf returns an *Error with the given code and a formatted message.
func Errorf(code string, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the *Error wrapped in err, EINTERNAL for any
// other error, and "" for nil.
func ErrorCode(err error) string {
	var e *Error
	switch {
	case err == nil:
		return ""
	case errors.As(err, &e):
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the user-safe message of err. Errors that are not an
// *Error never leak their text: the user sees a generic Russian message.
func ErrorMessage(err error) string {
	var e *Error
	switch {
	case err == nil:
		return ""
	case errors.As(err, &e):
		return e.Message
	}
	return "Внутренняя ошибка. Попробуйте позже."
}
