package payments

import (
	"context"
	"strings"
	"time"

	"kabinet"
)

// cart builds o's receipt items: one per sub-account paid, named by the
// provider, its services and the sub-account's number, and checks that
// they add up to what the order pays each provider. A cart that does not
// is refused here, before anything reaches the acquirer.
func (s *Service) cart(ctx context.Context, o *kabinet.PaymentOrder) error {
	subs, err := s.store.FindSubAccounts(ctx, o.AccountID)
	if err != nil {
		return err
	}
	providers, err := s.store.FindProviders(ctx)
	if err != nil {
		return err
	}
	o.Cart = o.Cart[:0]
	for _, p := range o.Parts {
		for _, sub := range subs {
			if sub.ID == p.SubAccountID {
				o.Cart = append(o.Cart, cartItem(sub, providerOf(providers, sub.ProviderID), p.Amount))
			}
		}
	}
	return o.CheckCart()
}

// cartItem is the receipt line paying amount to a sub-account.
func cartItem(sub *kabinet.SubAccount, p *kabinet.Provider, amount kabinet.Money) kabinet.CartItem {
	services := sub.Services
	if len(services) == 0 && p != nil {
		services = p.Services
	}
	titles := make([]string, len(services))
	for i, sv := range services {
		titles[i] = sv.Title()
	}
	name, code := "Коммунальные услуги", "SUB"
	if len(titles) > 0 {
		name = strings.Join(titles, ", ")
	}
	if p != nil {
		name += " — " + p.Name
		code = p.Code
	}
	name += ", л/с " + sub.Number
	if r := []rune(name); len(r) > 128 {
		name = string(r[:128])
	}
	return kabinet.CartItem{SubAccountID: sub.ID, Name: name, Code: code + "-" + sub.Number, Quantity: 1, Price: amount, Amount: amount}
}

func providerOf(ps []*kabinet.Provider, id int64) *kabinet.Provider {
	for _, p := range ps {
		if p.ID == id {
			return p
		}
	}
	return nil
}

// contactOf is where an order's receipt goes: what the customer gave, or
// the account's e-mail or phone on file.
func contactOf(given string, a *kabinet.Account) string {
	switch {
	case given != "":
		return given
	case a.Email != "":
		return a.Email
	}
	return a.Phone
}

// ruleContact is where autopay's receipts go: where the receipt of the
// payment that turned autopay on went.
func (s *Service) ruleContact(ctx context.Context, r *kabinet.AutopayRule, a *kabinet.Account) string {
	first, err := s.store.FindPaymentOrder(ctx, r.OrderID)
	if err != nil {
		return contactOf("", a)
	}
	return contactOf(first.Contact, a)
}

// askReceipt asks the acquirer about a paid order's receipt and keeps its
// word; a failure is logged, and the poller asks again.
func (s *Service) askReceipt(ctx context.Context, o *kabinet.PaymentOrder) {
	r, err := s.bank.Receipt(ctx, o.GatewayID)
	if err == nil {
		r.OrderID = o.ID
		err = s.store.SaveReceipt(ctx, r)
	}
	if err != nil {
		s.cfg.Logger.Warn("payment receipt", "order", o.Number, "err", err)
	}
}

// receiptsWithin is how long after a payment its receipt is asked about.
const receiptsWithin = 72 * time.Hour

// pollReceipts asks about the receipts of orders paid lately that are not
// registered yet.
func (s *Service) pollReceipts(ctx context.Context) error {
	os, err := s.store.FindReceiptsToAsk(ctx, s.Now().Add(-receiptsWithin), 200)
	for _, o := range os {
		s.askReceipt(ctx, o)
	}
	return err
}

// Receipts returns the fiscal receipts of an account's orders by order
// number, for «История оплат».
func (s *Service) Receipts(ctx context.Context, accountID int64) (map[string]*kabinet.Receipt, error) {
	rs, err := s.store.FindReceipts(ctx, accountID, 500)
	if err != nil {
		return nil, err
	}
	out := make(map[string]*kabinet.Receipt, len(rs))
	for _, r := range rs {
		out[r.OrderNumber] = r
	}
	return out, nil
}

// OrderNumberOf is the order number in a payment's ledger entry
// ("card:<number>:<sub-account>", by card or СБП), "" for a payment not
// made through the acquirer.
func OrderNumberOf(e *kabinet.LedgerEntry) string {
	parts := strings.Split(e.ExternalID, ":")
	if len(parts) != 3 || parts[0] != "card" {
		return ""
	}
	return parts[1]
}
