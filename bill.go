package kabinet

import (
	"fmt"
	"time"
)

// Bill is the immutable snapshot of an account's bill for a period, made when
// the period closes. It is never changed: a correction appears as an
// adjustment on a later bill.
type Bill struct {
	ID        int64
	AccountID int64
	Period    Period
	IssuedAt  time.Time
	Data      BillData
	// ExternalID is the billing system's ID of a bill it sent (BEY-6).
	ExternalID string
}

// BillSummary is a bill as a list of bills shows it: its period and what
// it asks to pay, without the rest of its data.
type BillSummary struct {
	ID     int64
	Period Period
	Total  Money
}

// BillData is everything printed on a bill, copied at issue time so that the
// bill reads the same whatever changes later.
type BillData struct {
	AccountNumber string         `json:"account_number"`
	Payer         string         `json:"payer"`
	Address       string         `json:"address"`
	Residents     int            `json:"residents"`
	Area          Area           `json:"area"`
	Providers     []BillProvider `json:"providers"`
	Total         Money          `json:"total"`
	// Number is the document's number as the billing system printed it
	// (BEY-6); "" for bills Kabinet issued, which are numbered by ID.
	Number string `json:"number,omitempty"`
}

// Number returns the number printed on the bill: the billing system's, or
// the ID in six digits.
func (b *Bill) Number() string {
	if b.Data.Number != "" {
		return b.Data.Number
	}
	return fmt.Sprintf("%06d", b.ID)
}

// BillProvider is one provider's part of a bill.
type BillProvider struct {
	Provider       Provider   `json:"provider"`
	SubAccount     string     `json:"sub_account"`
	OpeningBalance Money      `json:"opening_balance"`
	Lines          []BillLine `json:"lines"`
	Adjustments    Money      `json:"adjustments"`
	Penalties      Money      `json:"penalties"`
	Payments       Money      `json:"payments"` // positive: what was paid in the period
	ToPay          Money      `json:"to_pay"`
	DueOn          time.Time  `json:"due_on"`
}

// Charged is the provider's charges for the period, the sum of its lines:
// «Начислено за период» of the bill.
func (bp *BillProvider) Charged() Money {
	var sum Money
	for _, l := range bp.Lines {
		sum += l.Amount
	}
	return sum
}

// BillLine is one service's charge with the readings it was computed from.
type BillLine struct {
	Service     Service `json:"service"`
	MeterSerial string  `json:"meter_serial,omitempty"`
	Zone        string  `json:"zone,omitempty"`
	Previous    int64   `json:"previous,omitempty"`
	Current     int64   `json:"current,omitempty"`
	Consumption int64   `json:"consumption"` // units; an area (м²) in hundredths, as Area

	Unit string `json:"unit"`
	// TariffKopecks is the price per unit in hundredths of a kopeck, so that
	// tariffs such as 1,246 ₽/kWh are exact.
	TariffKopecks int64  `json:"tariff"`
	Amount        Money  `json:"amount"`
	Basis         string `json:"basis"` // по показаниям / по среднему / по нормативу
}
