package payments

import (
	"context"
	"crypto/rand"
	"encoding/base32"
	"errors"
	"maps"
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

// Request is a payment form sent: the account, the form's idempotency
// key, what to pay each sub-account (zero parts left out), where the
// receipt goes and how the customer pays.
type Request struct {
	AccountID int64
	Key       string
	Amounts   map[int64]kabinet.Money
	Contact   string
	Method    kabinet.PaymentMethod
}

// Order makes the order of a card payment form and registers it with the
// acquirer (Place with the card).
func (s *Service) Order(ctx context.Context, accountID int64, key string, amounts map[int64]kabinet.Money) (*kabinet.PaymentOrder, error) {
	return s.order(ctx, Request{AccountID: accountID, Key: key, Amounts: amounts}, nil)
}

// Place makes the order of a payment form and registers it with the
// acquirer: a card order gets the bank's payment page (FormURL), an СБП
// order its QR code. The same key, sent again (a double click, a
// reload), returns the order it made the first time.
func (s *Service) Place(ctx context.Context, r Request) (*kabinet.PaymentOrder, error) {
	return s.order(ctx, r, nil)
}

// order is Place, with autopay's rule to save with the order, or nil.
func (s *Service) order(ctx context.Context, req Request, r *kabinet.AutopayRule) (*kabinet.PaymentOrder, error) {
	a, err := s.store.FindAccountByID(ctx, req.AccountID)
	if err != nil {
		return nil, err
	}
	o, err := s.newOrder(ctx, req)
	if err != nil {
		return nil, err
	}
	if o.Contact = contactOf(o.Contact, a); o.Contact == "" {
		return nil, kabinet.Errorf(kabinet.EINVALID, "Укажите адрес электронной почты или телефон: на него придет чек.")
	}
	if err := s.cart(ctx, o); err != nil {
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
	if err := s.register(ctx, o, "Оплата по лицевому счету "+a.Display); err != nil {
		s.cfg.Logger.Error("register payment order", "order", o.Number, "err", err)
		if _, err := s.store.EndPaymentOrder(ctx, o.ID, kabinet.PaymentFailed, "Банк не зарегистрировал заказ"); err != nil {
			// The poller ends an order nobody could pay later on.
			s.cfg.Logger.Error("end unregistered payment order", "order", o.Number, "err", err)
		}
		return nil, ErrBankDown
	}
	o.State = kabinet.PaymentPending
	return o, nil
}

// register registers a new order with the acquirer by its method and
// records the answer.
func (s *Service) register(ctx context.Context, o *kabinet.PaymentOrder, description string) error {
	if o.Method == kabinet.MethodSBP {
		gatewayID, qr, err := s.bank.RegisterSBP(ctx, o, s.cfg.ReturnURL, description)
		if err != nil {
			return err
		}
		o.GatewayID = gatewayID
		return s.store.RegisterSBPOrder(ctx, o.ID, gatewayID, qr)
	}
	gatewayID, formURL, err := s.bank.Register(ctx, o, s.cfg.ReturnURL, description)
	if err != nil {
		return err
	}
	o.GatewayID, o.FormURL = gatewayID, formURL
	return s.store.RegisterPaymentOrder(ctx, o.ID, gatewayID, formURL)
}

// newOrder builds an order from the form, refusing sub-accounts that are
// not the account's.
func (s *Service) newOrder(ctx context.Context, r Request) (*kabinet.PaymentOrder, error) {
	if r.Key == "" {
		return nil, kabinet.Errorf(kabinet.EINVALID, "Форма устарела. Откройте страницу оплаты снова.")
	}
	subs, err := s.store.FindSubAccounts(ctx, r.AccountID)
	if err != nil {
		return nil, err
	}
	method := r.Method
	if method == "" {
		method = kabinet.MethodCard
	}
	o := &kabinet.PaymentOrder{AccountID: r.AccountID, Key: r.Key, Number: orderNumber(), State: kabinet.PaymentNew,
		Method: method, Contact: r.Contact}
	amounts := maps.Clone(r.Amounts)
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
