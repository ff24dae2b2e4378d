package web

import (
	"net/http"
	"strconv"

	"kabinet"
	"kabinet/auth"
)

// PaymentsPage is «История оплат» (PAY-4): the payments to one provider,
// or to each of the account's providers, newest first.
type PaymentsPage struct {
	BasePage
	Account   string
	Providers []ProviderPaymentsView
	Back      string
}

// ProviderPaymentsView is one provider's payments.
type ProviderPaymentsView struct {
	Provider, SubAccount string
	Payments             []PaymentRow
}

// PaymentRow is one payment: its date, amount and channel.
type PaymentRow struct{ Date, Amount, Channel string }

// handlePaymentsShow lists the payments; ?provider=ID narrows them to one
// provider of the account, and any other provider is 404.
func (s *portalSite) handlePaymentsShow(w http.ResponseWriter, r *http.Request, v *auth.Visitor, a *kabinet.Account) error {
	var providerID int64
	if q := r.URL.Query().Get("provider"); q != "" {
		id, err := strconv.ParseInt(q, 10, 64)
		if err != nil || id <= 0 {
			return kabinet.Errorf(kabinet.ENOTFOUND, "У этого лицевого счета нет такого исполнителя")
		}
		providerID = id
	}
	pps, err := s.home.Payments(r.Context(), a, providerID)
	if err != nil {
		return err
	}
	p := &PaymentsPage{BasePage: s.base(r, "История оплат"), Account: a.Display, Back: accountPath(a, "")}
	for _, pp := range pps {
		view := ProviderPaymentsView{Provider: pp.Provider.Name, SubAccount: pp.SubAccount.Number}
		for _, e := range pp.Payments {
			view.Payments = append(view.Payments, PaymentRow{Date: e.PostedOn.Format("02.01.2006"),
				Amount: (-e.Amount).String(), Channel: e.Channel.Title()})
		}
		p.Providers = append(p.Providers, view)
	}
	return s.render(w, http.StatusOK, "payments", p)
}
