package web

import (
	"errors"
	"fmt"
	"net/http"
	"testing"

	"kabinet"
)

func TestErrorStatus(t *testing.T) {
	tests := []struct {
		err  error
		want int
	}{
		{kabinet.Errorf(kabinet.EINVALID, "x"), http.StatusBadRequest},
		{kabinet.Errorf(kabinet.ENOTFOUND, "x"), http.StatusNotFound},
		{kabinet.Errorf(kabinet.EUNAUTHORIZED, "x"), http.StatusUnauthorized},
		{kabinet.Errorf(kabinet.EFORBIDDEN, "x"), http.StatusForbidden},
		{kabinet.Errorf(kabinet.ECONFLICT, "x"), http.StatusConflict},
		{kabinet.Errorf(kabinet.EINTERNAL, "x"), http.StatusInternalServerError},
		{fmt.Errorf("wrapped: %w", kabinet.Errorf(kabinet.ENOTFOUND, "x")), http.StatusNotFound},
		{errors.New("driver exploded"), http.StatusInternalServerError},
	}
	for _, tt := range tests {
		t.Run(kabinet.ErrorCode(tt.err), func(t *testing.T) {
			if got := errorStatus(tt.err); got != tt.want {
				t.Errorf("errorStatus(%v) = %d, want %d", tt.err, got, tt.want)
			}
		})
	}
}

func TestHandlerErrors(t *testing.T) {
	s := MustServer(t, nil)
	s.portal.mux.Handle("GET /conflict", s.portal.handle(func(w http.ResponseWriter, r *http.Request) error {
		return fmt.Errorf("save: %w", kabinet.Errorf(kabinet.ECONFLICT, "Показания уже переданы."))
	}))
	s.portal.mux.Handle("GET /internal", s.portal.handle(func(w http.ResponseWriter, r *http.Request) error {
		return errors.New("pq: password authentication failed for user kabinet")
	}))
	h := s.Handler()

	t.Run("DomainMessageShown", func(t *testing.T) {
		w := get(t, h, "/conflict")
		wantStatus(t, w, http.StatusConflict)
		if got := doc(t, w).Text(".error-message"); got != "Показания уже переданы." {
			t.Errorf("message = %q", got)
		}
	})

	t.Run("InternalErrorNotLeaked", func(t *testing.T) {
		w := get(t, h, "/internal")
		wantStatus(t, w, http.StatusInternalServerError)
		d := doc(t, w)
		if got := d.Text(".error-message"); got != "Внутренняя ошибка. Попробуйте позже." {
			t.Errorf("message = %q", got)
		}
		if d.Has(".error-detail") {
			t.Error("internal detail shown outside dev mode")
		}
	})
}

func TestDevModeShowsDetail(t *testing.T) {
	s, err := New(Config{SupplierName: testSupplier, Dev: true}, Deps{})
	if err != nil {
		t.Fatal(err)
	}
	s.portal.mux.Handle("GET /internal", s.portal.handle(func(w http.ResponseWriter, r *http.Request) error {
		return errors.New("pq: connection refused")
	}))
	w := get(t, s.Handler(), "/internal")
	wantStatus(t, w, http.StatusInternalServerError)
	if got := doc(t, w).Text(".error-detail"); got != "pq: connection refused" {
		t.Errorf("detail = %q", got)
	}
}
