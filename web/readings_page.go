package web

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"kabinet"
	"kabinet/auth"
	"kabinet/readings"
)

// ReadingsPage is «Передать показания».
type ReadingsPage struct {
	BasePage
	Account  string
	Services []Tab
	Service  string
	Meters   []Tab
	// Card is the chosen meter; nil shows «Нет зарегистрированных
	// приборов учета» (METER-7).
	Card *MeterCard
}

// Tab is one entry of a menu of links.
type Tab struct {
	Label, URL string
	Current    bool
}

// Fact is one line of a definition list.
type Fact struct{ Label, Value string }

// MeterCard is a meter with its information, history and form.
type MeterCard struct {
	meter   *kabinet.Meter
	Type    string
	Serial  string
	Info    []Fact
	Warning string
	Overdue bool
	Filter  HistoryFilter
	Columns []string
	Span    int // the columns of the whole table
	Rows    []HistoryRow
	Window  string
	Late    bool
	Form    ReadingForm
	Receipt *ReceiptView
}

// HistoryFilter is the date range of the history and its shortcuts.
type HistoryFilter struct {
	Action, Meter      string
	From, To           string // YYYY-MM-DD, as <input type="date"> wants
	YearURL, MonthURL  string
	FromTitle, ToTitle string // DD.MM.YYYY
	Error              string
}

// HistoryRow is one reading of the history table.
type HistoryRow struct {
	Date, Consumption, Source, Status string
	Values                            []string
	DeleteURL                         string
}

// ReadingForm is «Новое показание на DD.MM.YYYY».
type ReadingForm struct {
	Action, Date string
	Inputs       []ReadingInput
	// Problem is the reason the last attempt was refused, shown in red
	// beside the button.
	Problem      string
	Confirm      string // the confirmation to tick, if the problem allows one
	ConfirmLabel string
	Confirmed    []string // confirmations already given, carried along
}

// ReadingInput is the field of one register.
type ReadingInput struct {
	ID, Name, Label, Value string
	Invalid                bool
}

// ReceiptView is the receipt of an accepted reading.
type ReceiptView struct {
	Number, At, Values, Period string
	Late                       bool
	OwnPeriod                  string
	Preview, TierWarning       string
	DeleteURL                  string
}

const dateRu = "02.01.2006"

// readingsPage builds the menus and picks the meter: meterID if the
// account has it, else the first meter of the service (electricity first).
func (s *portalSite) readingsPage(r *http.Request, v *auth.Visitor, a *kabinet.Account, sv kabinet.Service, meterID int64) (*ReadingsPage, error) {
	ctx := r.Context()
	p := &ReadingsPage{BasePage: s.base(r, "Передать показания"), Account: a.Display}
	services, err := s.readings.Services(ctx, a)
	if err != nil {
		return nil, err
	}
	var chosen *kabinet.Meter
	if meterID != 0 {
		if chosen, err = s.readings.Meter(ctx, a, meterID); err != nil {
			return nil, err
		}
		sv = chosen.Service
	}
	if !slices.Contains(services, sv) && len(services) > 0 {
		sv = services[0]
	}
	for _, x := range services {
		p.Services = append(p.Services, Tab{Label: x.Title(), URL: accountPath(a, "readings") + "?service=" + string(x), Current: x == sv})
	}
	p.Service = sv.Title()
	meters, err := s.readings.Meters(ctx, a, sv)
	if err != nil || len(meters) == 0 {
		return p, err
	}
	if chosen == nil {
		chosen = meters[0]
	}
	for _, m := range meters {
		p.Meters = append(p.Meters, Tab{Label: m.Model + ", № " + m.Serial, URL: meterURL(a, m), Current: m.ID == chosen.ID})
	}
	p.Card = newMeterCard(chosen, s.readings.Rules, s.readings.Today())
	return p, nil
}

func meterURL(a *kabinet.Account, m *kabinet.Meter) string {
	return accountPath(a, "readings") + "?meter=" + strconv.FormatInt(m.ID, 10)
}

