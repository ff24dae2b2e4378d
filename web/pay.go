package web

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"kabinet"
	"kabinet/auth"
	"kabinet/payments"
)

// PayPage is «Оплатить картой» (PAY-1): what the account owes each
// provider, with the amount to pay each, editable.
type PayPage struct {
	BasePage
	Account string // the number as printed
	Action  string // where the form posts
	Key     string // the form's idempotency key
	Lines   []PayLine
	Notice  string
	// AgentURL is the payment agent's page for this account, "" if none.
	AgentURL string
	// OtherURL is «Оплата другого лицевого счета», "" on that page itself.
	OtherURL string
	// Payee is the masked owner when paying another account; Carry the
	// fields that page carries from its first step.
	Payee string
	Carry []Hidden
	// Autopay is «Подключить автоплатеж», nil when paying another account.
	Autopay *AutopayFields
	// Contact is where the receipt goes (54-ФЗ).
	Contact Field
	// Total is «Итого к оплате», the debts together; Sum is what the
	// amounts typed add up to, the sum the pay button says (pay.js keeps
	// it true as they are typed).
	Total, Sum kabinet.Money
}

// PayLine is one provider of the form.
type PayLine struct {
	Provider string
	Balance  kabinet.Balance
	Field    Field
}

func (s *portalSite) handlePayShow(w http.ResponseWriter, r *http.Request, v *auth.Visitor, a *kabinet.Account) error {
	p, err := s.payPage(r, a, accountPath(a, "pay"), nil)
	if err != nil {
		return err
	}
	if p.Autopay, err = s.autopayFields(r, a, nil); err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "pay", p)
}

// payPage builds the form of account a; typed is what the customer typed
// in each amount field, nil to prefill the debts.
func (s *portalSite) payPage(r *http.Request, a *kabinet.Account, action string, typed map[int64]string) (*PayPage, error) {
	dues, err := s.payments.Dues(r.Context(), a.ID)
	if err != nil {
		return nil, err
	}
	p := &PayPage{BasePage: s.base(r, "Оплата картой"), Account: a.Display, Action: action, Key: payments.NewKey(),
		AgentURL: s.agentURL(a), OtherURL: "/pay", Contact: contactField(r)}
	p.Scripts = []string{"pay.js"}
	for _, d := range dues {
		value := typed[d.Sub.ID]
		if typed == nil && d.Balance.Debt > 0 {
			value = plainAmount(d.Balance.Debt)
		}
		name := "amount-" + strconv.FormatInt(d.Sub.ID, 10)
		label := "Сумма к оплате, ₽"
		if d.Provider != nil {
			label += " — " + d.Provider.Name
		}
		p.Lines = append(p.Lines, PayLine{Provider: providerName(d.Provider), Balance: d.Balance,
			Field: Field{ID: name, Name: name, Label: label, Type: "text", Value: value, InputMode: "decimal",
				Hint: "Можно изменить: оплатить часть или больше долга"}})
		p.Total += max(d.Balance.Debt, 0)
		if m, err := kabinet.ParseMoney(value); err == nil && value != "" {
			p.Sum += m
		}
	}
	return p, nil
}

func providerName(p *kabinet.Provider) string {
	if p == nil {
		return ""
	}
	return p.Name
}

// plainAmount writes an amount the way a person would type it: "1500,00".
func plainAmount(m kabinet.Money) string { return fmt.Sprintf("%d,%02d", m.Rubles(), m.Kopecks()) }

func (s *portalSite) handlePayCreate(w http.ResponseWriter, r *http.Request, v *auth.Visitor, a *kabinet.Account) error {
	if err := parseForm(w, r); err != nil {
		return err
	}
	af, err := s.autopayFields(r, a, r.PostForm)
	if err != nil {
		return err
	}
	af.userID = v.User.ID
	return s.pay(w, r, a, accountPath(a, "pay"), func(p *PayPage) { p.Autopay = af })
}

// pay takes the parsed form of account a: amounts that do not parse are
// shown again beside their fields; good ones make an order (one per form,
// however often it is sent) and send the customer to the bank's payment
// page. decorate, if not nil, adjusts the page shown again.
func (s *portalSite) pay(w http.ResponseWriter, r *http.Request, a *kabinet.Account, action string, decorate func(*PayPage)) error {
	typed := map[int64]string{}
	for name, vs := range r.PostForm {
		if id, ok := strings.CutPrefix(name, "amount-"); ok {
			n, err := strconv.ParseInt(id, 10, 64)
			if err != nil {
				return kabinet.Errorf(kabinet.EINVALID, "Неверная форма оплаты")
			}
			typed[n] = strings.TrimSpace(vs[0])
		}
	}
	p, err := s.payPage(r, a, action, typed)
	if err != nil {
		return err
	}
	if decorate != nil {
		decorate(p)
	}
	amounts := map[int64]kabinet.Money{}
	for i, l := range p.Lines {
		id, _ := strconv.ParseInt(strings.TrimPrefix(l.Field.Name, "amount-"), 10, 64)
		if l.Field.Value == "" {
			continue
		}
		m, err := kabinet.ParseMoney(l.Field.Value)
		if err != nil {
			p.Lines[i].Field.Error = kabinet.ErrorMessage(err)
		}
		amounts[id] = m
	}
	p.checkSum(r.PostForm.Get("total"))
	req := payments.Request{AccountID: a.ID, Key: r.PostForm.Get("key"), Amounts: amounts, Method: kabinet.MethodCard}
	if r.PostForm.Get("method") == string(kabinet.MethodSBP) {
		req.Method = kabinet.MethodSBP
	}
	var auto payments.AutopayForm
	autoOK := true
	if p.Autopay != nil && p.Autopay.On.Checked {
		auto, autoOK = p.Autopay.form()
		if req.Method == kabinet.MethodSBP {
			p.Autopay.On.Error, autoOK = "Автоплатеж подключается при оплате картой: нажмите «Оплатить».", false
		}
	}
	p.Contact.Value = strings.TrimSpace(r.PostForm.Get("contact"))
	contact, err := kabinet.ParseReceiptContact(p.Contact.Value)
	if err != nil {
		p.Contact.Error = kabinet.ErrorMessage(err)
	}
	req.Contact = contact
	if !p.hasErrors() && autoOK {
		var o *kabinet.PaymentOrder
		var err error
		if p.Autopay != nil && p.Autopay.On.Checked {
			o, err = s.payments.OrderAutopay(r.Context(), req, auto)
		} else {
			o, err = s.payments.Place(r.Context(), req)
		}
		switch {
		case err == nil && o.Method == kabinet.MethodSBP:
			http.Redirect(w, r, sbpPath(o), http.StatusSeeOther)
			return nil
		case err == nil:
			http.Redirect(w, r, o.FormURL, http.StatusSeeOther)
			return nil
		case kabinet.ErrorCode(err) == kabinet.EINVALID, errors.Is(err, payments.ErrBankDown), errors.Is(err, payments.ErrInProcess):
			p.Notice = kabinet.ErrorMessage(err)
		default:
			return err
		}
	}
	return s.render(w, http.StatusUnprocessableEntity, "pay", p)
}

