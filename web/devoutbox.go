package web

import (
	"net"
	"net/http"
	"regexp"
	"time"

	"kabinet"
)

// devOutboxLimit is how many of the latest messages the dev pages list.
const devOutboxLimit = 50

// OutboxPage lists the latest messages of one channel: the demo's mailbox
// and phone, where a demo user finds the confirmation link or the code.
type OutboxPage struct {
	BasePage
	Mail     bool // e-mail, else SMS
	Messages []OutboxMessage
}

// OutboxMessage is one message as the dev page shows it.
type OutboxMessage struct {
	Time, Recipient, Subject, Status string
	// Body is the text part, cut into plain text and links.
	Body []TextPart
}

// TextPart is a run of plain text, or a link when URL is set.
type TextPart struct{ Text, URL string }

// linkPattern finds the web addresses in a message's text.
var linkPattern = regexp.MustCompile(`https?://[^\s<>"«»]+`)

// linkify cuts text into plain runs and links, so the template can make
// the links clickable while escaping everything.
func linkify(text string) []TextPart {
	var parts []TextPart
	last := 0
	for _, m := range linkPattern.FindAllStringIndex(text, -1) {
		if m[0] > last {
			parts = append(parts, TextPart{Text: text[last:m[0]]})
		}
		parts = append(parts, TextPart{Text: text[m[0]:m[1]], URL: text[m[0]:m[1]]})
		last = m[1]
	}
	if last < len(text) {
		parts = append(parts, TextPart{Text: text[last:]})
	}
	return parts
}

// handleDevOutbox serves /dev/mail and /dev/sms. They exist only when the
// config turns them on: in production they would show every customer's
// letters.
func (s *portalSite) handleDevOutbox(ch kabinet.Channel) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		if !s.cfg.DevOutbox || s.outbox == nil || !(s.cfg.Dev || fromLoopback(r)) {
			return s.handleNotFound(w, r)
		}
		ms, err := s.outbox.FindMessages(r.Context(), ch, devOutboxLimit)
		if err != nil {
			return err
		}
		title := "Отправленные СМС"
		if ch == kabinet.ChannelEmail {
			title = "Отправленные письма"
		}
		p := &OutboxPage{BasePage: s.base(r, title), Mail: ch == kabinet.ChannelEmail}
		for _, m := range ms {
			p.Messages = append(p.Messages, OutboxMessage{Time: m.CreatedAt.Format(time.DateTime + " MST"),
				Recipient: m.Recipient, Subject: m.Subject, Status: messageStatus(m.Status), Body: linkify(m.Text)})
		}
		return s.render(w, http.StatusOK, "outbox", p)
	}
}

// messageStatus names a delivery status in Russian.
func messageStatus(status string) string {
	switch status {
	case kabinet.MessageQueued:
		return "в очереди"
	case kabinet.MessageSent:
		return "отправлено"
	case kabinet.MessageFailed:
		return "не доставлено"
	}
	return status
}

// fromLoopback reports whether the request came from this machine itself
// and not through a proxy: the outbox shows every customer's links and
// codes, so without --dev only someone at the machine may read it.
func fromLoopback(r *http.Request) bool {
	if r.Header.Get("X-Forwarded-For") != "" || r.Header.Get("Forwarded") != "" {
		return false
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return false
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
