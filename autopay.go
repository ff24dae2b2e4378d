package kabinet

import "time"

// AutopayMode is how much autopay charges of a bill.
type AutopayMode string

// Autopay modes: «полная сумма счета», or «не более N ₽».
const (
	AutopayFull AutopayMode = "full"
	AutopayCap  AutopayMode = "cap"
)

// AutopayState is where an autopay rule stands.
type AutopayState string

// Autopay rule states. A rule is pending from «Подключить автоплатеж»
// until its first card payment is paid with the card saved; only an
// active rule is charged; a stopped one never is again.
const (
	AutopayPending AutopayState = "pending"
	AutopayActive  AutopayState = "active"
	AutopayStopped AutopayState = "stopped"
)

// AutopayRule is an account's autopay (PAY-2): the customer's consent to
// charge a saved card (a binding at the acquirer) for each new bill.
type AutopayRule struct {
	ID        int64
	AccountID int64
	// UserID is who turned it on: the one its notices go to.
	UserID int64
	// OrderID is the first card payment, the one that saves the card.
	OrderID int64
	// ClientID and BindingID name the saved card at the acquirer;
	// BindingID is "" until the first payment is paid.
	ClientID  string
	BindingID string
	Card      string // masked card number, for the customer's eyes
	Mode      AutopayMode
	Cap       Money // the «не более» amount of AutopayCap
	// Day is the day of the month on which a bill is charged, the first
	// such day after the bill is issued.
	Day   int
	State AutopayState
	// Reason says why a rule stopped, for the customer.
	Reason string
	// Unbound is set once the acquirer has deactivated the binding of a
	// stopped rule.
	Unbound     bool
	ActivatedAt time.Time
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

// Autopay day bounds: the 29th to 31st are missing from some months.
const (
	AutopayFirstDay = 1
	AutopayLastDay  = 28
)

// Validate checks a rule before it is saved.
func (r *AutopayRule) Validate() error {
	switch {
	case r.Mode != AutopayFull && r.Mode != AutopayCap:
		return Errorf(EINVALID, "Выберите сумму автоплатежа")
	case r.Mode == AutopayCap && r.Cap <= 0:
		return Errorf(EINVALID, "Укажите сумму больше нуля")
	case r.Mode == AutopayCap && r.Cap > MaxPayment:
		return Errorf(EINVALID, "Сумма не может быть больше %s", MaxPayment)
	case r.Day < AutopayFirstDay || r.Day > AutopayLastDay:
		return Errorf(EINVALID, "Укажите день с %d по %d", AutopayFirstDay, AutopayLastDay)
	case r.AccountID == 0 || r.UserID == 0 || r.ClientID == "":
		return Errorf(EINVALID, "Автоплатеж без лицевого счета, пользователя или клиента банка")
	}
	return nil
}

// RuleTitle is the rule as the customer reads it.
func (r *AutopayRule) RuleTitle() string {
	if r.Mode == AutopayCap {
		return "не более " + r.Cap.String()
	}
	return "полная сумма счета"
}

// ChargeDate is the calendar date on which a bill issued on the
// supplier's date issued is charged: the first day numbered Day after it.
func (r *AutopayRule) ChargeDate(issued time.Time) time.Time {
	charge := Date(issued.Year(), issued.Month(), r.Day)
	if !charge.After(issued) {
		charge = charge.AddDate(0, 1, 0)
	}
	return charge
}

// Limit is the most the rule charges of a bill that asks for due.
func (r *AutopayRule) Limit(due Money) Money {
	if r.Mode == AutopayCap && r.Cap < due {
		return r.Cap
	}
	return due
}

// AutopayChargeState is where one autopay charge stands.
type AutopayChargeState string

// Autopay charge states. A charge is noticed the day before, claimed
// (its payment order made) before the bank is called, and then paid or
// declined by what the bank's order status says; skipped when the bill
// had nothing left to pay.
const (
	ChargeNoticed  AutopayChargeState = "noticed"
	ChargeClaimed  AutopayChargeState = "claimed"
	ChargePaid     AutopayChargeState = "paid"
	ChargeDeclined AutopayChargeState = "declined"
	ChargeSkipped  AutopayChargeState = "skipped"
)

// Title is the state as the customer reads it.
func (s AutopayChargeState) Title() string {
	return map[AutopayChargeState]string{ChargeNoticed: "Запланирован", ChargeClaimed: "Выполняется",
		ChargePaid: "Списано", ChargeDeclined: "Отклонено банком", ChargeSkipped: "Не требовался"}[s]
}

// AutopayCharge is autopay's work on one bill of one rule: there is at
// most one per (rule, bill), which is what makes a bill charged once.
type AutopayCharge struct {
	ID      int64
	RuleID  int64
	BillID  int64
	Period  Period // the bill's
	OrderID int64  // the payment order, 0 until claimed
	Amount  Money
	State   AutopayChargeState
	// ChargeOn is the day it is due (midnight UTC, the supplier's day).
	ChargeOn  time.Time
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Notice is a message about an account for its customer: a notification
// in the bell, and the texts the account's services settings ask for.
// Stores write it in the transaction of the change it tells about.
type Notice struct {
	Notification *Notification
	Messages     []*Message
}
