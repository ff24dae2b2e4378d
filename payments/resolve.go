package payments

import (
	"context"
	"fmt"
	"net/url"
	"strconv"
	"time"

	"kabinet"
)

// OpDeposited is the operation a card payment's credit is recorded under.
const OpDeposited = "deposited"

// Callback handles a notification of the acquirer. A notification that is
// not signed by the acquirer is ErrCallback and changes nothing; a signed
// one only prompts the service to ask the acquirer about the order, since
// only the order's status is proof of payment.
func (s *Service) Callback(ctx context.Context, params url.Values) error {
	gatewayID, err := s.bank.Callback(params)
	if err != nil {
		return ErrCallback
	}
	o, err := s.store.FindPaymentOrderByGatewayID(ctx, gatewayID)
	if kabinet.ErrorCode(err) == kabinet.ENOTFOUND {
		s.cfg.Logger.Warn("payment callback for an unknown order", "mdOrder", gatewayID)
		return nil // nothing to do, and the bank need not repeat it
	} else if err != nil {
		return err
	}
	_, err = s.Resolve(ctx, o)
	return err
}

// Resolve asks the acquirer about an order that is not final and acts on
// the answer: paid for this order and amount credits the ledger (once,
// however many times it is asked), paid with another amount or number is
// flagged and not credited, declined ends the order. It returns the order
// as it now stands.
func (s *Service) Resolve(ctx context.Context, o *kabinet.PaymentOrder) (*kabinet.PaymentOrder, error) {
	if o.State.Final() || o.GatewayID == "" {
		return o, nil
	}
	st, err := s.bank.Status(ctx, o.GatewayID)
	if err != nil {
		return nil, fmt.Errorf("order %s status: %w", o.Number, err)
	}
	switch {
	case st.State == kabinet.PaymentPaid && (st.Number != o.Number || st.Paid != o.Amount):
		flag := fmt.Sprintf("Банк сообщил об оплате %s по заказу %s, заказано %s", st.Paid, st.Number, o.Amount)
		if moved, err := s.store.EndPaymentOrder(ctx, o.ID, kabinet.PaymentMismatch, flag); err != nil || moved {
			s.cfg.Logger.Error("payment does not match its order: not credited", "order", o.Number, "paid", int64(st.Paid),
				"ordered", int64(o.Amount), "err", err)
		}
	case st.State == kabinet.PaymentPaid:
		if err := s.credit(ctx, o); err != nil {
			return nil, err
		}
		s.askReceipt(ctx, o)
	case st.State == kabinet.PaymentFailed:
		if _, err := s.store.EndPaymentOrder(ctx, o.ID, kabinet.PaymentFailed, ""); err != nil {
			return nil, err
		}
	}
	got, err := s.store.FindPaymentOrder(ctx, o.ID)
	if err != nil {
		return nil, err
	}
	return got, s.afterResolve(ctx, got, st)
}

// credit posts the order's parts to the ledger of their sub-accounts.
func (s *Service) credit(ctx context.Context, o *kabinet.PaymentOrder) error {
	day := s.Local(s.Now())
	posted := kabinet.DateOf(day)
	entries := make([]*kabinet.LedgerEntry, len(o.Parts))
	// The external ID is "card:…" for СБП too: the billing exchange
	// exports every payment through the acquirer under that ID
	// (card_payments), and one sent back must find its entry.
	note := "Оплата картой, заказ "
	switch {
	case isAutopay(o):
		note = "Автоплатеж картой, заказ "
	case o.Method == kabinet.MethodSBP:
		note = "Оплата через СБП, заказ "
	}
	for i, p := range o.Parts {
		entries[i] = &kabinet.LedgerEntry{SubAccountID: p.SubAccountID, Period: billedPeriod(day), Kind: kabinet.EntryPayment,
			Amount: -p.Amount, PostedOn: posted, Channel: o.Method.Channel(),
			ExternalID: "card:" + o.Number + ":" + strconv.FormatInt(p.SubAccountID, 10), Note: note + o.Number}
	}
	credited, err := s.store.CreditPaymentOrder(ctx, o.ID, OpDeposited, o.Amount, entries)
	if credited {
		s.cfg.Logger.Info("payment credited", "order", o.Number, "amount", int64(o.Amount))
	}
	return err
}

// billedPeriod is the period a card payment names: the last month billed
// when it is made, the bill a customer pays. Billing pays that period's
// debt first and the oldest debts with the rest (billing.Allocate).
func billedPeriod(day time.Time) kabinet.Period { return kabinet.PeriodOf(day).Add(-1) }

// Poll resolves the orders whose callbacks have not come: those older than
// PollAfter are asked about, and those older than Abandon that the
// acquirer still calls unpaid are given up. It returns how many orders it
// looked at.
func (s *Service) Poll(ctx context.Context) (int, error) {
	now := s.Now()
	os, err := s.store.FindUnresolvedPaymentOrders(ctx, now.Add(-s.cfg.PollAfter), 200)
	if err != nil {
		return 0, err
	}
	var firstErr error
	for _, o := range os {
		if o.GatewayID == "" && isAutopay(o) { // the bank's answer never came: ask by number
			if err := s.findCharge(ctx, o); err != nil {
				s.cfg.Logger.Warn("poll autopay order", "order", o.Number, "err", err)
				firstErr = cmpErr(firstErr, err)
			}
			continue
		}
		if o.GatewayID == "" { // its registration failed or never answered: nobody could pay it
			if now.Sub(o.CreatedAt) > s.cfg.PollAfter*10 {
				_, err := s.store.EndPaymentOrder(ctx, o.ID, kabinet.PaymentFailed, "Заказ не зарегистрирован в банке")
				firstErr = cmpErr(firstErr, err)
			}
			continue
		}
		got, err := s.Resolve(ctx, o)
		if err != nil {
			s.cfg.Logger.Warn("poll payment order", "order", o.Number, "err", err)
			firstErr = cmpErr(firstErr, err)
			continue
		}
		if !got.State.Final() && !isAutopay(o) && now.Sub(o.CreatedAt) > s.cfg.Abandon {
			_, err := s.store.EndPaymentOrder(ctx, o.ID, kabinet.PaymentFailed, "Не оплачен вовремя")
			firstErr = cmpErr(firstErr, err)
		}
	}
	return len(os), cmpErr(firstErr, s.pollReceipts(ctx))
}

func cmpErr(first, err error) error {
	if first != nil {
		return first
	}
	return err
}

// Look returns the order the acquirer knows as gatewayID, for the page the
// customer returns to. It asks the acquirer (a read) but changes nothing:
// the return address proves nothing.
func (s *Service) Look(ctx context.Context, gatewayID string) (*kabinet.PaymentOrder, *kabinet.AcquirerStatus, error) {
	o, err := s.store.FindPaymentOrderByGatewayID(ctx, gatewayID)
	if err != nil {
		return nil, nil, err
	}
	st, err := s.bank.Status(ctx, gatewayID)
	if err != nil {
		s.cfg.Logger.Warn("payment status for the return page", "order", o.Number, "err", err)
		return o, nil, nil
	}
	return o, st, nil
}
