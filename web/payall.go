package web

import (
	"errors"
	"net/http"
	"strconv"

	"kabinet"
	"kabinet/auth"
	"kabinet/home"
	"kabinet/payments"
)

// PayAllForm is «Итого к оплате» with «Оплатить всё»: the debts to every
// provider in one card payment. Seen is the total in kopecks as the
// button says it, so the server never charges another sum.
type PayAllForm struct {
	Total  kabinet.Money
	Action string
	Key    string
	Seen   int64
}

// payAllForm is «Главная»'s total, from the kept balances «Главная» shows;
// nil without card payments. Nothing owed shows the total without the
// button.
func (s *portalSite) payAllForm(a *kabinet.Account, bs []*home.ProviderBalance) *PayAllForm {
	if s.payments == nil {
		return nil
	}
	balances := make([]kabinet.Balance, len(bs))
	for i, b := range bs {
		balances[i] = b.Balance
	}
	total := payments.Total(balances)
	f := &PayAllForm{Total: total, Seen: int64(total)}
	if total > 0 {
		f.Action, f.Key = accountPath(a, "pay/all"), payments.NewKey()
	}
	return f
}

// handlePayAll is «Оплатить всё»: one order paying every provider's debt,
// straight to the bank. When the debts are no longer what the button
// said, or the bank or the receipt's contact is missing, the payment form
// shows why, with the debts as they now are.
func (s *portalSite) handlePayAll(w http.ResponseWriter, r *http.Request, v *auth.Visitor, a *kabinet.Account) error {
	if err := parseForm(w, r); err != nil {
		return err
	}
	seen, err := strconv.ParseInt(r.PostForm.Get("total"), 10, 64)
	if err != nil {
		return kabinet.Errorf(kabinet.EINVALID, "Неверная форма оплаты")
	}
	req := payments.Request{AccountID: a.ID, Key: r.PostForm.Get("key"), Method: kabinet.MethodCard}
	o, err := s.payments.PlaceAll(r.Context(), req, kabinet.Money(seen))
	if err == nil {
		http.Redirect(w, r, o.FormURL, http.StatusSeeOther)
		return nil
	}
	status := http.StatusUnprocessableEntity
	switch {
	case errors.Is(err, payments.ErrTotalChanged):
		status = http.StatusConflict
	case kabinet.ErrorCode(err) == kabinet.EINVALID, errors.Is(err, payments.ErrBankDown), errors.Is(err, payments.ErrInProcess):
	default:
		return err
	}
	p, perr := s.payPage(r, a, accountPath(a, "pay"), nil)
	if perr != nil {
		return perr
	}
	if p.Autopay, perr = s.autopayFields(r, a, nil); perr != nil {
		return perr
	}
	p.Notice = kabinet.ErrorMessage(err)
	return s.render(w, status, "pay", p)
}
