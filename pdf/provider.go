package pdf

import (
	"kabinet"
)

// The provider block: a table on the left, the QR code on the right.
const (
	leftW   = 148.0 // tables
	qrSide  = 35.0  // QR code with its quiet zone of four modules
	bandH   = 7.0
	reqH    = 9.0 // two lines of bank details
	headH   = 8.0
	lineH   = 5.0
	sumRowH = 6.0
	dueH    = 6.0
)

func servicesTable() table {
	return table{x: marginX, size: 7.5, rowH: lineH, cols: []column{
		{"Услуга", 35, "L"}, {"Показания\nпредыдущие", 17, "R"}, {"Показания\nтекущие", 17, "R"},
		{"Расход", 15, "R"}, {"Ед.\nизм.", 10, "C"}, {"Тариф,\n₽ за ед.", 15, "R"},
		{"Начислено,\n₽", 19, "R"}, {"Основание\nначисления", 20, "C"},
	}}
}

func summaryTable() table {
	return table{x: marginX, size: 8, rowH: sumRowH, cols: []column{
		{"Долг (+) / аванс (−)\nна начало периода", 30, "R"}, {"Начислено\nза период", 23, "R"},
		{"Перерасчёт", 23, "R"}, {"Пени", 20, "R"}, {"Оплачено\nв периоде", 23, "R"},
		{"Итого\nк оплате", 29, "R"},
	}}
}

// providerHeight is the height of bp's block, so that a block that would
// cross the footer starts a new page instead.
func (p *billPage) providerHeight(bp *kabinet.BillProvider) float64 {
	left := bandH + reqH + 2*p.calloutGap(bp) + headH + lineH*float64(len(bp.Lines)) + meterNoteH(bp) + headH + sumRowH + dueH
	right := bandH + reqH + p.calloutGap(bp) + qrSide + 9
	return max(left, right)
}

// calloutGap is the room above the first provider's tables that the
// sample bill keeps for its callouts.
func (p *billPage) calloutGap(bp *kabinet.BillProvider) float64 {
	if p.sample && bp == &p.b.Data.Providers[0] {
		return 6
	}
	return 0
}

// provider draws bp's block at y and returns the y below it.
func (p *billPage) provider(y float64, bp *kabinet.BillProvider) (float64, error) {
	h, gap := p.providerHeight(bp), p.calloutGap(bp)
	p.frame(marginX, y, contentW, h)
	p.providerBand(y, bp)
	p.requisites(y+bandH, bp.Provider)
	ty := y + bandH + reqH + gap
	if err := p.qrCode(marginX+leftW, ty, bp); err != nil {
		return 0, err
	}
	ty = p.services(ty, bp)
	p.summary(ty+gap, bp)
	return y + h, nil
}

// providerBand names the provider and the account's number with it.
func (p *billPage) providerBand(y float64, bp *kabinet.BillProvider) {
	p.band(marginX, y, contentW, bandH, bandGrey)
	p.font("B", 10.5)
	p.text(marginX+2, y, 120, bandH, "LM", bp.Provider.Name)
	number := subAccount(p.b, bp)
	p.font("B", 9.5)
	numberW := p.width(number)
	p.text(marginX+contentW-72, y, 70, bandH, "RM", number)
	p.font("", 8.5)
	p.label(marginX+contentW-72, y, 70-numberW-1.5, bandH, "RM", "Лицевой счёт в организации:")
}

// requisites prints the payee's tax numbers and bank details, which a
// person paying at a bank counter copies by hand.
func (p *billPage) requisites(y float64, pr kabinet.Provider) {
	p.font("", 7.5)
	line1 := "ИНН " + pr.INN + "   КПП " + pr.KPP + "   Р/с " + pr.PersonalAcc + "   БИК " + pr.BIC
	line2 := "Банк получателя: " + pr.BankName + "   К/с " + pr.CorrespAcc
	p.text(marginX+2, y+1, leftW, 3.6, "L", line1)
	p.text(marginX+2, y+4.6, leftW, 3.6, "L", line2)
}

// qrCode draws the provider's payment QR code in the column of width
// contentW-leftW at (x, y), with its caption below. The requisites are
// checked on the way (qrpay): a bill with a wrong account is not printed.
func (p *billPage) qrCode(x, y float64, bp *kabinet.BillProvider) error {
	text, err := Payment(p.b, bp).Encode()
	if err != nil {
		return err
	}
	sym, err := p.r.qr.symbol(text)
	if err != nil {
		return err
	}
	w := contentW - leftW
	m := qrSide / float64(sym.size+8)
	side := m * float64(sym.size)
	p.drawQR(sym, x+(w-side)/2, y+4*m, m)
	p.mark(8, x+w/2, y-p.calloutGap(bp)/2)
	p.font("", 7.5)
	cy := y + qrSide - 2*m
	for _, line := range p.lines("Оплата по QR-коду в приложении банка", w-4) {
		p.text(x, cy, w, 3.4, "C", line)
		cy += 3.4
	}
	return nil
}
