package api

import (
	"net/http"
	"strings"

	"kabinet"
	"kabinet/payments"
)

type orderBody struct {
	// Key makes the order idempotent: the same key sent again (a retry
	// after a lost answer) returns the order made the first time.
	Key     string       `json:"key"`
	Amounts []orderShare `json:"amounts"`
	// Contact is where the fiscal receipt goes (54-ФЗ): e-mail or phone.
	Contact string `json:"contact"`
}

type orderShare struct {
	SubAccountID int64 `json:"sub_account_id"`
	Kopecks      int64 `json:"kopecks"`
}

type orderItem struct {
	Number  string `json:"number"`
	Amount  amount `json:"amount"`
	State   string `json:"state"`
	FormURL string `json:"form_url"`
}

var errNoPayments = kabinet.Errorf(kabinet.EUNAVAILABLE, "Оплата картой временно недоступна. Попробуйте позже.")

// handleOrderCreate is «Оплатить картой» (PAY-1): an order for the
// amounts to each provider, registered with the bank; the app opens the
// bank's payment page, FormURL. The credit comes with the bank's callback,
// as for the page.
func (s *Server) handleOrderCreate(w http.ResponseWriter, r *http.Request, v *visit) error {
	if s.payments == nil {
		return errNoPayments
	}
	var b orderBody
	if err := decode(w, r, &b); err != nil {
		return err
	}
	contact, err := kabinet.ParseReceiptContact(b.Contact)
	if err != nil {
		return fieldError("contact", err)
	}
	if b.Key == "" {
		b.Key = payments.NewKey()
	}
	amounts := map[int64]kabinet.Money{}
	for _, a := range b.Amounts {
		amounts[a.SubAccountID] = kabinet.Money(a.Kopecks)
	}
	o, err := s.payments.Place(r.Context(), payments.Request{AccountID: v.Account.ID, Key: b.Key, Amounts: amounts,
		Contact: contact, Method: kabinet.MethodCard})
	if err != nil {
		return err
	}
	form := o.FormURL
	if strings.HasPrefix(form, "/") { // the demo bank, on the portal's address
		form = strings.TrimSuffix(s.cfg.BaseURL, "/") + form
	}
	writeJSON(w, http.StatusCreated, orderItem{Number: o.Number, Amount: money(o.Amount), State: string(o.State), FormURL: form})
	return nil
}

type autopayItem struct {
	Active  bool            `json:"active"`
	State   string          `json:"state,omitempty"`
	Card    string          `json:"card,omitempty"`
	Mode    string          `json:"mode,omitempty"`
	Cap     *amount         `json:"cap,omitempty"`
	Day     int             `json:"day,omitempty"`
	Reason  string          `json:"reason,omitempty"`
	Charges []autopayCharge `json:"charges"`
}

type autopayCharge struct {
	Date   string `json:"date"`
	Period string `json:"period"`
	Amount amount `json:"amount"`
	State  string `json:"state"`
}

// handleAutopay is the account's autopay (PAY-2): the rule and its
// charges. It is turned on with a card payment on the portal.
func (s *Server) handleAutopay(w http.ResponseWriter, r *http.Request, v *visit) error {
	if s.payments == nil {
		return errNoPayments
	}
	view, err := s.payments.Autopay(r.Context(), v.Account.ID)
	if err != nil {
		return err
	}
	out := autopayItem{Charges: []autopayCharge{}}
	if rule := view.Rule; rule != nil {
		out.Active, out.State, out.Card, out.Mode, out.Day, out.Reason = rule.State == kabinet.AutopayActive,
			string(rule.State), rule.Card, string(rule.Mode), rule.Day, rule.Reason
		if rule.Mode == kabinet.AutopayCap {
			c := money(rule.Cap)
			out.Cap = &c
		}
	}
	for _, c := range view.Charges {
		out.Charges = append(out.Charges, autopayCharge{Date: day(c.ChargeOn), Period: c.Period.String(),
			Amount: money(c.Amount), State: c.State.Title()})
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}
