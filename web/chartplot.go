package web

import (
	"html/template"
	"strconv"
	"strings"
)

// The chart's bars, grid and month names, and its table's rows, are
// written here rather than by template actions: some hundred values a
// chart, each escaped through reflection, were a fifth of what «Главная»
// cost (issue 17). The markup is the one the template wrote.

// plot writes the SVG's grid lines with their values, the bars and the
// month names.
func (c *Chart) plot() template.HTML {
	var b strings.Builder
	b.Grow(4096)
	left, width := strconv.Itoa(c.PlotLeft), strconv.Itoa(c.Width)
	for _, t := range c.Ticks {
		y := strconv.Itoa(t.Y)
		b.WriteString(`<line class="chart-grid" x1="` + left + `" x2="` + width + `" y1="` + y + `" y2="` + y + `"/>` + "\n    ")
		b.WriteString(`<text class="chart-tick" x="` + left + `" dx="-6" y="` + y + `" dy="4" text-anchor="end">`)
		b.WriteString(template.HTMLEscapeString(t.Label) + "</text>\n    ")
	}
	b.WriteString("\n    ")
	for _, r := range c.Bars {
		class := "chart-bar"
		if r.Ago {
			class = "chart-bar-ago"
		}
		b.WriteString(`<rect class="` + class + `" x="` + strconv.Itoa(r.X) + `" y="` + strconv.Itoa(r.Y) + `" width="` +
			strconv.Itoa(r.W) + `" height="` + strconv.Itoa(r.H) + `"><title>`)
		b.WriteString(template.HTMLEscapeString(r.Title) + "</title></rect>\n    ")
	}
	b.WriteString("\n    ")
	bottom := strconv.Itoa(c.Bottom)
	for _, m := range c.Months {
		class := "chart-month"
		if m.Minor {
			class += " chart-month-minor"
		}
		b.WriteString(`<text class="` + class + `" x="` + strconv.Itoa(m.X) + `" y="` + bottom + `" dy="24" text-anchor="middle">`)
		b.WriteString(template.HTMLEscapeString(m.Text) + "</text>\n    ")
	}
	return template.HTML(b.String())
}

// table writes the rows of the chart's table.
func (c *Chart) table() template.HTML {
	var b strings.Builder
	b.Grow(2048)
	for _, r := range c.Rows {
		b.WriteString(`<tr><th scope="row">` + template.HTMLEscapeString(r.Month) + `</th><td>` + template.HTMLEscapeString(r.This) +
			`</td><td>` + template.HTMLEscapeString(r.Ago) + `</td></tr>`)
	}
	return template.HTML(b.String())
}
