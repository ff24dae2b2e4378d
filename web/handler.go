package web

import (
	"errors"
	"net/http"
	"slices"
	"strings"

	"kabinet"
)

// handlerFunc is the shape of every page handler: it writes a response or
// returns an error, and handle turns the error into a page.
type handlerFunc func(w http.ResponseWriter, r *http.Request) error

// handle adapts a handlerFunc to http.Handler. It is the one place where
// errors become statuses, get logged and are shown to the customer.
func (s *site) handle(h handlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := h(w, r); err != nil {
			s.fail(w, r, err)
		}
	})
}

// fail logs an internal error once and renders the error page. Errors the
// customer caused (not found, invalid input...) are not logged: they are
// answered, and the request log already records the status.
func (s *site) fail(w http.ResponseWriter, r *http.Request, err error) {
	status := errorStatus(err)
	if status >= 500 {
		s.log.ErrorContext(r.Context(), "request failed",
			"method", r.Method, "route", routeLabel(r), "err", err)
	}
	page := &ErrorPage{
		BasePage: s.frame(r, errorTitle(status)),
		Status:   status,
		Message:  kabinet.ErrorMessage(err),
	}
	if s.cfg.Dev && status >= 500 {
		page.Detail = err.Error()
	}
	if rerr := s.render(w, status, "error", page); rerr != nil {
		s.log.ErrorContext(r.Context(), "render error page", "err", rerr)
		http.Error(w, page.Message, status)
	}
}

// errorStatus maps the domain error vocabulary to HTTP statuses.
func errorStatus(err error) int {
	switch kabinet.ErrorCode(err) {
	case kabinet.EINVALID:
		return http.StatusBadRequest
	case kabinet.ENOTFOUND:
		return http.StatusNotFound
	case kabinet.EUNAUTHORIZED:
		return http.StatusUnauthorized
	case kabinet.EFORBIDDEN:
		return http.StatusForbidden
	case kabinet.ECONFLICT:
		return http.StatusConflict
	case kabinet.EUNAVAILABLE:
		return http.StatusServiceUnavailable
	}
	return http.StatusInternalServerError
}

// errorTitle is the heading of the error page for a status.
func errorTitle(status int) string {
	switch status {
	case http.StatusBadRequest:
		return "Неверный запрос"
	case http.StatusNotFound:
		return "Страница не найдена"
	case http.StatusUnauthorized:
		return "Требуется вход"
	case http.StatusForbidden:
		return "Доступ запрещён"
	case http.StatusConflict:
		return "Конфликт данных"
	case http.StatusMethodNotAllowed:
		return "Метод не поддерживается"
	case http.StatusServiceUnavailable:
		return "Сервис временно недоступен"
	}
	return "Ошибка на сервере"
}

// handleNotFound answers every path no route matched: 405 with Allow
// when the path has routes for other methods, 404 otherwise.
func (s *site) handleNotFound(w http.ResponseWriter, r *http.Request) error {
	if allow := s.allowedMethods(r); len(allow) > 0 {
		w.Header().Set("Allow", strings.Join(allow, ", "))
		page := &ErrorPage{BasePage: s.frame(r, errorTitle(http.StatusMethodNotAllowed)), Status: http.StatusMethodNotAllowed,
			Message: "Этот адрес не принимает такой запрос. Откройте страницу по ссылке на сайте."}
		return s.render(w, page.Status, "error", page)
	}
	return kabinet.Errorf(kabinet.ENOTFOUND,
		"Такой страницы нет. Проверьте адрес или перейдите на главную.")
}

// allowedMethods are the methods of the routes the request's path has,
// on this site or among the shell's own routes, other than a catch-all.
func (s *site) allowedMethods(r *http.Request) []string {
	var allow []string
	for _, m := range []string{http.MethodGet, http.MethodHead, http.MethodPost} {
		probe := r.Clone(r.Context())
		probe.Method = m
		if s.takes(probe) || s.own.takes(probe) {
			allow = append(allow, m)
		}
	}
	if slices.Contains(allow, r.Method) {
		return nil // a route of this method sent it here on purpose
	}
	return allow
}

// handleCrossOriginDenied answers a form posted from another site: the
// CSRF check refused it before any handler ran.
func (s *site) handleCrossOriginDenied(w http.ResponseWriter, r *http.Request) error {
	return kabinet.Errorf(kabinet.EFORBIDDEN,
		"Запрос отклонён: форма была отправлена с другого сайта. Откройте страницу заново и повторите.")
}

// renderPanic is what the recovery middleware shows after a panic.
func (s *site) renderPanic(w http.ResponseWriter, r *http.Request) {
	page := &ErrorPage{
		BasePage: s.frame(r, errorTitle(http.StatusInternalServerError)),
		Status:   http.StatusInternalServerError,
		Message:  kabinet.ErrorMessage(errors.New("panic")),
	}
	if err := s.render(w, page.Status, "error", page); err != nil {
		http.Error(w, page.Message, page.Status)
	}
}
