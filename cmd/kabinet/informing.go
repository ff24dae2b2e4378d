package main

import (
	"context"

	"kabinet"
	"kabinet/mail"
	"kabinet/notify"
	"kabinet/remind"
	"kabinet/webpush"
)

// informing is the wiring of SVC-1..3 and BEY-2: the push keys and
// sender, the one informer, the unsubscribe links and the reminders.
type informing struct {
	push      *webpush.Subscriptions
	sender    *webpush.Sender
	unsub     *notify.Unsubscriber
	reminders *remind.Reminders
	broadcast *notify.Broadcaster
}

// newInforming loads (on first start: makes) the VAPID keys and the
// unsubscribe key from the database and builds the services on them.
func (m *Main) newInforming(ctx context.Context) (*informing, error) {
	keys, err := webpush.LoadKeys(ctx, m.db)
	if err != nil {
		return nil, err
	}
	signer, err := notify.LoadSigner(ctx, m.db)
	if err != nil {
		return nil, err
	}
	templates, err := mail.NewTemplates()
	if err != nil {
		return nil, err
	}
	render := func(to string, l notify.Letter) (*kabinet.Message, error) {
		msg, err := templates.Render(to, mail.Notice{SupplierName: m.Config.SupplierName, Title: l.Title, Body: l.Body,
			Link: l.Link, Unsubscribe: l.Unsubscribe})
		return &kabinet.Message{Subject: msg.Subject, Text: msg.Text, HTML: msg.HTML}, err
	}
	in := &notify.Informer{Store: m.db, Render: render, Unsubscribe: signer, BaseURL: m.Config.BaseURL,
		Calendar: m.cal}
	r, err := remind.New(m.db, in, m.cal)
	if err != nil {
		return nil, err
	}
	endpoints := &webpush.Endpoints{}
	return &informing{
		push:      &webpush.Subscriptions{Store: m.db, Keys: keys, Endpoints: endpoints},
		sender:    webpush.NewSender(m.db, keys, "mailto:"+m.Config.SMTP.From, endpoints),
		unsub:     &notify.Unsubscriber{Signer: signer, Store: m.db},
		reminders: r,
		broadcast: &notify.Broadcaster{Store: m.db, Informer: in},
	}, nil
}

// remind runs one reminder scan and logs what it did.
func (m *Main) remind(ctx context.Context) error {
	st, err := m.inform.reminders.Run(ctx)
	m.log.Info("reminders", "accounts", st.Accounts, "sent", st.Sent, "err", err)
	return err
}
