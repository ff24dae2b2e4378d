package pdf

import (
	"strings"

	"github.com/go-pdf/fpdf"
)

// Page geometry in millimetres (A4 portrait).
const (
	pageW     = 210.0
	pageH     = 297.0
	marginX   = 12.0
	marginTop = 10.0
	contentW  = pageW - 2*marginX
	thinLine  = 0.2
)

// Greys of the documents: they print the same on any office printer.
const (
	textGrey  = 90  // labels
	ruleGrey  = 150 // table rules
	bandGrey  = 232 // header bands
	lightGrey = 246 // alternate fills
)

// doc adds the few drawing verbs the documents share to fpdf, and passes
// text through the codepage of the prepared fonts.
type doc struct {
	*fpdf.Fpdf
	cp      *codepage // nil when the document has the Unicode fonts
	strayed *bool     // some text was not in cp: draw again in Unicode
}

// str returns s as the current fonts take it.
func (d doc) str(s string) string {
	if d.cp == nil {
		return s
	}
	e, ok := d.cp.encode(s)
	if !ok {
		*d.strayed = true
	}
	return e
}

// width is the width of s in the current font.
func (d doc) width(s string) float64 { return d.GetStringWidth(d.str(s)) }

func (d doc) font(style string, size float64) { d.SetFont(font, style, size) }

// text writes s in a box of width w at (x, y), aligned "L", "C" or "R"
// (and "M" for the vertical middle), one line high for the current font.
func (d doc) text(x, y, w, h float64, align, s string) {
	d.SetXY(x, y)
	d.CellFormat(w, h, d.str(s), "", 0, align, false, 0, "")
}

// label writes s in the label grey, then goes back to black.
func (d doc) label(x, y, w, h float64, align, s string) {
	d.SetTextColor(textGrey, textGrey, textGrey)
	d.text(x, y, w, h, align, s)
	d.SetTextColor(0, 0, 0)
}

// fit shrinks the font until s fits in w, for the odd long name in a
// narrow column; the size is restored by the next font call.
func (d doc) fit(s string, w, size float64, style string) {
	for d.font(style, size); size > 5 && d.width(s) > w-1; size -= 0.25 {
		d.font(style, size-0.25)
	}
}

// band fills a grey rectangle, the background of a heading.
func (d doc) band(x, y, w, h float64, grey int) {
	d.SetFillColor(grey, grey, grey)
	d.Rect(x, y, w, h, "F")
}

// frame draws a rectangle outline in the rule grey.
func (d doc) frame(x, y, w, h float64) {
	d.SetDrawColor(ruleGrey, ruleGrey, ruleGrey)
	d.Rect(x, y, w, h, "D")
	d.SetDrawColor(0, 0, 0)
}

// rule draws a horizontal line from x1 to x2.
func (d doc) rule(x1, x2, y float64) {
	d.SetDrawColor(ruleGrey, ruleGrey, ruleGrey)
	d.Line(x1, y, x2, y)
	d.SetDrawColor(0, 0, 0)
}

// lines splits s into lines no wider than w in the current font. It
// breaks at plain spaces only: fpdf's SplitText also breaks at no-break
// spaces, which would split «1 000,00» across lines.
func (d doc) lines(s string, w float64) []string {
	var out []string
	line := ""
	for _, word := range strings.Fields(strings.ReplaceAll(s, "\u00a0", "\u0001")) {
		word = strings.ReplaceAll(word, "\u0001", "\u00a0")
		switch {
		case line == "":
			line = word
		case d.width(line+" "+word) > w:
			out = append(out, line)
			line = word
		default:
			line += " " + word
		}
	}
	return append(out, line)
}

// paragraph writes s wrapped to w from (x, y) with line height h and
// returns the y below it.
func (d doc) paragraph(x, y, w, h float64, s string) float64 {
	for _, line := range d.lines(s, w) {
		d.text(x, y, w, h, "L", line)
		y += h
	}
	return y
}
