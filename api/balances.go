package api

import (
	"net/http"
	"strconv"
	"strings"

	"kabinet"
	"kabinet/payments"
)

type balanceItem struct {
	ProviderID   int64    `json:"provider_id"`
	Provider     string   `json:"provider"`
	SubAccountID int64    `json:"sub_account_id"`
	SubAccount   string   `json:"sub_account"`
	Debt         amount   `json:"debt"` // negative: overpaid (переплата)
	Penalties    amount   `json:"penalties"`
	Forecast     forecast `json:"forecast"`
}

// forecast is what to pay by when so that no penalty accrues, as
// «Главная» tells it.
type forecast struct {
	Pay     amount `json:"pay"`
	Due     string `json:"due,omitempty"`
	By      string `json:"by,omitempty"`
	Overdue bool   `json:"overdue"`
	PerDay  amount `json:"per_day"`
}

// handleBalances is what each provider is owed, with penalties and the
// forecast (HOME-1).
func (s *Server) handleBalances(w http.ResponseWriter, r *http.Request, v *visit) error {
	bs, err := s.home.Balances(r.Context(), v.Account)
	if err != nil {
		return err
	}
	items := []balanceItem{}
	for _, b := range bs {
		f := b.Forecast
		items = append(items, balanceItem{ProviderID: b.Provider.ID, Provider: b.Provider.Name, SubAccountID: b.SubAccount.ID,
			SubAccount: b.SubAccount.Number, Debt: money(b.Balance.Debt), Penalties: money(b.Balance.PenaltyPart),
			Forecast: forecast{Pay: money(f.Pay), Due: day(f.Due), By: day(f.By), Overdue: f.Overdue, PerDay: money(f.PerDay)}})
	}
	writeJSON(w, http.StatusOK, struct {
		Balances []balanceItem `json:"balances"`
	}{items})
	return nil
}

type paymentItem struct {
	Date       string `json:"date"`
	Amount     amount `json:"amount"`
	Channel    string `json:"channel"`
	Receipt    string `json:"receipt,omitempty"`
	ReceiptURL string `json:"receipt_url,omitempty"`
}

type providerPayments struct {
	ProviderID int64         `json:"provider_id"`
	Provider   string        `json:"provider"`
	SubAccount string        `json:"sub_account"`
	Payments   []paymentItem `json:"payments"`
}

// handlePayments is «История оплат» (PAY-4); ?provider= narrows it to one
// provider of the account, any other is 404.
func (s *Server) handlePayments(w http.ResponseWriter, r *http.Request, v *visit) error {
	var providerID int64
	if q := r.URL.Query().Get("provider"); q != "" {
		if providerID = idParam(q); providerID == 0 {
			return kabinet.Errorf(kabinet.ENOTFOUND, "У этого лицевого счета нет такого исполнителя")
		}
	}
	pps, err := s.home.Payments(r.Context(), v.Account, providerID)
	if err != nil {
		return err
	}
	receipts := map[string]*kabinet.Receipt{}
	if s.payments != nil {
		if receipts, err = s.payments.Receipts(r.Context(), v.Account.ID); err != nil {
			return err
		}
	}
	out := []providerPayments{}
	for _, pp := range pps {
		item := providerPayments{ProviderID: pp.Provider.ID, Provider: pp.Provider.Name, SubAccount: pp.SubAccount.Number,
			Payments: []paymentItem{}}
		for _, e := range pp.Payments {
			p := paymentItem{Date: day(e.PostedOn), Amount: money(-e.Amount), Channel: e.Channel.Title()}
			if rc := receipts[payments.OrderNumberOf(e)]; rc != nil {
				p.Receipt, p.ReceiptURL = rc.State.Title(), rc.URL
			}
			item.Payments = append(item.Payments, p)
		}
		out = append(out, item)
	}
	writeJSON(w, http.StatusOK, struct {
		Providers []providerPayments `json:"providers"`
	}{out})
	return nil
}

type billItem struct {
	Period string `json:"period"` // YYYY-MM
	Title  string `json:"title"`  // «Ноябрь 2026»
	Total  amount `json:"total"`
	PDF    string `json:"pdf"`
}

// handleBills lists the latest bills with their PDFs (HOME-2, BILL-1).
func (s *Server) handleBills(w http.ResponseWriter, r *http.Request, v *visit) error {
	bills, err := s.home.Bills(r.Context(), v.Account)
	if err != nil {
		return err
	}
	items := []billItem{}
	for _, b := range bills {
		items = append(items, billItem{Period: b.Period.String(), Title: b.Period.Title(), Total: money(b.Total),
			PDF: Prefix + "accounts/" + strconv.FormatInt(v.Account.ID, 10) + "/bills/" + b.Period.String() + ".pdf"})
	}
	writeJSON(w, http.StatusOK, struct {
		Bills []billItem `json:"bills"`
	}{items})
	return nil
}

// handleBillPDF sends the bill of a period, YYYY-MM.pdf: the supplier's
// own PDF when its billing sent one, else the ЕПД rendered from the bill,
// as the portal does.
func (s *Server) handleBillPDF(w http.ResponseWriter, r *http.Request, v *visit) error {
	name := r.PathValue("file")
	p, err := kabinet.ParsePeriod(strings.TrimSuffix(name, ".pdf"))
	if err != nil || name != p.String()+".pdf" {
		return kabinet.Errorf(kabinet.ENOTFOUND, "Такого счета нет")
	}
	doc, err := s.home.SupplierBillPDF(r.Context(), v.Account, p)
	if kabinet.ErrorCode(err) == kabinet.ENOTFOUND {
		var b *kabinet.Bill
		if b, err = s.home.Bill(r.Context(), v.Account, p); err != nil {
			return err
		}
		doc, err = s.pdf.Bill(b)
	}
	if err != nil {
		return err
	}
	h := w.Header()
	h.Set("Content-Type", "application/pdf")
	h.Set("Content-Disposition", `attachment; filename="kvitanciya-`+v.Account.Number.Digits+"-"+p.String()+`.pdf"`)
	h.Set("Cache-Control", "private, no-store")
	_, err = w.Write(doc)
	return err
}
