package payments

import (
	"context"
	"crypto/rand"
	"encoding/base32"
	"errors"
	"strings"
	"time"

	"kabinet"
)

// Due is what an account owes one provider: a line of «Оплатить картой».
type Due struct {
	Sub      *kabinet.SubAccount
	Provider *kabinet.Provider
	Balance  kabinet.Balance
}

// Dues returns the account's balance with each of its providers.
func (s *Service) Dues(ctx context.Context, accountID int64) ([]Due, error) {
	subs, err := s.store.FindSubAccounts(ctx, accountID)
	if err != nil {
		return nil, err
	}
	providers, err := s.store.FindProviders(ctx)
	if err != nil {
		return nil, err
	}
	byID := map[int64]*kabinet.Provider{}
	for _, p := range providers {
		byID[p.ID] = p
	}
	dues := make([]Due, 0, len(subs))
	for _, sub := range subs {
		t, err := s.store.FindTotals(ctx, sub.ID)
		if err != nil {
			return nil, err
		}
		dues = append(dues, Due{Sub: sub, Provider: byID[sub.ProviderID], Balance: t.Balance()})
	}
	return dues, nil
}

// NewKey returns a fresh idempotency key for a payment form.
func NewKey() string {
	b := make([]byte, 15)
	rand.Read(b)
	return strings.ToLower(base32.StdEncoding.EncodeToString(b))
}

// Order makes the order of a payment form and registers it with the
// acquirer: amounts are what the customer chose to pay each sub-account
// (zero parts left out). The same key, sent again (a double click, a
// reload), returns the order it made the first time.
func (s *Service) Order(ctx context.Context, accountID int64, key string, amounts map[int64]kabinet.Money) (*kabinet.PaymentOrder, error) {
	return s.order(ctx, accountID, key, amounts, nil)
}

// order is Order, with autopay's rule r to save with the order, or nil.
func (s *Service) order(ctx context.Context, accountID int64, key string, amounts map[int64]kabinet.Money, r *kabinet.AutopayRule) (*kabinet.PaymentOrder, error) {
	o, err := s.newOrder(ctx, accountID, key, amounts)
	if err != nil {
		return nil, err
	}
	o, created, err := s.store.CreatePaymentOrder(ctx, o)
	if err != nil {
		return nil, err
	}
	if !created {
		return s.await(ctx, o)
	}
	if r != nil {
		r.OrderID, o.ClientID = o.ID, r.ClientID
		if _, err := s.store.CreateAutopayRule(ctx, r); err != nil {
			_, endErr := s.store.EndPaymentOrder(ctx, o.ID, kabinet.PaymentFailed, "Автоплатеж не сохранен")
			return nil, errors.Join(err, endErr)
		}
	}
	a, err := s.store.FindAccountByID(ctx, accountID)
	if err != nil {
		return nil, err
	}
	gatewayID, formURL, err := s.bank.Register(ctx, o, s.cfg.ReturnURL, "Оплата по лицевому счету "+a.Display)
	if err != nil {
		s.cfg.Logger.Error("register payment order", "order", o.Number, "err", err)
		if _, err := s.store.EndPaymentOrder(ctx, o.ID, kabinet.PaymentFailed, "Банк не зарегистрировал заказ"); err != nil {
			// The poller ends an order nobody could pay later on.
			s.cfg.Logger.Error("end unregistered payment order", "order", o.Number, "err", err)
		}
		return nil, ErrBankDown
	}
	if err := s.store.RegisterPaymentOrder(ctx, o.ID, gatewayID, formURL); err != nil {
		return nil, err
	}
	o.GatewayID, o.FormURL, o.State = gatewayID, formURL, kabinet.PaymentPending
	return o, nil
}

// newOrder builds an order from the form, refusing sub-accounts that are
// not the account's.
func (s *Service) newOrder(ctx context.Context, accountID int64, key string, amounts map[int64]kabinet.Money) (*kabinet.PaymentOrder, error) {
	if key == "" {
		return nil, kabinet.Errorf(kabinet.EINVALID, "Форма устарела. Откройте страницу оплаты снова.")
	}
	subs, err := s.store.FindSubAccounts(ctx, accountID)
	if err != nil {
		return nil, err
	}
	o := &kabinet.PaymentOrder{AccountID: accountID, Key: key, Number: orderNumber(), State: kabinet.PaymentNew}
	for _, sub := range subs {
		if m := amounts[sub.ID]; m > 0 {
			o.Parts = append(o.Parts, kabinet.PaymentPart{SubAccountID: sub.ID, Amount: m})
			o.Amount += m
		}
		delete(amounts, sub.ID)
	}
	if len(amounts) > 0 {
		return nil, kabinet.Errorf(kabinet.EINVALID, "Лицевой счет не найден")
	}
	return o, o.Validate()
}

// orderNumber is our number for the acquirer: unique, ≤ 32 characters,
// and telling nothing about the customer.
func orderNumber() string { return "K" + strings.ToUpper(NewKey()[:20]) }

// await returns an order the same form made before, once it is
// registered: the first submission may still be talking to the bank.
func (s *Service) await(ctx context.Context, o *kabinet.PaymentOrder) (*kabinet.PaymentOrder, error) {
	for range 50 {
		if o.State != kabinet.PaymentNew {
			return o, nil
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
		var err error
		if o, err = s.store.FindPaymentOrder(ctx, o.ID); err != nil {
			return nil, err
		}
	}
	return nil, ErrInProcess
}
