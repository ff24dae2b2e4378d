package kabinet

import (
	"strings"
	"time"
)

// CartItem is one line of an order's fiscal receipt (54-ФЗ): what one
// provider is paid for one service. Amount is Price × Quantity.
type CartItem struct {
	SubAccountID int64
	Name         string // as the receipt prints it, ≤ 128 characters
	Code         string // unique within the order
	Quantity     int64
	Price        Money
	Amount       Money
}

// CheckCart checks the receipt's items against the order before it goes
// to the acquirer: each item's amount is its price times its quantity,
// and the items of each sub-account (provider) add up to what the order
// pays it, to the kopeck. An order that fails is refused.
func (o *PaymentOrder) CheckCart() error {
	if len(o.Cart) == 0 {
		return Errorf(EINVALID, "В чеке нет позиций")
	}
	bySub := map[int64]Money{}
	codes := map[string]bool{}
	for _, it := range o.Cart {
		if it.Quantity <= 0 || it.Price <= 0 || it.Price*Money(it.Quantity) != it.Amount || it.Name == "" || codes[it.Code] {
			return Errorf(EINVALID, "Неверная позиция чека «%s»", it.Name)
		}
		codes[it.Code] = true
		bySub[it.SubAccountID] += it.Amount
	}
	for _, p := range o.Parts {
		if bySub[p.SubAccountID] != p.Amount {
			return Errorf(EINVALID, "Позиции чека не равны сумме оплаты исполнителю: %s вместо %s", bySub[p.SubAccountID], p.Amount)
		}
		delete(bySub, p.SubAccountID)
	}
	if len(bySub) > 0 {
		return Errorf(EINVALID, "В чеке есть позиции, которые заказ не оплачивает")
	}
	return nil
}

// ReceiptState is where an order's fiscal receipt stands at the fiscal
// data operator (ОФД), as the acquirer reports it.
type ReceiptState string

// Receipt states.
const (
	ReceiptPending ReceiptState = "pending" // sent, not yet registered
	ReceiptDone    ReceiptState = "done"    // registered: the link opens it at the ОФД
	ReceiptFailed  ReceiptState = "failed"  // the cash service refused it: a person must look
)

// Title is the state as the customer reads it.
func (s ReceiptState) Title() string {
	return map[ReceiptState]string{ReceiptPending: "Чек формируется", ReceiptDone: "Чек",
		ReceiptFailed: "Чек не сформирован"}[s]
}

// Final reports whether the acquirer need not be asked again.
func (s ReceiptState) Final() bool { return s == ReceiptDone || s == ReceiptFailed }

// Receipt is the fiscal receipt of a paid order.
type Receipt struct {
	OrderID     int64
	OrderNumber string // our number, read with the receipt
	State       ReceiptState
	// UUID is the cash service's id of the receipt; URL the receipt at
	// the fiscal data operator, "" until registered.
	UUID, URL string
	UpdatedAt time.Time
}

// ParseReceiptContact checks where a customer wants the receipt: an
// e-mail address, or a mobile number, returned as +7XXXXXXXXXX.
func ParseReceiptContact(s string) (string, error) {
	s = strings.TrimSpace(s)
	if strings.Contains(s, "@") {
		return ParseEmail(s)
	}
	if p, err := ParsePhone(s); err == nil {
		return "+" + p, nil
	}
	return "", Errorf(EINVALID, "Укажите адрес электронной почты или номер мобильного телефона, например ivanov@mail.ru или +7 950 123-45-67.")
}
