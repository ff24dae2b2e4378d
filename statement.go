package kabinet

import "time"

// Statement is a reconciliation statement (акт сверки взаиморасчетов) of an
// account with one provider, optionally for one service, over a date range:
// the opening balance, month by month what was charged and paid, and the
// closing balance. Balances are debts: positive means the customer owes.
type Statement struct {
	AccountNumber string
	Payer         string
	Address       string
	Provider      Provider
	SubAccount    string
	Service       Service // "" for all the provider's services
	From, To      time.Time
	Opening       Money
	Months        []StatementMonth
	Closing       Money
	IssuedAt      time.Time
}

// StatementMonth is one month of a statement.
type StatementMonth struct {
	Period Period
	// Due is the «оплатить до» of the period's bill: what an imported bill
	// printed, else the rules (billing.DueSource); zero for a month that
	// charged nothing.
	Due         time.Time
	Charged     Money // charges for the period's services
	Adjustments Money // recalculations, either sign
	Penalties   Money
	Paid        Money // positive: what the customer paid in the month
}
