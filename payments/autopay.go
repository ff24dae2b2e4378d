package payments

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"kabinet"
	"kabinet/letters"
)

// Autopay (PAY-2): the customer ticks «Подключить автоплатеж» when paying
// by card; the order then asks the acquirer to save the card, and once
// the bank says it is paid with a binding, the rule becomes active. Each
// new bill is then charged on the rule's day through recurrentPayment.do,
// exactly once per (rule, bill): the charge and its payment order are
// claimed in the database before the bank is called, and an order whose
// outcome is unknown is asked about by its number, never charged blindly.

// autopayKeyPrefix marks the payment orders autopay makes: their key is
// autopay:<rule>:<bill>, unique like every order key.
const autopayKeyPrefix = "autopay:"

func isAutopay(o *kabinet.PaymentOrder) bool { return strings.HasPrefix(o.Key, autopayKeyPrefix) }

// AutopayForm is «Подключить автоплатеж» as the customer chose it.
type AutopayForm struct {
	UserID int64
	Mode   kabinet.AutopayMode
	Cap    kabinet.Money
	Day    int
}

// OrderAutopay is Order with autopay: the payment saves the card and, once
// paid, turns on autopay with the rule of f.
func (s *Service) OrderAutopay(ctx context.Context, req Request, f AutopayForm) (*kabinet.PaymentOrder, error) {
	r := &kabinet.AutopayRule{AccountID: req.AccountID, UserID: f.UserID, ClientID: clientID(req.AccountID), Mode: f.Mode, Cap: f.Cap, Day: f.Day}
	if err := r.Validate(); err != nil {
		return nil, err
	}
	req.Method = kabinet.MethodCard // a card is what autopay charges
	return s.order(ctx, req, r)
}

// clientID is the account as the acquirer's customer: its saved cards
// are kept under it.
func clientID(accountID int64) string { return "acc" + strconv.FormatInt(accountID, 10) }

// AutopayView is the autopay page: the rule (the latest, active, pending
// or stopped; nil if there never was one) and the charges.
type AutopayView struct {
	Rule    *kabinet.AutopayRule
	Charges []*kabinet.AutopayCharge
}

// Autopay returns the account's autopay.
func (s *Service) Autopay(ctx context.Context, accountID int64) (*AutopayView, error) {
	rules, err := s.store.FindAutopayRules(ctx, accountID, 10)
	if err != nil {
		return nil, err
	}
	v := &AutopayView{}
	for _, r := range rules { // an active rule wins over a newer pending one
		if v.Rule == nil || r.State == kabinet.AutopayActive && v.Rule.State != kabinet.AutopayActive {
			v.Rule = r
		}
	}
	v.Charges, err = s.store.FindAutopayCharges(ctx, accountID, 36)
	return v, err
}

// TurnOff stops the account's autopay at once and asks the acquirer to
// deactivate the saved card (unBindCard.do). It reports whether the
// acquirer did; when it did not, the scheduler asks again later, and
// nothing is charged meanwhile.
func (s *Service) TurnOff(ctx context.Context, accountID int64) (unbound bool, err error) {
	rules, err := s.store.FindAutopayRules(ctx, accountID, 10)
	if err != nil {
		return false, err
	}
	unbound = true
	for _, r := range rules {
		if r.State == kabinet.AutopayStopped {
			continue
		}
		if _, err := s.store.StopAutopayRule(ctx, r.ID, "Отключен клиентом", nil); err != nil {
			return false, err
		}
		if r.BindingID != "" && !s.unbind(ctx, r) {
			unbound = false
		}
	}
	return unbound, nil
}

// unbind deactivates the card of a stopped rule, unless another active
// rule of the account charges the same card. It reports success.
func (s *Service) unbind(ctx context.Context, r *kabinet.AutopayRule) bool {
	rules, err := s.store.FindAutopayRules(ctx, r.AccountID, 10)
	if err != nil {
		return false
	}
	inUse := false
	for _, o := range rules {
		inUse = inUse || o.ID != r.ID && o.State == kabinet.AutopayActive && o.BindingID == r.BindingID
	}
	if !inUse {
		if err := s.bank.Unbind(ctx, r.BindingID); err != nil {
			s.cfg.Logger.Warn("unbind card", "rule", r.ID, "err", err)
			return false
		}
	}
	return s.store.MarkAutopayUnbound(ctx, r.ID) == nil
}

