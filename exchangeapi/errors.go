package exchangeapi

import (
	"encoding/json"
	"net/http"

	"kabinet"
)

// handlerFunc is a handler that returns its error; adapt answers it.
type handlerFunc func(w http.ResponseWriter, r *http.Request) error

func (s *Server) adapt(h handlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := h(w, r); err != nil {
			s.writeError(w, r, err)
		}
	})
}

// errorBody is every error's JSON: a code from the error vocabulary and a
// message safe to show.
type errorBody struct {
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

var statuses = map[string]int{
	kabinet.EINVALID:      http.StatusBadRequest,
	kabinet.EUNAUTHORIZED: http.StatusUnauthorized,
	kabinet.EFORBIDDEN:    http.StatusForbidden,
	kabinet.ENOTFOUND:     http.StatusNotFound,
	kabinet.ECONFLICT:     http.StatusConflict,
}

// writeError answers err as JSON with the status of its code; internal
// errors are logged and their text kept from the client.
func (s *Server) writeError(w http.ResponseWriter, r *http.Request, err error) {
	code := kabinet.ErrorCode(err)
	status, ok := statuses[code]
	if !ok {
		status = http.StatusInternalServerError
		s.log.Error("exchange", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	if status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="exchange"`)
	}
	var b errorBody
	b.Error.Code, b.Error.Message = code, kabinet.ErrorMessage(err)
	writeJSON(w, status, b)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

func (s *Server) handleNotFound(w http.ResponseWriter, r *http.Request) error {
	return kabinet.Errorf(kabinet.ENOTFOUND, "Нет такого адреса обмена: %s %s", r.Method, r.URL.Path)
}
