package mail

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"strings"

	gomail "github.com/wneessen/go-mail"
)

// build turns m into a go-mail message with a fresh Message-ID.
func (s *SMTP) build(m Message) (*gomail.Msg, string, error) {
	msg := gomail.NewMsg(gomail.WithNoDefaultUserAgent())
	if err := msg.FromFormat(s.cfg.FromName, s.cfg.From); err != nil {
		return nil, "", fmt.Errorf("mail: sender address: %w", err)
	}
	if err := msg.To(m.To); err != nil {
		// The address itself stays out of the error: it is personal data.
		return nil, "", fmt.Errorf("mail: recipient address is invalid")
	}
	id := newMessageID(s.cfg.From)
	msg.SetMessageIDWithValue(id)
	msg.SetDate()
	msg.Subject(m.Subject)
	// RFC 3834: tells auto-responders ("I am on holiday") not to answer.
	msg.SetGenHeader("Auto-Submitted", "auto-generated")
	if err := setUnsubscribe(msg, m.ListUnsubscribe); err != nil {
		return nil, "", err
	}
	msg.SetBodyString(gomail.TypeTextPlain, m.Text)
	if m.HTML != "" {
		msg.AddAlternativeString(gomail.TypeTextHTML, m.HTML)
	}
	for _, a := range m.Attachments {
		msg.AttachReadSeeker(a.Name, bytes.NewReader(a.Data), gomail.WithFileContentType(gomail.ContentType(a.ContentType)))
	}
	return msg, id, nil
}

// setUnsubscribe adds List-Unsubscribe; one-click (RFC 8058) needs HTTPS, so
// the demo's plain-HTTP links get only the header that a person follows.
func setUnsubscribe(msg *gomail.Msg, url string) error {
	switch {
	case url == "":
		return nil
	case strings.HasPrefix(url, "https://"):
		if err := msg.SetListUnsubscribeOneClick(url); err != nil {
			return fmt.Errorf("mail: unsubscribe link: %w", err)
		}
	default:
		msg.SetListUnsubscribe(url)
	}
	return nil
}

// newMessageID returns a unique Message-ID (without angle brackets) in the
// sender's domain, as RFC 5322 recommends.
func newMessageID(from string) string {
	domain := "localhost"
	if at := strings.LastIndexByte(from, '@'); at >= 0 && at < len(from)-1 {
		domain = from[at+1:]
	}
	b := make([]byte, 16)
	_, _ = rand.Read(b) // crypto/rand.Read never fails on supported platforms
	return hex.EncodeToString(b) + "@" + domain
}
