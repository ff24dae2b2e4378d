package web

import (
	"net/http"

	"kabinet"
	"kabinet/auth"
	"kabinet/home"
)

// ChargesPage is «Начисления и оплаты по месяцам» (issue 20): per
// provider, month by month, what each bill says — начислено, перерасчёт,
// пени, оплачено, к оплате — with a link to the bill, so that nobody has
// to open the PDFs to see them.
type ChargesPage struct {
	BasePage
	Account      string
	Providers    []ChargesView
	StatementURL string
	Back         string
}

// ChargesView is one provider's table.
type ChargesView struct {
	Provider, SubAccount string
	Months               []ChargesRow
}

// ChargesRow is one month: the amounts as the bill prints them (without
// the sign of the currency), and the overpayment the bill carries on.
type ChargesRow struct {
	Period, BillURL                                       string
	Opening, Charged, Adjustments, Penalties, Paid, ToPay string
	Overpaid                                              string
}

func (s *portalSite) handleChargesShow(w http.ResponseWriter, r *http.Request, v *auth.Visitor, a *kabinet.Account) error {
	pcs, err := s.home.Charges(r.Context(), a)
	if err != nil {
		return err
	}
	p := &ChargesPage{BasePage: s.base(r, "Начисления и оплаты"), Account: a.Display,
		StatementURL: accountPath(a, "statement"), Back: accountPath(a, "")}
	for _, pc := range pcs {
		p.Providers = append(p.Providers, chargesView(a, pc))
	}
	return s.render(w, http.StatusOK, "charges", p)
}

func chargesView(a *kabinet.Account, pc *home.ProviderCharges) ChargesView {
	view := ChargesView{Provider: pc.Provider.Name, SubAccount: pc.SubAccount}
	for _, m := range pc.Months {
		row := ChargesRow{Period: capitalize(m.Period.Title()), BillURL: accountPath(a, "bills/"+m.Period.String()+".pdf"),
			Opening: m.Opening.Plain(), Charged: m.Charged.Plain(), Adjustments: m.Adjustments.Plain(),
			Penalties: m.Penalties.Plain(), Paid: m.Paid.Plain(), ToPay: max(m.ToPay, 0).Plain()}
		if m.ToPay < 0 { // the bill prints 0,00 to pay and the overpayment below
			row.Overpaid = (-m.ToPay).String()
		}
		view.Months = append(view.Months, row)
	}
	return view
}
