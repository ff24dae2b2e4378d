package web

import "net/http"

// statusWriter records the status and the size of a response for the
// request log and the metrics.
type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (w *statusWriter) WriteHeader(status int) {
	if w.status == 0 {
		w.status = status
	}
	w.ResponseWriter.WriteHeader(status)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += int64(n)
	return n, err
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// code is the status sent, 200 if the handler wrote nothing at all.
func (w *statusWriter) code() int {
	if w.status == 0 {
		return http.StatusOK
	}
	return w.status
}

// routeLabel is the matched route pattern, never the raw path: paths can
// carry account numbers, and a label per path would have no bound.
func routeLabel(r *http.Request) string {
	pattern := r.Pattern
	if m, ok := r.Context().Value(routeKey{}).(*matchedRoute); ok && m.pattern != "" {
		pattern = m.pattern
	}
	if pattern == "" {
		return "unmatched"
	}
	return pattern
}
