package pdf

import (
	"kabinet"
)

// services prints the table of charges: one line per service and meter
// register, with readings, consumption, tariff, amount and basis.
func (p *billPage) services(y float64, bp *kabinet.BillProvider) float64 {
	t := servicesTable()
	above := y - p.calloutGap(bp)/2
	p.mark(2, t.centre(1, 4), above) // readings and consumption
	p.mark(3, t.centre(5, 7), above) // tariff and amount
	y = p.header(t, y, headH)
	zones3 := threeZone(bp)
	for _, l := range bp.Lines {
		prev, cur := readings(l)
		y = p.row(t, y, []string{serviceTitle(l, zones3), prev, cur, quantity(l), l.Unit,
			tariff(l.TariffKopecks), l.Amount.Plain(), l.Basis}, "")
	}
	if note := meterNote(bp); note != "" {
		p.font("", 7)
		p.label(marginX+1, y+0.5, leftW, 3.5, "L", note)
	}
	return y + meterNoteH(bp)
}

// meterNote names the meters the readings come from.
func meterNote(bp *kabinet.BillProvider) string {
	var serials []string
	for _, l := range bp.Lines {
		if l.MeterSerial != "" && (len(serials) == 0 || serials[len(serials)-1] != l.MeterSerial) {
			serials = append(serials, l.MeterSerial)
		}
	}
	switch len(serials) {
	case 0:
		return ""
	case 1:
		return "Прибор учёта № " + serials[0]
	}
	s := "Приборы учёта №"
	for i, n := range serials {
		if i > 0 {
			s += ","
		}
		s += " " + n
	}
	return s
}

func meterNoteH(bp *kabinet.BillProvider) float64 {
	if meterNote(bp) == "" {
		return 1.5
	}
	return 4.5
}

// summary prints how the total comes about: opening balance, charges,
// recalculation, penalties, payments and the amount to pay by the due date.
func (p *billPage) summary(y float64, bp *kabinet.BillProvider) {
	t := summaryTable()
	for i := 2; i < len(t.cols); i++ { // recalculation, penalties, payments, total
		p.mark(2+i, t.centre(i, i+1), y-p.calloutGap(bp)/2)
	}
	last := t.cols[len(t.cols)-1]
	p.band(t.x+t.width()-last.w, y+headH, last.w, sumRowH, lightGrey)
	y = p.header(t, y, headH)
	y = p.row(t, y, []string{bp.OpeningBalance.Plain(), bp.Charged().Plain(), bp.Adjustments.Plain(),
		bp.Penalties.Plain(), bp.Payments.Plain(), ""}, "")
	p.font("B", 9.5)
	p.text(t.x+t.width()-last.w, y-sumRowH, last.w-0.8, sumRowH, "RM", max(bp.ToPay, 0).Plain())
	p.font("B", 9)
	switch {
	case bp.ToPay > 0 && !bp.DueOn.IsZero():
		p.text(marginX, y+1, leftW-1, 4.5, "R", "Итого к оплате "+rub(bp.ToPay)+" — оплатить до "+date(bp.DueOn))
	case bp.ToPay < 0:
		p.text(marginX, y+1, leftW-1, 4.5, "R", "Переплата "+rub(-bp.ToPay)+" будет учтена в следующем счёте")
	}
}
