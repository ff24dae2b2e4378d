package pdf

import (
	"strings"

	"kabinet"
	"kabinet/qrpay"
)

// Payment returns the QR requisites of provider p's part of bill b: the
// payee's bank details, the amount to pay with the penalties in AddAmount
// (DOMAIN.md §3.5), the account number in PersAcc and the period in
// PaymPeriod, so that the payment lands on the right account and month.
// PersAcc is the number the customer and the payment agents know, the one
// a registry line names and `kabinet import-payments` looks up; the payee
// in the code tells which provider's sub-account it pays.
func Payment(b *kabinet.Bill, p *kabinet.BillProvider) qrpay.Payment {
	pr := p.Provider
	q := qrpay.Payment{
		Name: pr.Name, PersonalAcc: pr.PersonalAcc, BankName: pr.BankName,
		BIC: pr.BIC, CorrespAcc: pr.CorrespAcc, KPP: pr.KPP, PayeeINN: pr.INN,
		Purpose:      purpose(b, p),
		PersAcc:      persAcc(b),
		PaymPeriod:   qrpay.Period(b.Period),
		PayerAddress: b.Data.Address,
		TechCode:     qrpay.TechCodeUtilities,
	}
	if p.ToPay > 0 {
		q.Sum = p.ToPay
		q.AddAmount = min(max(p.Penalties, 0), p.ToPay)
	}
	q.LastName, q.FirstName, q.MiddleName = splitName(b.Data.Payer)
	return q
}

// purpose reads like the purpose people write themselves:
// «Оплата: Электроэнергия, пени; л/с 10103001857; январь 2026».
func purpose(b *kabinet.Bill, p *kabinet.BillProvider) string {
	var what []string
	for _, s := range providerServices(p) {
		what = append(what, s.Title())
	}
	if p.Penalties > 0 {
		what = append(what, "пени")
	}
	return "Оплата: " + strings.Join(what, ", ") + "; л/с " + b.Data.AccountNumber + "; " + b.Period.Title()
}

// providerServices lists the services of p's lines, each once, in order.
func providerServices(p *kabinet.BillProvider) []kabinet.Service {
	var out []kabinet.Service
	for _, l := range p.Lines {
		if len(out) == 0 || out[len(out)-1] != l.Service {
			out = append(out, l.Service)
		}
	}
	return out
}

// subAccount is the account's number with the provider, or the account's
// own number where the provider keeps no other.
func subAccount(b *kabinet.Bill, p *kabinet.BillProvider) string {
	if p.SubAccount != "" {
		return p.SubAccount
	}
	return b.Data.AccountNumber
}

// splitName splits «Иванов Иван Иванович» into its parts. A payer printed
// as «Иванов И. И.» gives the surname only: initials in FirstName would
// confuse the bank's own check of the payer.
func splitName(full string) (last, first, middle string) {
	parts := strings.Fields(full)
	if len(parts) == 0 {
		return "", "", ""
	}
	last = parts[0]
	if len(parts) >= 2 && !strings.Contains(parts[1], ".") {
		first = parts[1]
	}
	if len(parts) >= 3 && !strings.Contains(parts[2], ".") {
		middle = strings.Join(parts[2:], " ")
	}
	return last, first, middle
}

// persAcc is the bill's account number in its canonical form (letters,
// if any, then digits, nothing else), as kabinet.ParseAccountNumber reads
// it back; PersAcc carries no «л/с №» prefix (DOMAIN.md §1.4). The letter
// part stays: without it ИЭСБК0041300 would be 0041300, which another
// account's digits could match.
func persAcc(b *kabinet.Bill) string {
	n, err := kabinet.ParseAccountNumber(b.Data.AccountNumber)
	if err != nil {
		return strings.TrimSpace(b.Data.AccountNumber)
	}
	return n.String()
}
