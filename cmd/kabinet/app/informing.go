package app

import (
	"context"

	"kabinet"
	"kabinet/notify"
	"kabinet/remind"
	"kabinet/webpush"
)

// informing builds SVC-1..3 and BEY-2 on the keys kept in the database
// (made on first start): the one informer, its broadcasts, the
// reminders, the push subscriptions and the unsubscribe links.
func (a *App) informing(ctx context.Context) error {
	signer, err := notify.LoadSigner(ctx, a.DB)
	if err != nil {
		return err
	}
	a.Informer = &notify.Informer{Store: a.DB, Render: a.Letters.Notice, Unsubscribe: signer, BaseURL: a.Config.BaseURL,
		Calendar: a.Calendar}
	a.Broadcaster = &notify.Broadcaster{Store: a.DB, Informer: a.Informer}
	if a.Reminders, err = remind.New(a.DB, a.Informer, a.Calendar); err != nil {
		return err
	}
	a.Reminders.Due, a.Reminders.Judge.Due = a.Due, a.Due.Rules
	a.Unsubscribe = &notify.Unsubscriber{Signer: signer, Store: a.DB}
	return nil
}

// pushSender loads (on first start: makes) the VAPID keys and returns the
// push subscriptions and the push sender on them, sharing the endpoint
// check.
func (a *App) pushSender(ctx context.Context) (kabinet.Sender, error) {
	keys, err := webpush.LoadKeys(ctx, a.DB)
	if err != nil {
		return nil, err
	}
	endpoints := &webpush.Endpoints{}
	a.Push = &webpush.Subscriptions{Store: a.DB, Keys: keys, Endpoints: endpoints}
	return webpush.NewSender(a.DB, keys, "mailto:"+a.Config.SMTP.From, endpoints), nil
}
