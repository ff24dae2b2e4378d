// Package qrpay builds and reads the payment string of a ГОСТ Р 56042-2014
// QR code, the one a bank app scans off a utility bill to fill in a
// payment (DOMAIN.md §1). It knows nothing about images: the pdf package
// draws the string as a QR symbol.
package qrpay

import (
	"fmt"

	"kabinet"
)

// Payment holds the requisites of one payment as a utility bill prints
// them. The first five are mandatory; empty optional strings and zero
// amounts are left out of the payment string.
type Payment struct {
	Name        string // payee name, up to 160 characters
	PersonalAcc string // payee settlement account, 20 characters
	BankName    string // payee bank, up to 45 characters
	BIC         string // БИК, 9 digits
	CorrespAcc  string // bank correspondent account, 20 characters

	KPP      string        // payee КПП, 9 characters
	PayeeINN string        // payee ИНН, 10 or 12 digits
	Purpose  string        // purpose of payment; Encode keeps the first 160 characters
	Sum      kabinet.Money // amount to pay, penalties included

	PersAcc      string        // the payer's account number as registries name it: letters (if any) and digits
	PaymPeriod   string        // billing period, MMYYYY (see Period)
	LastName     string        // payer's surname
	FirstName    string        // payer's first name
	MiddleName   string        // payer's patronymic
	PayerAddress string        // payer's address
	PayerINN     string        // payer's ИНН, 12 digits, rarely known
	AddAmount    kabinet.Money // penalties (пени) included in Sum
	PaymTerm     string        // due date, DD.MM.YYYY
	Contract     string        // contract number
	Flat         string        // flat number
	Category     string        // bank-assigned payment category or organisation code
	TechCode     string        // two digits, "02" for housing and utilities

	// Extra keeps requisites this type has no field for, in the order read,
	// so that Decode loses nothing; Encode writes them last.
	Extra []Requisite
}

// Requisite is one key=value pair of a payment string.
type Requisite struct {
	Key, Value string
}

// TechCodeUtilities is the TechCode of payments for housing and utilities
// («Коммунальные услуги (ЖКХ)»).
const TechCodeUtilities = "02"

// Period formats a billing period as PaymPeriod: MMYYYY, the default of
// DOMAIN.md §1.4.
func Period(p kabinet.Period) string { return fmt.Sprintf("%02d%04d", int(p.Month), p.Year) }

// field is one known requisite: its key as generators spell it, the longest
// value in characters Decode accepts (0: no limit), and where it lives.
type field struct {
	key   string
	max   int
	text  *string
	money *kabinet.Money
}

// fields lists p's requisites in the order Encode writes them: the
// mandatory five first, then KPP, PayeeINN, Purpose, Sum, which is the
// order the Sberbank app insists on (DOMAIN.md §1.1), then the others.
func (p *Payment) fields() []field {
	return []field{
		{"Name", 160, &p.Name, nil},
		{"PersonalAcc", 20, &p.PersonalAcc, nil},
		{"BankName", 45, &p.BankName, nil},
		{"BIC", 9, &p.BIC, nil},
		{"CorrespAcc", 20, &p.CorrespAcc, nil},
		{"KPP", 9, &p.KPP, nil},
		{"PayeeINN", 12, &p.PayeeINN, nil},
		{"Purpose", 210, &p.Purpose, nil},
		{"Sum", 18, nil, &p.Sum},
		{"PersAcc", 0, &p.PersAcc, nil},
		{"PaymPeriod", 0, &p.PaymPeriod, nil},
		{"LastName", 0, &p.LastName, nil},
		{"FirstName", 0, &p.FirstName, nil},
		{"MiddleName", 0, &p.MiddleName, nil},
		{"PayerAddress", 0, &p.PayerAddress, nil},
		{"PayerINN", 12, &p.PayerINN, nil},
		{"AddAmount", 18, nil, &p.AddAmount},
		{"PaymTerm", 0, &p.PaymTerm, nil},
		{"Contract", 0, &p.Contract, nil},
		{"Flat", 0, &p.Flat, nil},
		{"Category", 0, &p.Category, nil},
		{"TechCode", 2, &p.TechCode, nil},
	}
}

// mandatory is how many of fields() the standard requires.
const mandatory = 5
