package mail_test

import (
	"context"
	"html"
	"net"
	"strings"
	"testing"
	"time"

	"kabinet/letters"
	"kabinet/mail"
	"kabinet/mail/mailpittest"
)

// newSender returns a sender to srv without TLS, as mailpit offers none.
func newSender(srv *mailpittest.Server, user string) *mail.SMTP {
	return mail.NewSMTP(mail.SMTPConfig{
		Host: "127.0.0.1", Port: srv.SMTPPort(), TLS: "none",
		Username: user, Password: "secret",
		From: "noreply@kabinet.example", FromName: "Личный кабинет «Энергосбыт»",
		Timeout: 5 * time.Second,
	})
}

// MustSend sends m and fails the test on any error.
func MustSend(tb testing.TB, s *mail.SMTP, m mail.Message) string {
	tb.Helper()
	id, err := s.Send(context.Background(), m)
	if err != nil {
		tb.Fatalf("Send: %v", err)
	}
	return id
}

// MustOnlyMessage returns the single message mailpit holds.
func MustOnlyMessage(tb testing.TB, srv *mailpittest.Server) mailpittest.Full {
	tb.Helper()
	list := srv.Messages(tb)
	if len(list) != 1 {
		tb.Fatalf("mailpit holds %d messages, want 1", len(list))
	}
	return srv.Message(tb, list[0].ID)
}

func TestSMTPSend(t *testing.T) {
	t.Parallel()
	srv := mailpittest.Start(t)
	m := mail.Message{
		To: "ivanov@example.ru", Subject: "Проверка: ёжик «в тумане»",
		Text: "Текст письма https://kabinet.example/x?a=1&b=2",
		HTML: `<p>Текст <a href="https://kabinet.example/x?a=1&amp;b=2">ссылка</a></p>`,
	}
	id := MustSend(t, newSender(srv, ""), m)

	got := MustOnlyMessage(t, srv)
	if got.MessageID != id || !strings.HasSuffix(id, "@kabinet.example") {
		t.Errorf("Message-ID = %q, Send returned %q", got.MessageID, id)
	}
	if got.Subject != m.Subject {
		t.Errorf("Subject = %q, want %q", got.Subject, m.Subject)
	}
	if got.From.Name != "Личный кабинет «Энергосбыт»" || got.From.Address != "noreply@kabinet.example" {
		t.Errorf("From = %+v", got.From)
	}
	if len(got.To) != 1 || got.To[0].Address != m.To {
		t.Errorf("To = %+v", got.To)
	}
	if strings.TrimSpace(got.Text) != m.Text || strings.TrimSpace(got.HTML) != m.HTML {
		t.Errorf("bodies changed in transit:\n%q\n%q", got.Text, got.HTML)
	}
	if h := srv.Headers(t, got.ID); strings.Join(h["Auto-Submitted"], "") != "auto-generated" {
		t.Errorf("Auto-Submitted = %q", h["Auto-Submitted"])
	}
}

func TestSMTPListUnsubscribe(t *testing.T) {
	t.Parallel()
	srv := mailpittest.Start(t)
	MustSend(t, newSender(srv, ""), mail.Message{
		To: "ivanov@example.ru", Subject: "Напоминание", Text: "текст",
		ListUnsubscribe: "https://kabinet.example/unsubscribe/abc",
	})
	got := MustOnlyMessage(t, srv)
	if got.ListUnsubscribe.Header != "<https://kabinet.example/unsubscribe/abc>" ||
		got.ListUnsubscribe.HeaderPost != "List-Unsubscribe=One-Click" {
		t.Errorf("List-Unsubscribe = %+v", got.ListUnsubscribe)
	}
}

func TestSMTPAuth(t *testing.T) {
	t.Parallel()
	srv := mailpittest.Start(t, "--smtp-auth-accept-any", "--smtp-auth-allow-insecure")
	MustSend(t, newSender(srv, "kabinet"), mail.Message{To: "a@example.ru", Subject: "s", Text: "t"})
	MustOnlyMessage(t, srv)
}

// closedPort returns a port on 127.0.0.1 where nothing listens.
func closedPort(t *testing.T) int {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	return port
}

func TestSMTPSendConfirmEmail(t *testing.T) {
	t.Parallel()
	srv := mailpittest.Start(t)
	l := letters.ConfirmEmail{SupplierName: `ООО "Энергосбыт"`, AccountNumber: "380012345678",
		Link: "https://kabinet.example/confirm?token=Zx9_a-B&src=mail", Expires: "24 часа"}
	templates, err := letters.NewTemplates()
	if err != nil {
		t.Fatal(err)
	}
	m, err := templates.Render("ivanov@example.ru", l)
	if err != nil {
		t.Fatal(err)
	}
	id := MustSend(t, newSender(srv, ""), mail.Message{To: m.Recipient, Subject: m.Subject, Text: m.Text, HTML: m.HTML})

	got := MustOnlyMessage(t, srv)
	if got.MessageID != id {
		t.Errorf("Message-ID = %q, Send returned %q", got.MessageID, id)
	}
	if got.Subject != "Подтверждение регистрации в личном кабинете" {
		t.Errorf("Subject = %q", got.Subject)
	}
	if !strings.Contains(got.Text, l.Link) || !strings.Contains(got.Text, "№ 380012345678") {
		t.Errorf("text lacks the link or the account:\n%s", got.Text)
	}
	if !strings.Contains(got.HTML, `href="`+html.EscapeString(l.Link)+`"`) {
		t.Errorf("HTML lacks the link %q:\n%s", l.Link, got.HTML)
	}
}
