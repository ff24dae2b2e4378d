package kabinet

import "time"

// PaymentState is where a card payment order stands.
type PaymentState string

// Payment order states. Only the bank's order status moves an order out of
// pending; the customer's return from the bank's page moves nothing.
const (
	PaymentNew      PaymentState = "new"      // saved, not yet registered with the bank
	PaymentPending  PaymentState = "pending"  // registered, waiting for the card
	PaymentPaid     PaymentState = "paid"     // the bank says paid, the ledger is credited
	PaymentFailed   PaymentState = "failed"   // declined, expired or cancelled
	PaymentMismatch PaymentState = "mismatch" // the bank says paid, but not what was ordered: flagged, not credited
)

// Title is the state as the customer reads it.
func (s PaymentState) Title() string {
	return map[PaymentState]string{PaymentNew: "Создан", PaymentPending: "Ожидает оплаты", PaymentPaid: "Оплачен",
		PaymentFailed: "Не оплачен", PaymentMismatch: "На проверке"}[s]
}

// Final reports whether the order will not change any more by itself.
func (s PaymentState) Final() bool {
	return s == PaymentPaid || s == PaymentFailed || s == PaymentMismatch
}

// PaymentOrder is one «Оплатить» of a customer: an order with the bank for
// the sum of its parts, one part per sub-account (provider) paid.
type PaymentOrder struct {
	ID        int64
	AccountID int64
	// Key is the idempotency key of the form that made the order: a second
	// submission of the same form finds this order instead of making one.
	Key string
	// Number is our order number at the bank; GatewayID the bank's
	// (mdOrder), "" until registered; FormURL its payment page.
	Number    string
	GatewayID string
	FormURL   string
	Amount    Money
	State     PaymentState
	// Flag says why an order needs a person: an amount that differs from
	// the order, for one.
	Flag  string
	Parts []PaymentPart
	// ClientID, when set, asks the acquirer to save the card under that
	// customer id (autopay); it is not stored with the order.
	ClientID string
	// Method is how the customer pays: by card on the bank's page, or by
	// СБП from their bank's app.
	Method PaymentMethod
	// Contact is where the fiscal receipt goes: the payer's e-mail or
	// phone (+7…), as 54-ФЗ asks.
	Contact string
	// Cart is the receipt's items, built for the acquirer when the order
	// is sent; it is not stored with the order.
	Cart      []CartItem
	CreatedAt time.Time
	UpdatedAt time.Time
}

// PaymentPart is the part of an order that pays one sub-account.
type PaymentPart struct {
	SubAccountID int64
	Amount       Money
}

// MaxPayment bounds one card payment, a sanity limit against typos.
const MaxPayment Money = 100_000_000 // 1 000 000 ₽

// Validate checks an order before it is saved.
func (o *PaymentOrder) Validate() error {
	var sum Money
	for _, p := range o.Parts {
		if p.Amount <= 0 || p.SubAccountID == 0 {
			return Errorf(EINVALID, "Сумма к оплате должна быть больше нуля")
		}
		sum += p.Amount
	}
	switch {
	case len(o.Parts) == 0 || sum <= 0:
		return Errorf(EINVALID, "Укажите сумму к оплате")
	case sum > MaxPayment:
		return Errorf(EINVALID, "Сумма одного платежа не может быть больше %s", MaxPayment)
	case sum != o.Amount:
		return Errorf(EINVALID, "Сумма заказа не равна сумме его частей")
	case o.AccountID == 0 || o.Key == "" || o.Number == "":
		return Errorf(EINVALID, "Заказ без лицевого счета, ключа или номера")
	}
	return nil
}

// AcquirerStatus is the acquirer's word on an order: the only proof of a
// card payment.
type AcquirerStatus struct {
	Number string       // our order number as the acquirer has it
	State  PaymentState // pending, paid or failed
	Paid   Money        // what was charged, when paid
	// Card is the masked card number, for the customer's eyes.
	Card string
	// BindingID is the card the payment saved, "" if none.
	BindingID string
}

// ChargeRefused is the acquirer's refusal of a charge of a saved card:
// nothing was charged by that request. Duplicate means the order number
// was used before, so an earlier request may have charged it.
type ChargeRefused struct {
	Code, Message string
	Duplicate     bool
}

func (e *ChargeRefused) Error() string { return "charge refused: " + e.Code + " " + e.Message }
