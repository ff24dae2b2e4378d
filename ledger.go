package kabinet

import "time"

// EntryKind is the kind of a ledger entry.
type EntryKind string

// Ledger entry kinds. Charges and penalties add to the debt; payments reduce
// it; adjustments (перерасчёты) go either way.
const (
	EntryCharge     EntryKind = "charge"
	EntryPayment    EntryKind = "payment"
	EntryPenalty    EntryKind = "penalty"
	EntryAdjustment EntryKind = "adjustment"
)

// PaymentChannel is how a payment arrived, for «История оплат».
type PaymentChannel string

// Payment channels.
const (
	ChannelCard   PaymentChannel = "card"   // card through the portal's acquirer
	ChannelAgent  PaymentChannel = "agent"  // a payment agent such as «Система Город»
	ChannelBank   PaymentChannel = "bank"   // a bank branch or app by the bill's QR code
	ChannelPost   PaymentChannel = "post"   // Почта России
	ChannelOffice PaymentChannel = "office" // the supplier's cash desk
	ChannelSBP    PaymentChannel = "sbp"    // СБП (the faster payments system) through the portal's acquirer
)

// Title returns the channel's Russian name.
func (c PaymentChannel) Title() string {
	return map[PaymentChannel]string{ChannelCard: "Банковская карта", ChannelAgent: "Система «Город»",
		ChannelBank: "Банк", ChannelPost: "Почта России", ChannelOffice: "Касса", ChannelSBP: "СБП"}[c]
}

// LedgerEntry is one movement of money on a sub-account. Amount is signed the
// way the debt moves: charges and penalties positive, payments negative. The
// ledger is the only place money is kept; balances are derived from it.
type LedgerEntry struct {
	ID           int64
	SubAccountID int64
	Period       Period
	Kind         EntryKind
	Service      Service // "" for payments and penalties not tied to a service
	Amount       Money
	PostedOn     time.Time
	Channel      PaymentChannel // payments only
	// ExternalID makes imports and payment callbacks idempotent: the store
	// refuses a second entry with the same non-empty ExternalID.
	ExternalID string
	Note       string
}

// BookedOn is the day an entry counts on in a balance on a date. A month
// close posts the month's charges, penalties and recalculations on the
// first day of the next month, as of the month's end: an entry other than
// a payment posted on the first of a month counts on the last day of the
// month before, the day that month's bill states «к оплате» for. A payment
// counts on the day it was made. Bills, statements and «Главная» read the
// ledger by this one rule, so that they tell the same balance for a day.
func (e *LedgerEntry) BookedOn() time.Time {
	if e.Kind != EntryPayment && e.PostedOn.Day() == 1 {
		return e.PostedOn.AddDate(0, 0, -1)
	}
	return e.PostedOn
}

// Validate checks the sign rules of a ledger entry.
func (e *LedgerEntry) Validate() error {
	switch e.Kind {
	case EntryCharge, EntryPenalty:
		if e.Amount < 0 {
			return Errorf(EINVALID, "Начисление не может быть отрицательным")
		}
	case EntryPayment:
		if e.Amount >= 0 {
			return Errorf(EINVALID, "Оплата уменьшает долг: сумма должна быть отрицательной")
		}
		if e.Channel == "" {
			return Errorf(EINVALID, "Не указан способ оплаты")
		}
	case EntryAdjustment:
	default:
		return Errorf(EINVALID, "Неизвестный вид проводки")
	}
	if e.SubAccountID == 0 || e.Period.Year == 0 {
		return Errorf(EINVALID, "Проводка без лицевого счёта или периода")
	}
	return nil
}

// Totals are the sums of a sub-account's ledger by kind, the input from
// which everything the customer sees about money is derived.
type Totals struct {
	Charges     Money
	Penalties   Money
	Adjustments Money
	Payments    Money // negative or zero
}

// Add adds e to the totals.
func (t *Totals) Add(e LedgerEntry) {
	switch e.Kind {
	case EntryCharge:
		t.Charges += e.Amount
	case EntryPenalty:
		t.Penalties += e.Amount
	case EntryAdjustment:
		t.Adjustments += e.Amount
	case EntryPayment:
		t.Payments += e.Amount
	}
}

// Balance is the derived state of a sub-account.
type Balance struct {
	// Debt is what the customer owes; negative means overpaid (переплата).
	Debt Money
	// PenaltyPart is the part of Debt that is penalties («в т.ч. пени»).
	// Payments go to the principal first, since penalties accrue only on
	// unpaid principal, so penalties are what remains unpaid last.
	PenaltyPart Money
}

// Balance derives the balance from the totals.
func (t Totals) Balance() Balance {
	b := Balance{Debt: t.Charges + t.Penalties + t.Adjustments + t.Payments}
	b.PenaltyPart = min(max(b.Debt, 0), t.Penalties)
	return b
}

// Overpaid reports whether the customer has paid more than owed.
func (b Balance) Overpaid() bool { return b.Debt < 0 }

// PeriodDebt is a period's principal still unpaid after the payments
// were spread over the debts (billing.Allocate): the state the penalty
// forecast starts from.
type PeriodDebt struct {
	Period    Period
	Principal Money
}

// LedgerFilter selects entries of one sub-account, optionally of one kind.
type LedgerFilter struct {
	SubAccountID int64
	Kind         EntryKind
	Limit        int
}

// SubBalance is a sub-account with its kept balance.
type SubBalance struct {
	SubAccount *SubAccount
	// Provider is the sub-account's provider, read with it.
	Provider *Provider
	Totals   Totals
	// Debts are the periods' unpaid principals, oldest first; they hold
	// only when Current.
	Debts   []PeriodDebt
	Current bool
}
