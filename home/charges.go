package home

import (
	"context"

	"kabinet"
)

// ChargesMonths is how many months «Начисления» lists: three years, the
// longest period an «Акт сверки» covers.
const ChargesMonths = 36

// ProviderCharges is one provider's months of «Начисления»: each bill's
// summary line for it, newest first.
type ProviderCharges struct {
	Provider   kabinet.Provider
	SubAccount string
	Months     []ChargesMonth
}

// ChargesMonth is a provider's part of one month's bill, as the bill
// prints it: the opening balance, начислено, перерасчёт, пени, оплачено
// and к оплате.
type ChargesMonth struct {
	Period                                         kabinet.Period
	Opening, Charged, Adjustments, Penalties, Paid kabinet.Money
	ToPay                                          kabinet.Money
}

// Charges returns what the account's bills of the last ChargesMonths say
// of each provider, read from the bills themselves so that the page and
// the PDFs never differ. Providers come in the newest bill's order.
func (s *Service) Charges(ctx context.Context, a *kabinet.Account) ([]*ProviderCharges, error) {
	bills, err := s.store.FindBills(ctx, a.ID, ChargesMonths)
	if err != nil {
		return nil, err
	}
	var out []*ProviderCharges
	byKey := map[string]*ProviderCharges{}
	for _, b := range bills {
		for _, bp := range b.Data.Providers {
			key := bp.Provider.Code + "\x00" + bp.Provider.Name + "\x00" + bp.SubAccount
			pc := byKey[key]
			if pc == nil {
				pc = &ProviderCharges{Provider: bp.Provider, SubAccount: bp.SubAccount}
				byKey[key] = pc
				out = append(out, pc)
			}
			pc.Months = append(pc.Months, ChargesMonth{Period: b.Period, Opening: bp.OpeningBalance, Charged: bp.Charged(),
				Adjustments: bp.Adjustments, Penalties: bp.Penalties, Paid: bp.Payments, ToPay: bp.ToPay})
		}
	}
	return out, nil
}