// firstPayment acts on the end of an order that may have asked for
// autopay: paid with a saved card turns the rule on; paid without one, or
// not paid, drops it. st is the bank's word, nil to ask.
func (s *Service) firstPayment(ctx context.Context, o *kabinet.PaymentOrder, st *kabinet.AcquirerStatus) error {
	r, err := s.store.FindAutopayRuleByOrder(ctx, o.ID)
	if kabinet.ErrorCode(err) == kabinet.ENOTFOUND {
		return nil
	} else if err != nil || r.State != kabinet.AutopayPending {
		return err
	}
	if o.State != kabinet.PaymentPaid {
		_, err := s.store.StopAutopayRule(ctx, r.ID, "Первый платеж не прошел", nil)
		return err
	}
	if st == nil {
		if st, err = s.bank.Status(ctx, o.GatewayID); err != nil {
			return err
		}
	}
	a, err := s.store.FindAccountByID(ctx, r.AccountID)
	if err != nil {
		return err
	}
	if st.BindingID == "" {
		n, err := s.notice(ctx, r, a, letters.AutopayNotSaved{})
		if err != nil {
			return err
		}
		_, err = s.store.StopAutopayRule(ctx, r.ID, "Банк не сохранил карту", n)
		return err
	}
	r.Card = st.Card
	n, err := s.notice(ctx, r, a, letters.AutopayOn{Account: a.Display, Card: cardTail(st.Card), Rule: r.RuleTitle(), Day: r.Day})
	if err != nil {
		return err
	}
	_, err = s.store.ActivateAutopayRule(ctx, r.ID, st.BindingID, st.Card, n)
	return err
}

// RunAutopay is the scheduler's run: it notices the charges due tomorrow,
// charges those due today, settles what an earlier run left half done and
// deactivates the cards of stopped rules. Runs at once, or a run killed
// midway, charge nothing twice: a charge is claimed in the database
// before the bank is called. It returns how many charges it claimed.
func (s *Service) RunAutopay(ctx context.Context) (int, error) {
	if err := s.settleAutopay(ctx); err != nil {
		return 0, err
	}
	today := s.Today()
	claimed, after := 0, int64(0)
	var firstErr error
	for {
		rules, err := s.store.FindActiveAutopayRules(ctx, after, 200)
		if err != nil {
			return claimed, err
		}
		for _, r := range rules {
			after = r.ID
			ok, err := s.runRule(ctx, r, today)
			if err != nil {
				s.cfg.Logger.Warn("autopay", "rule", r.ID, "err", err)
				firstErr = cmpErr(firstErr, err)
			}
			if ok {
				claimed++
			}
		}
		if len(rules) < 200 {
			break
		}
	}
	s.unbindStopped(ctx)
	return claimed, firstErr
}

// runRule does rule r's work on its account's latest bill today, and
// reports whether it claimed a charge. Only the latest bill is charged:
// it carries what earlier ones left unpaid.
func (s *Service) runRule(ctx context.Context, r *kabinet.AutopayRule, today time.Time) (bool, error) {
	bills, err := s.store.FindBills(ctx, r.AccountID, 1)
	if err != nil || len(bills) == 0 || bills[0].IssuedAt.Before(r.ActivatedAt) {
		return false, err // the first payment paid the bills before the rule
	}
	b := bills[0]
	on := r.ChargeDate(s.DateOf(b.IssuedAt))
	if today.Before(on.AddDate(0, 0, -1)) {
		return false, nil
	}
	c, err := s.store.FindAutopayCharge(ctx, r.ID, b.ID)
	if err == nil && c.State != kabinet.ChargeNoticed {
		return false, nil
	} else if err != nil && kabinet.ErrorCode(err) != kabinet.ENOTFOUND {
		return false, err
	}
	parts, total, err := s.autopayParts(ctx, r, b)
	if err != nil {
		return false, err
	}
	a, err := s.store.FindAccountByID(ctx, r.AccountID)
	if err != nil {
		return false, err
	}
	c = &kabinet.AutopayCharge{RuleID: r.ID, BillID: b.ID, Period: b.Period, Amount: total, ChargeOn: on}
	if today.Before(on) {
		if total == 0 {
			return false, nil
		}
		n, err := s.notice(ctx, r, a, letters.AutopayTomorrow{Account: a.Display, Card: cardTail(r.Card), Amount: total.String(),
			Period: b.Period.Title()})
		if err != nil {
			return false, err
		}
		_, err = s.store.NoticeAutopayCharge(ctx, c, n)
		return false, err
	}
	if total == 0 {
		c.State = kabinet.ChargeSkipped
		_, err := s.store.ClaimAutopayCharge(ctx, c, nil)
		return false, err
	}
	o := &kabinet.PaymentOrder{AccountID: r.AccountID, Key: fmt.Sprintf("%s%d:%d", autopayKeyPrefix, r.ID, b.ID),
		Number: orderNumber(), Amount: total, Parts: parts, Method: kabinet.MethodCard, Contact: s.ruleContact(ctx, r, a)}
	if ok, err := s.store.ClaimAutopayCharge(ctx, c, o); err != nil || !ok {
		return false, err
	}
	return true, s.sendCharge(ctx, o, r, a)
}

