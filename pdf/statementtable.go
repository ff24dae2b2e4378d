package pdf

import (
	"strings"
	"time"

	"kabinet"
)

func statementColumns() table {
	return table{x: marginX, size: 9, rowH: 6.5, cols: []column{
		{"Период", 35, "L"}, {"Оплатить\nдо", 21, "C"}, {"Начислено,\n₽", 25, "R"}, {"Перерасчёт,\n₽", 25, "R"},
		{"Пени,\n₽", 22, "R"}, {"Оплачено,\n₽", 25, "R"}, {"Сальдо на конец\nпериода, ₽", 33, "R"},
	}}
}

// statementTable prints the opening balance, one row per month with the
// balance it ends with, and the totals; a long statement goes on over the
// next page with the heading repeated.
func (d doc) statementTable(s *kabinet.Statement, y float64) float64 {
	t := statementColumns()
	y = d.header(t, y, 10)
	y = d.row(t, y, []string{"Сальдо на " + date(s.From), "", "", "", "", "", s.Opening.Plain()}, "B")
	balance := s.Opening
	var sum kabinet.StatementMonth
	for _, m := range s.Months {
		if y+2*t.rowH > footerY-2 { // room for this row and the totals
			d.AddPage()
			y = d.header(t, marginTop, 10)
		}
		balance += monthChange(m)
		sum.Charged += m.Charged
		sum.Adjustments += m.Adjustments
		sum.Penalties += m.Penalties
		sum.Paid += m.Paid
		y = d.row(t, y, []string{capitalize(m.Period.Title()), dueDate(m.Due), m.Charged.Plain(), m.Adjustments.Plain(),
			m.Penalties.Plain(), m.Paid.Plain(), balance.Plain()}, "")
	}
	d.band(t.x, y, t.width(), t.rowH, lightGrey)
	return d.row(t, y, []string{"Итого за период", "", sum.Charged.Plain(), sum.Adjustments.Plain(),
		sum.Penalties.Plain(), sum.Paid.Plain(), s.Closing.Plain()}, "B")
}

// dueDate is a month's «оплатить до», blank for a month with no bill.
func dueDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return date(t)
}

// capitalize makes «январь 2026» «Январь 2026» for the start of a cell.
func capitalize(s string) string {
	for i := range s {
		if i > 0 {
			return strings.ToUpper(s[:i]) + s[i:]
		}
	}
	return strings.ToUpper(s)
}