// newMeterCard fills the meter's information (METER-2).
func newMeterCard(m *kabinet.Meter, rules readings.Rules, today time.Time) *MeterCard {
	c := &MeterCard{meter: m, Type: m.Model, Serial: m.Serial}
	scales := "Шкала: Основная"
	if m.Zoning != kabinet.ZoningSingle {
		var names []string
		for i := range m.Zoning.Zones() {
			names = append(names, m.Zoning.ZoneTitle(i))
		}
		scales = "Шкалы: " + strings.Join(names, ", ")
	}
	c.Info = []Fact{
		{"Шкала/Значность", fmt.Sprintf("%s / Знаков до запятой: %d, после запятой: %d", scales, m.Digits, m.Decimals)},
		{"Класс точности", m.AccuracyClass},
		{"Коэффициент трансформации", strconv.Itoa(m.Ratio)},
		{"Количество фаз", strconv.Itoa(m.Phases)},
		{"Установлен", m.InstalledOn.Format(dateRu)},
		{"Дата поверки", m.VerifiedOn.Format(dateRu)},
		{"Дата след. поверки", m.NextVerifiedOn.Format(dateRu)},
	}
	switch rules.Verification(m, today) {
	case readings.VerificationOverdue:
		c.Overdue = true
		c.Warning = "Срок поверки прибора учета истёк " + m.NextVerifiedOn.Format(dateRu) +
			". Показания принимаются, но начисление по ним может быть пересчитано: закажите поверку прибора учета."
	case readings.VerificationDueSoon:
		c.Warning = fmt.Sprintf("Срок поверки прибора учета истекает %s (через %d дн.). Закажите поверку заранее.",
			m.NextVerifiedOn.Format(dateRu), int(m.NextVerifiedOn.Sub(today).Hours()/24))
	}
	for i := range m.Zoning.Zones() {
		label := "Показание, Основная"
		if m.Zoning != kabinet.ZoningSingle {
			label = "Показание, " + m.Zoning.ZoneTitle(i)
		}
		c.Columns = append(c.Columns, label)
		c.Form.Inputs = append(c.Form.Inputs, ReadingInput{ID: "reading-v" + strconv.Itoa(i), Name: "v" + strconv.Itoa(i), Label: label})
	}
	c.Span = len(c.Columns) + 5 // date, consumption, two statuses, action
	return c
}

// fillCard adds the history, the window, the form and the receipt.
func (s *portalSite) fillCard(r *http.Request, v *auth.Visitor, a *kabinet.Account, c *MeterCard, q url.Values) error {
	ctx, m, svc := r.Context(), c.meter, s.readings
	from, to := c.filter(a, q, svc.Today())
	history, err := svc.History(ctx, m, from, to)
	if err != nil {
		return err
	}
	session := v.Session.TokenHash
	for _, h := range history {
		if h.Source != kabinet.SourceEstimated {
			c.Rows = append(c.Rows, historyRow(a, m, h, session))
		}
	}
	w, err := svc.Window()
	if err != nil {
		return err
	}
	c.Late, c.Window = w.Late, windowNote(w, svc.Local(svc.Now()))
	c.Form.Action = accountPath(a, "readings/"+strconv.FormatInt(m.ID, 10))
	c.Form.Date = w.Today.Format(dateRu)
	if id := idParam(q.Get("receipt")); id != 0 {
		recent, err := svc.Recent(ctx, m)
		if err != nil {
			return err
		}
		c.Receipt = s.receipt(a, m, recent, id, session)
	}
	return nil
}

// filter reads the history's date range: by default from the first of the
// month four months back to today, as the manual's example shows.
func (c *MeterCard) filter(a *kabinet.Account, q url.Values, today time.Time) (from, to time.Time) {
	from, to = kabinet.Date(today.Year(), today.Month()-4, 1), today
	f := &c.Filter
	for _, x := range []struct {
		param string
		t     *time.Time
	}{{"from", &from}, {"to", &to}} {
		if s := strings.TrimSpace(q.Get(x.param)); s != "" {
			t, ok := parseDay(s)
			if !ok {
				f.Error = "Дата указывается как ДД.ММ.ГГГГ, например " + today.Format(dateRu)
				continue
			}
			*x.t = t
		}
	}
	if to.Before(from) {
		f.Error, from, to = "Начальная дата была позже конечной: даты поменяны местами", to, from
	}
	f.Action, f.Meter = accountPath(a, "readings"), strconv.FormatInt(c.meter.ID, 10)
	f.From, f.To, f.FromTitle, f.ToTitle = from.Format(time.DateOnly), to.Format(time.DateOnly), from.Format(dateRu), to.Format(dateRu)
	back := func(y, m int) string {
		return meterURL(a, c.meter) + "&from=" + from.AddDate(y, m, 0).Format(time.DateOnly) + "&to=" + f.To
	}
	f.YearURL, f.MonthURL = back(-1, 0), back(0, -1)
	return from, to
}

