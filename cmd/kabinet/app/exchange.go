package app

import (
	"context"
	"fmt"

	"kabinet"
	"kabinet/exchange"
	"kabinet/notify"
)

// Importer returns the billing exchange's importer, telling the customers
// of every account a full snapshot closes through the one informer, and
// giving the billing's answers through the requests' answer path. The
// command, the inbox and the exchange API import through it.
func (a *App) Importer() *exchange.Importer {
	return &exchange.Importer{Store: a.DB, Now: a.Calendar.Now, Closed: a.tellClosed, Answers: a.Requests, DueRules: a.Due.Rules}
}

// tellClosed plans the notice to the customers of accounts the billing
// system closed: the bell, and push, SMS and e-mail as each account's
// services are ticked. It commits with the close.
func (a *App) tellClosed(ctx context.Context, accounts []*kabinet.Account) ([]*kabinet.Delivery, error) {
	byID := make(map[int64]*kabinet.Account, len(accounts))
	ids := make([]int64, 0, len(accounts))
	for _, acc := range accounts {
		byID[acc.ID] = acc
		ids = append(ids, acc.ID)
	}
	return a.Informer.DeliveriesTo(ctx, ids, func(id int64) *notify.Informing {
		return ClosedNotice(byID[id])
	})
}

// ClosedNotice is what the customers of an account the supplier's billing
// closed are told.
func ClosedNotice(acc *kabinet.Account) *notify.Informing {
	return &notify.Informing{AccountID: acc.ID, Link: fmt.Sprintf("/a/%d/", acc.ID),
		Title: "Лицевой счет " + acc.Display + " закрыт",
		Text: "Поставщик закрыл лицевой счет " + acc.Display + ". История начислений, оплат и счетов " +
			"остается в личном кабинете. Если счет закрыт по ошибке, обратитесь к поставщику.",
		SMS: "Лицевой счет " + acc.Display + " закрыт. История - в личном кабинете."}
}
