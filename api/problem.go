package api

import (
	"encoding/json"
	"errors"
	"net/http"

	"kabinet"
	"kabinet/auth"
	"kabinet/payments"
	"kabinet/readings"
	"kabinet/requests"
)

// handlerFunc is a handler that returns its error; adapt answers it.
type handlerFunc func(w http.ResponseWriter, r *http.Request) error

func (s *Server) adapt(h handlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := h(w, r); err != nil {
			s.writeProblem(w, r, err)
		}
	})
}

// handle registers a route and records its pattern.
func (s *Server) handle(pattern string, h handlerFunc) {
	s.patterns = append(s.patterns, pattern)
	s.mux.Handle(pattern, s.adapt(h))
}

// Problem is every error's body (RFC 9457): Detail is the Russian
// sentence the portal's page would show, Code a stable name a program
// may test; Errors the reasons by field of a refused form, and Register
// and Confirm those of a refused reading.
type Problem struct {
	Type     string            `json:"type"`
	Title    string            `json:"title"`
	Status   int               `json:"status"`
	Detail   string            `json:"detail"`
	Code     string            `json:"code"`
	Errors   map[string]string `json:"errors,omitempty"`
	Register *int              `json:"register,omitempty"`
	Confirm  string            `json:"confirm,omitempty"`
}

// known are the refusals with a code and status of their own; any other
// error takes them from its kabinet code (statuses).
var known = []struct {
	err    error
	code   string
	status int
}{
	{auth.ErrSignIn, "sign_in_failed", http.StatusUnauthorized},
	{auth.ErrNoSession, "session_ended", http.StatusUnauthorized},
	{auth.ErrLocked, "locked", http.StatusTooManyRequests},
	{auth.ErrTooMany, "too_many_requests", http.StatusTooManyRequests},
	{requests.ErrTooMany, "too_many_requests", http.StatusTooManyRequests},
	{auth.ErrRegisterFirst, "register_first", http.StatusForbidden},
	{auth.ErrConfirmFirst, "confirm_first", http.StatusForbidden},
	{payments.ErrBankDown, "bank_unavailable", http.StatusServiceUnavailable},
	{payments.ErrInProcess, "payment_in_process", http.StatusConflict},
	{errOwnerOnly, "owner_only", http.StatusForbidden},
}

var statuses = map[string]int{
	kabinet.EINVALID:      http.StatusUnprocessableEntity,
	kabinet.EUNAUTHORIZED: http.StatusUnauthorized,
	kabinet.EFORBIDDEN:    http.StatusForbidden,
	kabinet.ENOTFOUND:     http.StatusNotFound,
	kabinet.ECONFLICT:     http.StatusConflict,
	kabinet.EUNAVAILABLE:  http.StatusServiceUnavailable,
}

// errOwnerOnly refuses a person who linked an account what only its
// owner may do (the portal's words).
var errOwnerOnly = kabinet.Errorf(kabinet.EFORBIDDEN, "Это может изменить только владелец лицевого счета, зарегистрировавший его в личном кабинете.")

// problemOf describes err; internal errors keep their text to the log.
func problemOf(err error) *Problem {
	p := &Problem{Detail: kabinet.ErrorMessage(err), Code: kabinet.ErrorCode(err)}
	p.Status = statuses[p.Code]
	for _, k := range known {
		if errors.Is(err, k.err) {
			p.Code, p.Status = k.code, k.status
		}
	}
	if fe, ok := err.(auth.FormErrors); ok {
		p.Code, p.Errors, p.Detail = "invalid_form", fe, "Проверьте поля формы."
	}
	if rp, ok := readings.AsProblem(err); ok {
		p.Code, p.Status, p.Detail, p.Confirm = "reading_refused", http.StatusUnprocessableEntity, rp.Message, string(rp.Confirm)
		if rp.Register >= 0 {
			p.Register = &rp.Register
		}
	}
	if p.Status == 0 {
		p.Code, p.Status = kabinet.EINTERNAL, http.StatusInternalServerError
		p.Detail = "Внутренняя ошибка. Попробуйте позже."
	}
	p.Type, p.Title = "/api/#"+p.Code, http.StatusText(p.Status)
	return p
}

// writeProblem answers err as application/problem+json.
func (s *Server) writeProblem(w http.ResponseWriter, r *http.Request, err error) {
	p := problemOf(err)
	if p.Status == http.StatusInternalServerError {
		s.log.ErrorContext(r.Context(), "api", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	if p.Status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="kabinet"`)
	}
	writeJSONAs(w, "application/problem+json", p.Status, p)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	writeJSONAs(w, "application/json", status, v)
}

func writeJSONAs(w http.ResponseWriter, contentType string, status int, v any) {
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

// recover answers a panic as a 500 problem rather than a dropped
// connection.
func (s *Server) recover(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.writeProblem(w, r, kabinet.Errorf(kabinet.EINTERNAL, "panic: %v", v))
			}
		}()
		next.ServeHTTP(w, r)
	})
}

func (s *Server) handleNotFound(w http.ResponseWriter, r *http.Request) error {
	return kabinet.Errorf(kabinet.ENOTFOUND, "Страница не найдена")
}

// decode reads a JSON body of at most 64 KiB into v.
func decode(w http.ResponseWriter, r *http.Request, v any) error {
	d := json.NewDecoder(http.MaxBytesReader(w, r.Body, 64<<10))
	d.DisallowUnknownFields()
	if err := d.Decode(v); err != nil {
		return errBadBody
	}
	return nil
}

var errBadBody = kabinet.Errorf(kabinet.EINVALID, "Не удалось прочитать запрос: ожидается JSON по описанию API.")
