package pdf

import "strings"

// column is one column of a table: a heading ("\n" breaks it), a width in
// millimetres and the alignment of its cells.
type column struct {
	title string
	w     float64
	align string
}

// table is a ruled grid of small text, the way bills print their figures.
type table struct {
	x    float64
	cols []column
	size float64 // font size of the cells
	rowH float64
}

func (t table) width() float64 {
	w := 0.0
	for _, c := range t.cols {
		w += c.w
	}
	return w
}

// centre is the x of the middle of columns from to to (exclusive).
func (t table) centre(from, to int) float64 {
	x, w := t.x, 0.0
	for i, c := range t.cols {
		switch {
		case i < from:
			x += c.w
		case i < to:
			w += c.w
		}
	}
	return x + w/2
}

// header draws the grey heading row, h high, at y and returns the y below.
func (d doc) header(t table, y, h float64) float64 {
	d.band(t.x, y, t.width(), h, bandGrey)
	d.font("B", t.size-0.5)
	lineH := (t.size - 0.5) * 0.42
	x := t.x
	for _, c := range t.cols {
		lines := strings.Split(c.title, "\n")
		top := y + (h-lineH*float64(len(lines)))/2
		for i, line := range lines {
			d.text(x, top+float64(i)*lineH, c.w, lineH, "CM", line)
		}
		x += c.w
	}
	d.grid(t, y, h)
	return y + h
}

// row draws one row of cells in the given style ("" or "B") at y and
// returns the y below it.
func (d doc) row(t table, y float64, cells []string, style string) float64 {
	x := t.x
	for i, c := range t.cols {
		if i < len(cells) && cells[i] != "" {
			d.fit(cells[i], c.w, t.size, style)
			d.text(x+0.8, y, c.w-1.6, t.rowH, c.align+"M", cells[i])
		}
		x += c.w
	}
	d.grid(t, y, t.rowH)
	return y + t.rowH
}

// grid rules the cells of one row: its bottom and the column borders.
func (d doc) grid(t table, y, h float64) {
	d.SetDrawColor(ruleGrey, ruleGrey, ruleGrey)
	x := t.x
	d.Line(x, y, x, y+h)
	for _, c := range t.cols {
		x += c.w
		d.Line(x, y, x, y+h)
	}
	d.Line(t.x, y, x, y)
	d.Line(t.x, y+h, x, y+h)
	d.SetDrawColor(0, 0, 0)
}
