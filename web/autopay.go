package web

import (
	"net/http"
	"strconv"
	"strings"

	"kabinet"
	"kabinet/auth"
	"kabinet/payments"
)

// AutopayFields are «Подключить автоплатеж» on the pay form (PAY-2): the
// tick, the amount rule and the day. Current is the autopay the account
// has, nil if none.
type AutopayFields struct {
	On      Checkbox
	Mode    Choice
	Cap     Field
	Day     Field
	Current *kabinet.AutopayRule
	Page    string // the autopay page
	userID  int64  // who ticks it
}

// autopayDefaultDay is the day a new rule suggests: after the usual due
// date of the 10th, so a customer who pays by hand is not charged too.
const autopayDefaultDay = "15"

// autopayFields builds the fields from form f, nil for a fresh form.
func (s *portalSite) autopayFields(r *http.Request, a *kabinet.Account, f map[string][]string) (*AutopayFields, error) {
	get := func(name, def string) string {
		if f == nil {
			return def
		}
		if v := f[name]; len(v) > 0 {
			return strings.TrimSpace(v[0])
		}
		return ""
	}
	v, err := s.payments.Autopay(r.Context(), a.ID)
	if err != nil {
		return nil, err
	}
	af := &AutopayFields{Page: accountPath(a, "autopay"),
		On: Checkbox{ID: "autopay", Name: "autopay", Value: "1", Label: "Подключить автоплатеж", Checked: get("autopay", "") == "1"},
		Mode: choice("autopay-mode", "Сумма автоплатежа", get("autopay-mode", string(kabinet.AutopayFull)), "",
			Option{Value: string(kabinet.AutopayFull), Label: "Полная сумма счета"},
			Option{Value: string(kabinet.AutopayCap), Label: "Не более указанной суммы"}),
		Cap: Field{ID: "autopay-cap", Name: "autopay-cap", Label: "Не более, ₽", Type: "text", InputMode: "decimal",
			Value: get("autopay-cap", ""), Hint: "Только для «Не более указанной суммы»"},
		Day: Field{ID: "autopay-day", Name: "autopay-day", Label: "День списания", Type: "text", InputMode: "numeric",
			Value: get("autopay-day", autopayDefaultDay), Hint: "Число месяца с 1 по 28: счет будет оплачен в этот день после выставления"},
	}
	if v.Rule != nil && v.Rule.State == kabinet.AutopayActive {
		af.Current = v.Rule
	}
	return af, nil
}

// form checks the fields of a ticked autopay, marking mistakes beside
// them; it reports the form, ok false when a field is wrong.
func (af *AutopayFields) form() (payments.AutopayForm, bool) {
	f := payments.AutopayForm{UserID: af.userID, Mode: kabinet.AutopayMode(checkedValue(af.Mode))}
	if f.Mode != kabinet.AutopayFull && f.Mode != kabinet.AutopayCap {
		af.Mode.Error = "Выберите сумму автоплатежа"
	}
	if f.Mode == kabinet.AutopayCap {
		m, err := kabinet.ParseMoney(af.Cap.Value)
		switch {
		case af.Cap.Value == "":
			af.Cap.Error = "Укажите сумму, больше которой не списывать"
		case err != nil:
			af.Cap.Error = kabinet.ErrorMessage(err)
		case m <= 0 || m > kabinet.MaxPayment:
			af.Cap.Error = "Укажите сумму от 0,01 до " + kabinet.MaxPayment.String()
		}
		f.Cap = m
	}
	day, err := strconv.Atoi(af.Day.Value)
	if err != nil || day < kabinet.AutopayFirstDay || day > kabinet.AutopayLastDay {
		af.Day.Error = "Укажите число от 1 до 28"
	}
	f.Day = day
	return f, af.Mode.Error == "" && af.Cap.Error == "" && af.Day.Error == ""
}

func checkedValue(c Choice) string {
	for _, o := range c.Options {
		if o.Checked {
			return o.Value
		}
	}
	return ""
}

// AutopayPage is the account's autopay: the rule, the card, the charges,
// and «Отключить автоплатеж».
type AutopayPage struct {
	BasePage
	Account string
	Rule    *kabinet.AutopayRule
	Active  bool
	Charges []AutopayRow
	PayURL  string
	OffURL  string
}

// AutopayRow is one charge of the history.
type AutopayRow struct{ Date, Period, Amount, State string }

func (s *portalSite) handleAutopayShow(w http.ResponseWriter, r *http.Request, v *auth.Visitor, a *kabinet.Account) error {
	view, err := s.payments.Autopay(r.Context(), a.ID)
	if err != nil {
		return err
	}
	p := &AutopayPage{BasePage: s.base(r, "Автоплатеж"), Account: a.Display, Rule: view.Rule,
		PayURL: accountPath(a, "pay"), OffURL: accountPath(a, "autopay/off")}
	p.Active = p.Rule != nil && p.Rule.State == kabinet.AutopayActive
	for _, c := range view.Charges {
		p.Charges = append(p.Charges, AutopayRow{Date: c.ChargeOn.Format("02.01.2006"), Period: c.Period.Title(),
			Amount: c.Amount.String(), State: c.State.Title()})
	}
	return s.render(w, http.StatusOK, "autopay", p)
}

// handleAutopayOff turns autopay off at once; the card is unbound at the
// bank now or, if the bank does not answer, by the scheduler later.
func (s *portalSite) handleAutopayOff(w http.ResponseWriter, r *http.Request, v *auth.Visitor, a *kabinet.Account) error {
	if err := parseForm(w, r); err != nil {
		return err
	}
	unbound, err := s.payments.TurnOff(r.Context(), a.ID)
	if err != nil {
		return err
	}
	key := "autopay-off"
	if !unbound {
		key = "autopay-off-later"
	}
	return s.redirect(w, r, accountPath(a, "autopay"), key)
}
