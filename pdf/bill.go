package pdf

import (
	"fmt"

	"kabinet"
)

// footerY is where the footer's rule runs; blocks must end above it.
const footerY = pageH - 16

// billPage is a bill being drawn. On the sample (explained) bill, the
// first provider's block leaves room for numbered callouts, and marks
// collects where each callout goes.
type billPage struct {
	doc
	r      *Renderer
	b      *kabinet.Bill
	sample bool
	marks  map[int]point
}

type point struct{ x, y float64 }

// Bill renders b as a single payment document on A4: the payer, then per
// provider its requisites, charges, penalties, payments, total and payment
// QR code.
func (r *Renderer) Bill(b *kabinet.Bill) ([]byte, error) {
	return r.render(func(fonts *fontSet) (doc, error) {
		p, err := r.drawBill(b, false, fonts)
		if err != nil {
			return doc{}, err
		}
		return p.doc, nil
	})
}

func (r *Renderer) drawBill(b *kabinet.Bill, sample bool, fonts *fontSet) (*billPage, error) {
	if len(b.Data.Providers) == 0 {
		return nil, kabinet.Errorf(kabinet.EINVALID, "В счёте нет ни одного поставщика")
	}
	title := "Единый платёжный документ за " + b.Period.Title()
	p := &billPage{doc: newDoc(title, b.IssuedAt, fonts), r: r, b: b, sample: sample, marks: make(map[int]point)}
	p.SetFooterFunc(p.footer)
	p.AddPage()
	y := p.payer(p.heading(marginTop) + 3)
	for i := range b.Data.Providers {
		bp := &b.Data.Providers[i]
		if y+4+p.providerHeight(bp) > footerY-2 {
			p.AddPage()
			y = marginTop
		}
		var err error
		if y, err = p.provider(y+4, bp); err != nil {
			return nil, err
		}
	}
	return p, nil
}

// mark remembers the centre of callout n.
func (p *billPage) mark(n int, x, y float64) {
	if _, ok := p.marks[n]; !ok {
		p.marks[n] = point{x, y}
	}
}

// heading prints the document's name, period and number.
func (p *billPage) heading(y float64) float64 {
	p.font("B", 15)
	p.text(marginX, y, 130, 7, "L", "ЕДИНЫЙ ПЛАТЁЖНЫЙ ДОКУМЕНТ")
	p.font("", 9)
	p.text(marginX, y+7, 130, 4.5, "L", "для внесения платы за коммунальные услуги")
	p.font("B", 12)
	p.text(marginX, y+12, 130, 6, "L", "Счёт за "+p.b.Period.Title())
	p.font("", 8)
	right := marginX + contentW - 60
	p.label(right, y+1, 60, 4, "R", "Документ")
	p.font("B", 9)
	p.text(right, y+5, 60, 4.5, "R", fmt.Sprintf("№ %s от %s", p.b.Number(), p.r.issued(p.b.IssuedAt)))
	p.font("", 8)
	p.label(right, y+10.5, 60, 4, "R", "Расчётный период")
	p.font("B", 9)
	p.text(right, y+14.5, 60, 4.5, "R", p.b.Period.Title())
	p.rule(marginX, marginX+contentW, y+20)
	return y + 20
}

// footer closes every page with the reminder about readings and the
// supplier's phone.
func (p *billPage) footer() {
	p.rule(marginX, marginX+contentW, footerY)
	p.font("B", 8.5)
	p.text(marginX, footerY+1.5, 100, 4.5, "L", "Передавайте показания до 25 числа")
	p.font("", 8)
	p.text(marginX, footerY+6, 120, 4, "L", "в личном кабинете, в мобильном приложении или по телефону")
	p.font("B", 8.5)
	p.text(marginX+contentW-70, footerY+1.5, 70, 4.5, "R", "Телефон поставщика "+p.r.Phone)
	p.font("", 8)
	p.label(marginX+contentW-70, footerY+6, 70, 4, "R",
		"Лицевой счёт "+p.b.Data.AccountNumber+" · "+p.b.Period.Title())
}