// autopayParts is what the rule charges of bill b, per sub-account: each
// provider's «к оплате», less what has been paid since (never more than
// the debt now), all within the rule's cap.
func (s *Service) autopayParts(ctx context.Context, r *kabinet.AutopayRule, b *kabinet.Bill) ([]kabinet.PaymentPart, kabinet.Money, error) {
	subs, err := s.store.FindSubAccounts(ctx, r.AccountID)
	if err != nil {
		return nil, 0, err
	}
	var parts []kabinet.PaymentPart
	var total kabinet.Money
	for _, bp := range b.Data.Providers {
		for _, sub := range subs {
			if sub.ProviderID != bp.Provider.ID {
				continue
			}
			t, err := s.store.FindTotals(ctx, sub.ID)
			if err != nil {
				return nil, 0, err
			}
			due := min(bp.ToPay, t.Balance().Debt, kabinet.MaxPayment-total)
			if r.Mode == kabinet.AutopayCap {
				due = min(due, r.Cap-total)
			}
			if due > 0 {
				parts = append(parts, kabinet.PaymentPart{SubAccountID: sub.ID, Amount: due})
				total += due
			}
		}
	}
	return parts, total, nil
}

// sendCharge asks the acquirer to charge a claimed order. An answer that
// does not come leaves the order without the bank's id, for the poller to
// ask about by its number.
func (s *Service) sendCharge(ctx context.Context, o *kabinet.PaymentOrder, r *kabinet.AutopayRule, a *kabinet.Account) error {
	if err := s.cart(ctx, o); err != nil {
		return fmt.Errorf("autopay order %s: %w", o.Number, err)
	}
	id, err := s.bank.Charge(ctx, o, r.BindingID, "Автоплатеж по лицевому счету "+a.Display)
	var refused *kabinet.ChargeRefused
	switch {
	case errors.As(err, &refused) && refused.Duplicate:
		return nil // an earlier request made the order: the poller finds it by number
	case errors.As(err, &refused):
		if _, err := s.store.EndPaymentOrder(ctx, o.ID, kabinet.PaymentFailed, "Банк отказал в списании: "+refused.Message); err != nil {
			return err
		}
		return s.chargeEnded(ctx, o.ID)
	case err != nil:
		return fmt.Errorf("autopay order %s: %w", o.Number, err)
	}
	if err := s.store.RegisterPaymentOrder(ctx, o.ID, id, ""); err != nil {
		return err
	}
	o.GatewayID, o.State = id, kabinet.PaymentPending
	_, err = s.Resolve(ctx, o)
	return err
}

// findCharge resolves an autopay order the bank's id never reached us
// for: the bank is asked about its number; an order it knows is resolved
// as any other, and one it does not know was never charged, so it is
// sent again under the same number (which the bank would refuse twice).
func (s *Service) findCharge(ctx context.Context, o *kabinet.PaymentOrder) error {
	_, id, err := s.bank.StatusByNumber(ctx, o.Number)
	switch {
	case err == nil:
		if err := s.store.RegisterPaymentOrder(ctx, o.ID, id, ""); err != nil {
			return err
		}
		o.GatewayID, o.State = id, kabinet.PaymentPending
		_, err = s.Resolve(ctx, o)
		return err
	case kabinet.ErrorCode(err) != kabinet.ENOTFOUND:
		return err
	}
	c, err := s.store.FindAutopayChargeByOrder(ctx, o.ID)
	if err != nil {
		return err
	}
	r, err := s.store.FindAutopayRule(ctx, c.RuleID)
	if err != nil {
		return err
	}
	if r.State != kabinet.AutopayActive { // turned off before the bank heard of it
		if _, err := s.store.EndAutopayCharge(ctx, o.ID, kabinet.ChargeSkipped, "", nil); err != nil {
			return err
		}
		_, err := s.store.EndPaymentOrder(ctx, o.ID, kabinet.PaymentFailed, "Автоплатеж отключен")
		return err
	}
	a, err := s.store.FindAccountByID(ctx, r.AccountID)
	if err != nil {
		return err
	}
	return s.sendCharge(ctx, o, r, a)
}

