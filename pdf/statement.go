package pdf

import (
	"time"

	"kabinet"
)

// Statement renders s as an акт сверки взаиморасчетов on A4: the parties,
// the period, a table of charges and payments by month with the running
// balance, and the closing balance in words a person can quote.
func (r *Renderer) Statement(s *kabinet.Statement) ([]byte, error) {
	if got := closing(s); got != s.Closing {
		return nil, kabinet.Errorf(kabinet.EINTERNAL,
			"Акт сверки не сходится: по месяцам сальдо %s, а не %s", got.Plain(), s.Closing.Plain())
	}
	return r.render(func(fonts *fontSet) (doc, error) {
		d := newDoc("Акт сверки взаиморасчетов", s.IssuedAt, fonts)
		d.SetFooterFunc(func() { d.statementFooter(r, s) })
		d.AddPage()
		y := d.statementHeading(s, marginTop)
		y = d.parties(s, y+4)
		y = d.statementTable(s, y+5)
		if y+conclusionH > footerY {
			d.AddPage()
			y = marginTop
		}
		d.conclusion(s, y+5, r.issued(s.IssuedAt))
		return d, nil
	})
}

// closing is the balance the months lead to: the opening debt plus what
// was charged, less what was paid.
func closing(s *kabinet.Statement) kabinet.Money {
	b := s.Opening
	for _, m := range s.Months {
		b += monthChange(m)
	}
	return b
}

func monthChange(m kabinet.StatementMonth) kabinet.Money {
	return m.Charged + m.Adjustments + m.Penalties - m.Paid
}

func (d doc) statementHeading(s *kabinet.Statement, y float64) float64 {
	d.font("B", 14)
	d.text(marginX, y, contentW, 7, "C", "АКТ СВЕРКИ ВЗАИМОРАСЧЕТОВ")
	d.font("", 10)
	d.text(marginX, y+7.5, contentW, 5, "C", "за период с "+date(s.From)+" по "+date(s.To))
	y += 12.5
	if s.Service != "" {
		d.text(marginX, y, contentW, 5, "C", "по услуге «"+s.Service.Title()+"»")
		y += 5
	}
	d.rule(marginX, marginX+contentW, y+2)
	return y + 2
}

// parties names the supplier and the customer as the statement binds them.
func (d doc) parties(s *kabinet.Statement, y float64) float64 {
	pr := s.Provider
	account := s.AccountNumber
	if s.SubAccount != "" && s.SubAccount != s.AccountNumber {
		account += " (в организации: " + s.SubAccount + ")"
	}
	rows := [][2]string{
		{"Поставщик", pr.Name + ", ИНН " + pr.INN + ", КПП " + pr.KPP},
		{"Потребитель", s.Payer},
		{"Адрес", s.Address},
		{"Лицевой счёт", account},
	}
	for _, r := range rows {
		d.font("", 9)
		d.label(marginX, y, 30, 5, "L", r[0])
		d.font("", 10)
		y = d.paragraph(marginX+30, y, contentW-30, 5, r[1]) + 0.5
	}
	return y
}

// conclusionH is the height of the conclusion with the gap above it.
const conclusionH = 5 + 52

// conclusion states the closing balance in the sentence a statement ends
// with, the date of issue and the lines for signatures.
func (d doc) conclusion(s *kabinet.Statement, y float64, issued string) {
	d.font("B", 10.5)
	y = d.paragraph(marginX, y, contentW, 5.5, balanceSentence(s.Closing, s.To))
	d.font("", 8.5)
	d.label(marginX, y+1, contentW, 4.5, "L",
		"Сальдо больше нуля — задолженность потребителя, меньше нуля — переплата (аванс).")
	d.font("", 10)
	d.text(marginX, y+9, contentW, 5, "L", "Дата формирования: "+issued)
	y += 24
	for i, who := range []string{"От поставщика", "Потребитель"} {
		x := marginX + float64(i)*contentW/2
		d.text(x, y, 40, 5, "L", who)
		d.rule(x, x+75, y+12)
	}
	d.font("", 8)
	d.label(marginX, y+12.5, 75, 4, "C", "подпись, расшифровка")
	d.label(marginX+contentW/2, y+12.5, 75, 4, "C", s.Payer)
}

// balanceSentence: «Задолженность на 31.03.2026 составляет 1 234,56 руб.»
func balanceSentence(m kabinet.Money, on time.Time) string {
	switch {
	case m > 0:
		return "Задолженность на " + date(on) + " составляет " + m.Plain() + " руб."
	case m < 0:
		return "Переплата на " + date(on) + " составляет " + m.Abs().Plain() + " руб."
	}
	return "Задолженность на " + date(on) + " отсутствует."
}

func (d doc) statementFooter(r *Renderer, s *kabinet.Statement) {
	d.rule(marginX, marginX+contentW, footerY)
	d.font("", 8)
	d.label(marginX, footerY+1.5, 120, 4, "L", s.Provider.Name+" · лицевой счёт "+s.AccountNumber)
	d.label(marginX+contentW-70, footerY+1.5, 70, 4, "R", "Телефон "+r.Phone)
}
