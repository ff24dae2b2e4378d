package web

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"kabinet"
	"kabinet/office"
)

// OfficeAuditPage is the audit log (admins only): every operator view or
// change of personal data, filtered by operator, account and dates.
type OfficeAuditPage struct {
	BasePage
	Operators          []Option
	Account, From, To  string
	Errors             map[string]string
	Entries            []OfficeAuditRow
	Limited            bool
	SelectedOperatorID string
}

// OfficeAuditRow is one entry of the log.
type OfficeAuditRow struct {
	At, Operator, Action, Account, AccountURL, Detail, IP string
}

// AccountField filters by account number.
func (p *OfficeAuditPage) AccountField() Field {
	return Field{ID: "account", Name: "account", Label: "Лицевой счет", Type: "text", Value: p.Account, Error: p.Errors["account"]}
}

// FromField is the first day shown.
func (p *OfficeAuditPage) FromField() Field {
	return Field{ID: "from", Name: "from", Label: "С даты", Type: "date", Value: p.From, Error: p.Errors["from"]}
}

// ToField is the last day shown.
func (p *OfficeAuditPage) ToField() Field {
	return Field{ID: "to", Name: "to", Label: "По дату", Type: "date", Value: p.To, Error: p.Errors["to"]}
}

// auditPageSize is the most entries one page shows.
const auditPageSize = 200

// handleOfficeAudit shows the audit log with the filters of the query.
func (s *officeSite) handleOfficeAudit(w http.ResponseWriter, r *http.Request, o *kabinet.Operator) error {
	ops, err := s.office.Operators(r.Context(), o)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	p := &OfficeAuditPage{BasePage: s.base(r, "Журнал аудита"), Account: strings.TrimSpace(q.Get("account")),
		From: q.Get("from"), To: q.Get("to"), Errors: map[string]string{}, SelectedOperatorID: q.Get("operator")}
	p.Operators = []Option{{Value: "", Label: "Все операторы", Checked: p.SelectedOperatorID == ""}}
	for _, op := range ops {
		id := strconv.FormatInt(op.ID, 10)
		p.Operators = append(p.Operators, Option{Value: id, Label: op.Name + " (" + op.Login + ")", Checked: id == p.SelectedOperatorID})
	}
	aq := office.AuditQuery{Account: p.Account}
	aq.Filter.Limit = auditPageSize + 1
	if p.SelectedOperatorID != "" {
		if !slices.ContainsFunc(p.Operators[1:], func(o Option) bool { return o.Value == p.SelectedOperatorID }) {
			p.Errors["operator"] = "Выберите оператора из списка."
		}
		aq.Filter.OperatorID, _ = strconv.ParseInt(p.SelectedOperatorID, 10, 64)
	}
	aq.Filter.From = s.auditDay(p.From, "from", p.Errors)
	if to := s.auditDay(p.To, "to", p.Errors); !to.IsZero() {
		aq.Filter.To = to.AddDate(0, 0, 1) // the whole last day
	}
	if !aq.Filter.From.IsZero() && !aq.Filter.To.IsZero() && !aq.Filter.From.Before(aq.Filter.To) {
		p.Errors["to"] = "Конечная дата не может быть раньше начальной."
	}
	if p.Account != "" {
		if _, err := kabinet.ParseAccountNumber(p.Account); err != nil {
			p.Errors["account"] = kabinet.ErrorMessage(err)
		}
	}
	if len(p.Errors) > 0 {
		return s.render(w, http.StatusUnprocessableEntity, "office_audit", p)
	}
	entries, err := s.office.Audit(r.Context(), o, aq)
	if err != nil {
		return err
	}
	if len(entries) > auditPageSize {
		entries, p.Limited = entries[:auditPageSize], true
	}
	for _, e := range entries {
		row := OfficeAuditRow{At: s.local(e.At).Format("02.01.2006 15:04:05"), Operator: e.OperatorLogin, Action: e.Action.Title(),
			Account: e.AccountNumber, Detail: e.Detail, IP: e.IP}
		if e.AccountID != 0 {
			row.AccountURL = officeAccountPath(e.AccountID)
		}
		p.Entries = append(p.Entries, row)
	}
	return s.render(w, http.StatusOK, "office_audit", p)
}

// auditDay parses a date of the filter as a day in the supplier's time
// zone; a bad one is an error beside its field.
func (s *officeSite) auditDay(v, field string, errs map[string]string) time.Time {
	if v == "" {
		return time.Time{}
	}
	loc := s.cfg.Location
	if loc == nil {
		loc = time.UTC
	}
	t, err := time.ParseInLocation(time.DateOnly, v, loc)
	if err != nil {
		errs[field] = "Укажите дату в формате ГГГГ-ММ-ДД."
	}
	return t
}
