package notify

import (
	"context"
	"encoding/json"
	"strconv"
	"time"

	"kabinet"
)

// Informing is one piece of news about an account, for every channel at
// once: the bell always, push, SMS and e-mail as the account's services
// say.
type Informing struct {
	AccountID int64
	Title     string // the bell's and the push's title, the letter's subject
	Text      string // the bell's text, the push's body, the letter's body
	SMS       string // the text message, one part (70 characters); "": no SMS
	Link      string // a path in the cabinet, e.g. /a/7/, or ""
	// Key, for a reminder, makes it once per account, rule and period.
	Key *kabinet.ReminderKey
}

// Letter is an informing e-mail to render.
type Letter struct {
	Title, Body string
	Link        string // absolute
	Unsubscribe string // absolute
}

// InformStore reads recipients and writes deliveries.
type InformStore interface {
	FindRecipients(ctx context.Context, f kabinet.RecipientFilter) ([]*kabinet.Recipient, error)
	Inform(ctx context.Context, ds []*kabinet.Delivery) (int, error)
}

// Informer is the one sender of informing: every notification the portal
// gives a customer goes through it.
type Informer struct {
	Store InformStore
	// Render writes an informing letter to address to.
	Render      func(to string, l Letter) (*kabinet.Message, error)
	Unsubscribe *Signer
	BaseURL     string
	// Calendar is the clock and the supplier's time zone, where the quiet
	// hours are.
	kabinet.Calendar
}

// Inform informs one account now; it reports false when there is nobody
// to tell or a reminder with its key was sent before.
func (in *Informer) Inform(ctx context.Context, inf *Informing) (bool, error) {
	rs, err := in.Store.FindRecipients(ctx, kabinet.RecipientFilter{FromID: inf.AccountID, ToID: inf.AccountID})
	if err != nil || len(rs) == 0 {
		return false, err
	}
	d, err := in.Delivery(rs[0], inf)
	if err != nil {
		return false, err
	}
	n, err := in.Store.Inform(ctx, []*kabinet.Delivery{d})
	return n == 1, err
}

// Delivery plans what informing r of inf writes: a bell for each user
// who reaches the account; a push to each of their devices if the push
// service is ticked; an SMS and a letter if ticked, with the contact and
// a standing consent. An SMS due in the quiet hours waits for 09:00.
func (in *Informer) Delivery(r *kabinet.Recipient, inf *Informing) (*kabinet.Delivery, error) {
	d := &kabinet.Delivery{AccountID: r.AccountID, Key: inf.Key}
	for _, u := range r.UserIDs {
		d.Notifications = append(d.Notifications, &kabinet.Notification{UserID: u, AccountID: r.AccountID,
			Title: inf.Title, Text: inf.Text, Link: inf.Link})
	}
	s := r.Settings
	if s == nil {
		return d, nil
	}
	if s.Push {
		payload, _ := json.Marshal(PushPayload{Title: inf.Title, Body: inf.Text, URL: in.BaseURL + inf.Link})
		for _, id := range r.Pushes {
			d.Messages = append(d.Messages, kabinet.Outgoing{Message: &kabinet.Message{Channel: kabinet.ChannelPush,
				AccountID: r.AccountID, Recipient: strconv.FormatInt(id, 10), Subject: inf.Title, Text: string(payload)}})
		}
	}
	if s.SMS && s.Phone != "" && inf.SMS != "" && r.Consent {
		d.Messages = append(d.Messages, kabinet.Outgoing{NotBefore: QuietUntil(in.Now(), in.Zone()),
			Message: &kabinet.Message{Channel: kabinet.ChannelSMS, AccountID: r.AccountID, Recipient: s.Phone, Text: inf.SMS}})
	}
	if s.EmailInfo && s.Email != "" && r.Consent {
		m, err := in.letter(s, inf)
		if err != nil {
			return nil, err
		}
		d.Messages = append(d.Messages, kabinet.Outgoing{Message: m})
	}
	return d, nil
}

func (in *Informer) letter(s *kabinet.ServiceSettings, inf *Informing) (*kabinet.Message, error) {
	l := Letter{Title: inf.Title, Body: inf.Text, Unsubscribe: in.BaseURL + "/unsubscribe?t=" + in.Unsubscribe.Sign(s.AccountID)}
	if inf.Link != "" {
		l.Link = in.BaseURL + inf.Link
	}
	m, err := in.Render(s.Email, l)
	if err != nil {
		return nil, err
	}
	m.Channel, m.AccountID, m.Recipient, m.Unsubscribe = kabinet.ChannelEmail, s.AccountID, s.Email, l.Unsubscribe
	return m, nil
}

// PushPayload is what the cabinet's service worker shows.
type PushPayload struct {
	Title string `json:"title"`
	Body  string `json:"body"`
	URL   string `json:"url"`
}

// Quiet hours: no SMS from 21:00 to 09:00 local time.
const (
	quietFrom = 21
	quietTo   = 9
)

// QuietUntil returns when an SMS written at now may go: zero in the day,
// 09:00 of the coming morning in the quiet hours.
func QuietUntil(now time.Time, loc *time.Location) time.Time {
	t := now.In(loc)
	switch h := t.Hour(); {
	case h >= quietFrom:
		t = t.AddDate(0, 0, 1)
	case h >= quietTo:
		return time.Time{}
	}
	return time.Date(t.Year(), t.Month(), t.Day(), quietTo, 0, 0, 0, loc)
}
