package pdf

import (
	"strconv"

	"kabinet"
)

// The colour of the sample's numbered callouts: a dark orange that stands
// out from the black-and-grey bill and still prints dark in monochrome.
const calloutR, calloutG, calloutB = 204, 78, 0

// SampleBill renders «Образец квитанции с пояснениями начислений»: bill b
// with numbered callouts on its blocks, and a second page that explains
// each block in plain words with b's own figures.
func (r *Renderer) SampleBill(b *kabinet.Bill) ([]byte, error) {
	return r.render(func(fonts *fontSet) (doc, error) {
		p, err := r.drawBill(b, true, fonts)
		if err != nil {
			return doc{}, err
		}
		notes := sampleNotes(b)
		for n := range notes {
			if at, ok := p.marks[n+1]; ok {
				p.callout(at.x, at.y, n+1)
			}
		}
		p.AddPage()
		p.explain(notes)
		return p.doc, nil
	})
}

// callout draws numbered badge n centred at (x, y).
func (d doc) callout(x, y float64, n int) {
	const r = 2.6
	d.SetFillColor(calloutR, calloutG, calloutB)
	d.Circle(x, y, r, "F")
	d.SetTextColor(255, 255, 255)
	d.font("B", 9)
	d.text(x-r, y-r, 2*r, 2*r, "CM", strconv.Itoa(n))
	d.SetTextColor(0, 0, 0)
}

// explain prints the page of notes, one numbered paragraph per callout.
func (p *billPage) explain(notes []note) {
	y := marginTop
	p.font("B", 15)
	p.text(marginX, y, contentW, 7, "L", "Образец квитанции с пояснениями начислений")
	p.font("", 10)
	p.label(marginX, y+8, contentW, 5, "L", "Цифры на первой странице отмечают блоки счёта; здесь — что означает каждый из них.")
	y += 18
	for i, n := range notes {
		p.callout(marginX+3, y+2.7, i+1)
		p.font("B", 11)
		p.text(marginX+9, y, contentW-9, 5.5, "L", n.title)
		p.font("", 10)
		y = p.paragraph(marginX+9, y+6, contentW-9, 4.8, n.text) + 4
	}
}
