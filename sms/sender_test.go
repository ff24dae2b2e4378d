package sms_test

import (
	"context"
	"errors"
	"net"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"kabinet/sms"
)

// code70 is a one-part Russian text of exactly 70 characters, the most a
// Cyrillic SMS holds in one part (DOMAIN.md §6.4).
const code70 = "Код для входа в личный кабинет: 4821. Никому его не сообщайте. Энергос"

// knobs are the failure controls both fakes share.
type knobs interface {
	FailNext(n, code int)
	FailNextHTTP(n, status int)
	StallNext(n int)
	Requests() int
}

// MustFail sends and returns the *sms.Error, checking that it keeps the
// text and the full phone out of its message.
func MustFail(tb testing.TB, ctx context.Context, s sms.Gateway) *sms.Error {
	tb.Helper()
	id, err := s.Send(ctx, "+7 950 123-45-67", code70)
	var e *sms.Error
	if !errors.As(err, &e) {
		tb.Fatalf("Send = %q, %v; want an *sms.Error", id, err)
	}
	if msg := err.Error(); strings.Contains(msg, "79501234567") || strings.Contains(msg, "4821") {
		tb.Errorf("error %q reveals the phone or the text", msg)
	}
	return e
}

// testTransport covers what both clients share: cancellation, timeouts,
// HTTP errors, an unreachable gateway and phones refused before any request.
func testTransport(t *testing.T, s sms.Gateway, f knobs) {
	t.Run("TemporaryCanceled", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		if e := MustFail(t, ctx, s); e.Permanent || !errors.Is(e, context.Canceled) {
			t.Errorf("got %v, want temporary wrapping context.Canceled", e)
		}
	})
	t.Run("TemporaryDeadline", func(t *testing.T) {
		f.StallNext(1)
		ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
		defer cancel()
		if e := MustFail(t, ctx, s); e.Permanent || !errors.Is(e, context.DeadlineExceeded) {
			t.Errorf("got %v, want temporary wrapping context.DeadlineExceeded", e)
		}
	})
	t.Run("HTTPStatus", func(t *testing.T) {
		for status, permanent := range map[int]bool{500: false, 502: false, 429: false, 404: true, 403: true} {
			f.FailNextHTTP(1, status)
			if e := MustFail(t, context.Background(), s); e.HTTPStatus != status || e.Permanent != permanent {
				t.Errorf("HTTP %d: got %v, want permanent=%v", status, e, permanent)
			}
		}
	})
	t.Run("PermanentBadPhone", func(t *testing.T) {
		before := f.Requests()
		_, err := s.Send(context.Background(), "8 3952 12-34-56", code70)
		if !sms.IsPermanent(err) || f.Requests() != before {
			t.Errorf("got %v after %d requests; want permanent and none", err, f.Requests()-before)
		}
	})
}

// closedURL is a base URL where nothing listens.
func closedURL(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return "http://" + l.Addr().String()
}

func TestCode70(t *testing.T) {
	if n := utf8.RuneCountInString(code70); n != 70 {
		t.Fatalf("code70 has %d characters", n)
	}
}