// parseDay reads a date as a date input sends it or as people type it.
func parseDay(s string) (time.Time, bool) {
	for _, layout := range []string{time.DateOnly, dateRu} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

func historyRow(a *kabinet.Account, m *kabinet.Meter, h *kabinet.Reading, session string) HistoryRow {
	row := HistoryRow{Date: h.TakenOn.Format(dateRu), Consumption: strconv.FormatInt(h.TotalConsumption(), 10),
		Source: h.Source.Title(), Status: h.Status.Title()}
	for _, x := range h.Values {
		row.Values = append(row.Values, strconv.FormatInt(x, 10))
	}
	if readings.Deletable(h, session) {
		row.DeleteURL = accountPath(a, fmt.Sprintf("readings/%d/%d/delete", m.ID, h.ID))
	}
	return row
}

// windowNote says plainly which month a reading passed now counts for.
func windowNote(w readings.Window, now time.Time) string {
	_, offset := now.Zone()
	zone := fmt.Sprintf("по местному времени поставщика, UTC%+d", offset/3600)
	if w.Late {
		return fmt.Sprintf("Показания за %s принимались до %d числа включительно. Показание, переданное сегодня (%s), будет учтено в расчёте за %s (%s).",
			w.Period.Add(-1).Title(), w.CloseDay, w.Today.Format(dateRu), w.Period.Title(), zone)
	}
	return fmt.Sprintf("Рекомендуем передавать показания приборов учета до %d числа. Показание, переданное до %s включительно, войдёт в расчёт за %s; переданное после %d числа — в расчёт следующего месяца (%s).",
		w.CloseDay, w.Deadline.Format(dateRu), w.Period.Title(), w.CloseDay, zone)
}

// receipt describes an accepted portal reading of the meter.
func (s *portalSite) receipt(a *kabinet.Account, m *kabinet.Meter, recent []*kabinet.Reading, id int64, session string) *ReceiptView {
	i := slices.IndexFunc(recent, func(r *kabinet.Reading) bool { return r.ID == id && r.Source == kabinet.SourcePortal })
	if i < 0 {
		return nil
	}
	r, svc := recent[i], s.readings
	at := svc.Local(r.CreatedAt)
	_, offset := at.Zone()
	v := &ReceiptView{Number: strconv.FormatInt(r.ID, 10), At: at.Format("02.01.2006 15:04:05") + fmt.Sprintf(" (UTC%+d)", offset/3600),
		Values: readingValues(m, r), Period: r.Period.Title(), OwnPeriod: kabinet.PeriodOf(r.TakenOn).Title(),
		Late: r.Period != kabinet.PeriodOf(r.TakenOn)}
	if p, ok := svc.Preview(a, m, r, recent[i+1:]); ok {
		v.Preview = fmt.Sprintf("По этим показаниям начисление за %s составит ≈ %s (расход %d кВт·ч", r.Period.Title(), p.Amount, p.Units)
		if p.Demo {
			v.Preview += ", по демо-тарифу"
		}
		v.Preview += ")."
		if p.TierLeft > 0 {
			v.TierWarning = fmt.Sprintf("До следующей ступени тарифа осталось %d кВт·ч: расход сверх этого оплачивается дороже.", p.TierLeft)
		} else if p.Tier > 1 {
			v.TierWarning = fmt.Sprintf("Часть расхода оплачивается по тарифу %d-й ступени.", p.Tier)
		}
	}
	if readings.Deletable(r, session) {
		v.DeleteURL = accountPath(a, fmt.Sprintf("readings/%d/%d/delete", m.ID, r.ID))
	}
	return v
}

// refuse shows the reason beside the button and keeps what was typed.
// Confirmations already given ride along as hidden fields.
func (f *ReadingForm) refuse(p *readings.Problem, typed []string, confirmed []readings.Confirm) {
	f.Problem = p.Message
	for _, c := range confirmed {
		if c != p.Confirm && (c == readings.ConfirmRollover || c == readings.ConfirmHigh) {
			f.Confirmed = append(f.Confirmed, string(c))
		}
	}
	for i := range f.Inputs {
		if i < len(typed) {
			f.Inputs[i].Value = typed[i]
		}
		f.Inputs[i].Invalid = p.Register == i || (p.Register < 0 && p.Confirm == "")
	}
	f.Confirm = string(p.Confirm)
	switch p.Confirm {
	case readings.ConfirmRollover:
		f.ConfirmLabel = "Показание верно: счётчик перешёл через ноль"
	case readings.ConfirmHigh:
		f.ConfirmLabel = "Показание верно: расход действительно такой"
	}
}