// chargeEnded tells the customer how an autopay order ended, once: paid,
// or declined, which stops autopay.
func (s *Service) chargeEnded(ctx context.Context, orderID int64) error {
	o, err := s.store.FindPaymentOrder(ctx, orderID)
	if err != nil || !o.State.Final() || o.State == kabinet.PaymentMismatch { // a mismatch waits for a person
		return err
	}
	c, err := s.store.FindAutopayChargeByOrder(ctx, orderID)
	if err != nil {
		return err
	}
	r, err := s.store.FindAutopayRule(ctx, c.RuleID)
	if err != nil {
		return err
	}
	a, err := s.store.FindAccountByID(ctx, r.AccountID)
	if err != nil {
		return err
	}
	if o.State == kabinet.PaymentPaid {
		n, err := s.notice(ctx, r, a, letters.AutopayDone{Account: a.Display, Card: cardTail(r.Card), Amount: o.Amount.String(),
			Period: c.Period.Title()})
		if err != nil {
			return err
		}
		_, err = s.store.EndAutopayCharge(ctx, orderID, kabinet.ChargePaid, "", n)
		return err
	}
	n, err := s.notice(ctx, r, a, letters.AutopayDeclined{Card: cardTail(r.Card), Amount: o.Amount.String(), Period: c.Period.Title()})
	if err != nil {
		return err
	}
	moved, err := s.store.EndAutopayCharge(ctx, orderID, kabinet.ChargeDeclined, "Банк отклонил списание", n)
	if err == nil && moved {
		s.unbind(ctx, r)
	}
	return err
}

// afterResolve lets autopay act on an order Resolve found final.
func (s *Service) afterResolve(ctx context.Context, o *kabinet.PaymentOrder, st *kabinet.AcquirerStatus) error {
	switch {
	case !o.State.Final():
		return nil
	case isAutopay(o):
		return s.chargeEnded(ctx, o.ID)
	default:
		return s.firstPayment(ctx, o, st)
	}
}

// settleAutopay finishes what a run or a resolve that died midway left:
// rules whose first payment ended and charges whose order ended while
// they still wait.
func (s *Service) settleAutopay(ctx context.Context) error {
	rules, charges, err := s.store.FindUnsettledAutopay(ctx, 200)
	if err != nil {
		return err
	}
	for _, r := range rules {
		o, err := s.store.FindPaymentOrder(ctx, r.OrderID)
		if err == nil && o.State.Final() {
			err = s.firstPayment(ctx, o, nil)
		}
		if err != nil {
			s.cfg.Logger.Warn("autopay: settle rule", "rule", r.ID, "err", err)
		}
	}
	for _, c := range charges {
		if err := s.chargeEnded(ctx, c.OrderID); err != nil {
			s.cfg.Logger.Warn("autopay: settle charge", "order", c.OrderID, "err", err)
		}
	}
	return nil
}

// unbindStopped deactivates the cards of stopped rules that are still
// active at the bank.
func (s *Service) unbindStopped(ctx context.Context) {
	rules, err := s.store.FindAutopayRulesToUnbind(ctx, 100)
	if err != nil {
		s.cfg.Logger.Warn("autopay: rules to unbind", "err", err)
		return
	}
	for _, r := range rules {
		s.unbind(ctx, r)
	}
}

// notice is a message about rule r's account for the user who turned it
// on: in the bell, and by SMS and e-mail if the account's services ask
// for them.
func (s *Service) notice(ctx context.Context, r *kabinet.AutopayRule, a *kabinet.Account, l autopayLetter) (*kabinet.Notice, error) {
	title, text := l.Title(), l.Text()
	n := &kabinet.Notice{Notification: &kabinet.Notification{UserID: r.UserID, AccountID: r.AccountID, Title: title, Text: text,
		Link: "/a/" + strconv.FormatInt(r.AccountID, 10) + "/autopay"}}
	set, err := s.store.FindServiceSettings(ctx, r.AccountID)
	if kabinet.ErrorCode(err) == kabinet.ENOTFOUND {
		return n, nil // the defaults: a paper bill, no informing
	} else if err != nil {
		return nil, err
	}
	if set.SMS && set.Phone != "" {
		n.Messages = append(n.Messages, &kabinet.Message{Channel: kabinet.ChannelSMS, Recipient: set.Phone, Text: title + ". " + text})
	}
	if set.EmailInfo && set.Email != "" {
		n.Messages = append(n.Messages, &kabinet.Message{Channel: kabinet.ChannelEmail, Recipient: set.Email,
			Subject: letters.AutopaySubject(title, a.Display), Text: text})
	}
	return n, nil
}

// autopayLetter is the words of an autopay notice (letters.Autopay…).
type autopayLetter interface {
	Title() string
	Text() string
}

// cardTail is a masked card as a notice names it: **1111.
func cardTail(pan string) string {
	if len(pan) < 4 {
		return "банковской карты"
	}
	return "**" + pan[len(pan)-4:]
}
