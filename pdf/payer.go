package pdf

import (
	"fmt"
	"time"

	"kabinet"
)

// payer prints the payer's block: who, where, which account, how many
// residents on what area, and beside it the bill's total.
func (p *billPage) payer(y float64) float64 {
	d := p.b.Data
	const h = 30.0
	p.frame(marginX, y, contentW, h)
	p.mark(1, marginX, y)
	x, labelW, valueW := marginX+3, 24.0, 94.0
	row := func(y float64, label, value, style string) float64 {
		p.font("", 8)
		p.label(x, y, labelW, 5, "LM", label)
		p.fit(value, valueW, 9.5, style)
		p.text(x+labelW, y, valueW, 5, "LM", value)
		return y + 5.5
	}
	ry := row(y+2.5, "Плательщик", d.Payer, "B")
	ry = p.address(row, ry, valueW)
	ry = row(ry, "Лицевой счёт", d.AccountNumber, "B")
	row(ry, "Проживает", fmt.Sprintf("%d чел.    Площадь: %s", d.Residents, d.Area), "")
	p.total(marginX+contentW-62, y, 62, h)
	return y + h
}

// address prints the address on one line, a little smaller if that is
// enough, or else on two.
func (p *billPage) address(row func(y float64, label, value, style string) float64, y, w float64) float64 {
	addr := p.b.Data.Address
	p.font("", 8.5)
	if p.width(addr) <= w-1 {
		return row(y, "Адрес", addr, "")
	}
	p.font("", 9.5)
	lines := p.lines(addr, w-1)
	y = row(y, "Адрес", lines[0], "")
	if len(lines) > 1 {
		y = row(y-1.2, "", lines[1], "")
	}
	return y
}

// total prints the bill's total in a shaded box: the figure people look
// for first, with the earliest due date.
func (p *billPage) total(x, y, w, h float64) {
	d := p.b.Data
	p.band(x, y, w, h, bandGrey)
	label := "ИТОГО К ОПЛАТЕ"
	if d.Total < 0 {
		label = "ПЕРЕПЛАТА"
	}
	p.font("B", 9)
	p.text(x, y+3, w, 5, "C", label)
	p.font("", 8.5)
	p.text(x, y+8, w, 4, "C", "за "+p.b.Period.Title())
	p.font("B", 19)
	p.text(x, y+13, w, 8, "C", rub(d.Total.Abs()))
	if due := earliestDue(d.Providers); !due.IsZero() && d.Total > 0 {
		p.font("B", 9)
		p.text(x, y+22.5, w, 5, "C", "Оплатить до "+date(due))
	}
}

// earliestDue is the first due date among the providers that are owed
// money: paying the whole bill by then is on time for all of them.
func earliestDue(ps []kabinet.BillProvider) time.Time {
	var due time.Time
	for _, p := range ps {
		if p.ToPay > 0 && !p.DueOn.IsZero() && (due.IsZero() || p.DueOn.Before(due)) {
			due = p.DueOn
		}
	}
	return due
}