// checkSum refuses amounts that do not add up to the sum the pay button
// said (seen, in kopecks), as when they were changed in a browser without
// script: the page shows the button with the new sum to press. A form
// without it (an older page) is not checked.
func (p *PayPage) checkSum(seen string) {
	n, err := strconv.ParseInt(seen, 10, 64)
	if err != nil || kabinet.Money(n) == p.Sum || p.hasErrors() {
		return
	}
	p.Notice = "Сумма к оплате теперь " + p.Sum.String() + ". Проверьте суммы и нажмите «Оплатить " + p.Sum.String() + "»."
}

func (p *PayPage) hasErrors() bool {
	if p.Notice != "" || p.Contact.Error != "" {
		return true
	}
	for _, l := range p.Lines {
		if l.Field.Error != "" {
			return true
		}
	}
	return false
}

// PaymentPage is where the bank sends the customer back: what the bank
// says about the order. It credits nothing; the callback and the poller do.
type PaymentPage struct {
	BasePage
	Order *kabinet.PaymentOrder
	// Status is the sentence about the payment; Paid and Failed colour it.
	Status       string
	Paid, Failed bool
	Card         string
	Back         string
}

func (s *portalSite) handlePaymentReturn(w http.ResponseWriter, r *http.Request) error {
	o, st, err := s.payments.Look(r.Context(), r.URL.Query().Get("orderId"))
	if err != nil {
		return err
	}
	if o.Method == kabinet.MethodSBP { // back from the payer's bank app
		http.Redirect(w, r, sbpPath(o), http.StatusSeeOther)
		return nil
	}
	p := &PaymentPage{BasePage: s.base(r, "Оплата картой"), Order: o, Back: "/"}
	if v := visitor(r); v != nil && v.Confirmed() {
		if _, err := s.auth.Reach(r.Context(), v, o.AccountID); err == nil {
			p.Back = "/a/" + strconv.FormatInt(o.AccountID, 10) + "/"
		}
	}
	switch {
	case o.State == kabinet.PaymentPaid:
		p.Status, p.Paid = "Оплата зачислена на лицевой счет.", true
	case o.State == kabinet.PaymentMismatch:
		p.Status = "Оплата на проверке: сумма, списанная банком, отличается от заказанной. Мы свяжемся с вами."
	case st == nil:
		p.Status = "Банк сейчас не отвечает. Состояние оплаты можно будет проверить позже на этой странице."
	case st.State == kabinet.PaymentPaid:
		p.Status, p.Paid = "Банк подтвердил оплату. Платёж будет зачислен на лицевой счет в течение нескольких минут.", true
	case st.State == kabinet.PaymentFailed || o.State == kabinet.PaymentFailed:
		p.Status, p.Failed = "Оплата не прошла. Деньги не списаны. Попробуйте еще раз или другой картой.", true
	default:
		p.Status = "Банк еще не подтвердил оплату. Обновите страницу через минуту."
	}
	if st != nil {
		p.Card = st.Card
	}
	return s.render(w, http.StatusOK, "payment", p)
}

// handlePaymentCallback takes the bank's notifications (GET or POST). A
// notification without the bank's checksum is refused with 403 and changes
// nothing; the bank repeats one that did not get 200.
func (s *portalSite) handlePaymentCallback(w http.ResponseWriter, r *http.Request) {
	if s.payments == nil || r.ParseForm() != nil {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	switch err := s.payments.Callback(r.Context(), r.Form); {
	case errors.Is(err, payments.ErrCallback):
		s.securityEvent(r, "bank_callback_bad_checksum")
		http.Error(w, "checksum", http.StatusForbidden)
	case err != nil:
		s.log.Error("payment callback", "err", err)
		http.Error(w, "try later", http.StatusServiceUnavailable)
	default:
		w.Write([]byte("OK"))
	}
}

// agentURL is the payment agent's page for account a («Система Город»).
func (s *portalSite) agentURL(a *kabinet.Account) string {
	if s.cfg.AgentURL == "" {
		return ""
	}
	return strings.ReplaceAll(s.cfg.AgentURL, "{account}", a.Number.String())
}

// SumKopecks is Sum as the form's hidden total carries it.
func (p *PayPage) SumKopecks() int64 { return int64(p.Sum) }
