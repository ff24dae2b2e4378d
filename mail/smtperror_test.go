package mail_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"kabinet/mail"
	"kabinet/mail/mailpittest"
)

// MustFail sends m with s and returns the *SendError, failing on success.
func MustFail(tb testing.TB, ctx context.Context, s *mail.SMTP, m mail.Message) *mail.SendError {
	tb.Helper()
	_, err := s.Send(ctx, m)
	var se *mail.SendError
	if !errors.As(err, &se) {
		tb.Fatalf("Send error = %v (%T), want *mail.SendError", err, err)
	}
	if strings.Contains(err.Error(), m.To) {
		tb.Errorf("error %q reveals the recipient", err)
	}
	return se
}

func TestSMTPErrors(t *testing.T) {
	t.Parallel()
	letter := mail.Message{To: "petrov@example.ru", Subject: "Тема", Text: "текст"}

	t.Run("TemporaryConnectionRefused", func(t *testing.T) {
		s := mail.NewSMTP(mail.SMTPConfig{Host: "127.0.0.1", Port: closedPort(t), TLS: "none",
			From: "noreply@kabinet.example", Timeout: 2 * time.Second})
		se := MustFail(t, context.Background(), s, letter)
		if mail.IsPermanent(se) || se.Code != 0 {
			t.Errorf("got %+v, want a temporary error without a reply code", se)
		}
	})
	t.Run("TemporaryCanceled", func(t *testing.T) {
		srv := mailpittest.Start(t)
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		se := MustFail(t, ctx, newSender(srv, ""), letter)
		if mail.IsPermanent(se) || !errors.Is(se, context.Canceled) {
			t.Errorf("got %v, want temporary wrapping context.Canceled", se)
		}
	})
	t.Run("PermanentInvalidAddress", func(t *testing.T) {
		srv := mailpittest.Start(t)
		bad := letter
		bad.To = "petrov at example.ru"
		if se := MustFail(t, context.Background(), newSender(srv, ""), bad); !mail.IsPermanent(se) {
			t.Errorf("got %v, want permanent", se)
		}
	})
	for _, tc := range []struct {
		name, trigger string
		user          string
		code          int
		permanent     bool
	}{
		{"PermanentRecipientRejected", "Recipient:550:100", "", 550, true},
		{"TemporaryRecipientDeferred", "Recipient:451:100", "", 451, false},
		{"PermanentSenderRejected", "Sender:553:100", "", 553, true},
		{"PermanentAuthFailed", "Authentication:535:100", "kabinet", 535, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			srv := mailpittest.Start(t, "--chaos-triggers", tc.trigger,
				"--smtp-auth-accept-any", "--smtp-auth-allow-insecure")
			se := MustFail(t, context.Background(), newSender(srv, tc.user), letter)
			if se.Code != tc.code || mail.IsPermanent(se) != tc.permanent {
				t.Errorf("got code %d permanent %v (%v), want %d %v",
					se.Code, se.Permanent, se, tc.code, tc.permanent)
			}
		})
	}
}
