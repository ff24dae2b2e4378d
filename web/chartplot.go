package web

import (
	"strconv"
	"unicode"
	"unicode/utf8"
)

// The chart is written here rather than by template actions: some
// hundred values a chart, each escaped through reflection, were a fifth of
// what «Главная» cost (issue 17). The markup is the one the template wrote;
// «Главная» writes each chart straight into the page's buffer
// (HomePage.writeContent): written into a buffer of its own and copied,
// a chart of five years' history allocated 12 KiB twice.

// write writes the whole chart: the SVG bars, a legend, and the same
// figures as a table under <details>.
func (c *Chart) write(m *markup) {
	m.WriteString("\n<figure class=\"chart\" aria-labelledby=\"")
	m.esc(c.ID)
	m.WriteString("-title\">\n  <figcaption id=\"")
	m.esc(c.ID)
	m.WriteString(`-title" class="chart-title">`)
	m.esc(c.Title)
	m.WriteString("</figcaption>\n  ")
	if c.Note != "" {
		m.WriteString(`<p class="muted chart-note">`)
		m.esc(c.Note)
		m.WriteString(`</p>`)
	}
	m.WriteString("\n  <svg class=\"chart-svg\" viewBox=\"0 0 ")
	m.WriteString(strconv.Itoa(c.Width))
	m.WriteString(" ")
	m.WriteString(strconv.Itoa(c.Height))
	m.WriteString(`" role="img" aria-labelledby="`)
	m.esc(c.ID)
	m.WriteString(`-svg-title `)
	m.esc(c.ID)
	m.WriteString("-svg-desc\" preserveAspectRatio=\"xMidYMid meet\">\n    <title id=\"")
	m.esc(c.ID)
	m.WriteString(`-svg-title">`)
	m.esc(c.Title)
	m.WriteString("</title>\n    <desc id=\"")
	m.esc(c.ID)
	m.WriteString(`-svg-desc">`)
	m.esc(c.Summary)
	m.WriteString("</desc>\n    ")
	c.plot(m)
	m.WriteString("\n  </svg>\n  <ul class=\"chart-legend\">\n    ")
	if c.HasThis {
		m.WriteString(`<li><span class="legend-swatch legend-this" aria-hidden="true"></span>`)
		m.esc(c.ThisYear)
		m.WriteString(`</li>`)
	}
	m.WriteString("\n    ")
	if c.HasAgo {
		m.WriteString(`<li><span class="legend-swatch legend-ago" aria-hidden="true"></span>`)
		m.esc(c.Ago)
		m.WriteString(`</li>`)
	}
	m.WriteString("\n  </ul>\n  <details class=\"chart-details\">\n    <summary>Таблица: ")
	m.esc(c.Title)
	m.WriteString("</summary>\n    <div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Таблица: ")
	m.esc(c.Title)
	m.WriteString("\">\n      <table class=\"chart-table\">\n        " +
		"<thead><tr><th scope=\"col\">Месяц</th><th scope=\"col\">Значение</th><th scope=\"col\">Годом раньше</th></tr></thead>\n        <tbody>")
	c.table(m)
	m.WriteString("</tbody>\n      </table>\n    </div>\n  </details>\n</figure>\n")
}

// plot writes the SVG's grid lines with their values, the bars and the
// month names.
func (c *Chart) plot(m *markup) {
	var scratch [96]byte
	left, width := strconv.Itoa(c.PlotLeft), strconv.Itoa(c.Width)
	for _, t := range c.Ticks {
		y := strconv.Itoa(t.Y)
		m.WriteString(`<line class="chart-grid" x1="`)
		m.WriteString(left)
		m.WriteString(`" x2="`)
		m.WriteString(width)
		m.WriteString(`" y1="`)
		m.WriteString(y)
		m.WriteString(`" y2="`)
		m.WriteString(y)
		m.WriteString("\"/>\n    <text class=\"chart-tick\" x=\"")
		m.WriteString(left)
		m.WriteString(`" dx="-6" y="`)
		m.WriteString(y)
		m.WriteString(`" dy="4" text-anchor="end">`)
		m.esc(t.Label)
		m.WriteString("</text>\n    ")
	}
	m.WriteString("\n    ")
	for _, r := range c.Bars {
		class := "chart-bar"
		if r.Ago {
			class = "chart-bar-ago"
		}
		m.WriteString(`<rect`)
		m.attr("class", class)
		m.attrInt("x", r.X)
		m.attrInt("y", r.Y)
		m.attrInt("width", r.W)
		m.attrInt("height", r.H)
		m.WriteString(`><title>`)
		// Month names, digits and units: nothing to escape.
		m.Write(appendBarTitle(scratch[:0], c.series, r))
		m.WriteString("</title></rect>\n    ")
	}
	m.WriteString("\n    ")
	bottom := strconv.Itoa(c.Bottom)
	for _, l := range c.Months {
		m.WriteString(`<text class="chart-month`)
		if l.Minor {
			m.WriteString(` chart-month-minor`)
		}
		m.WriteString(`"`)
		m.attrInt("x", l.X)
		m.WriteString(` y="`)
		m.WriteString(bottom)
		m.WriteString(`" dy="24" text-anchor="middle">`)
		m.esc(l.Text)
		m.WriteString("</text>\n    ")
	}
}

// table writes the rows of the chart's table: a month, capitalized, its
// figure and the figure of a year earlier. Month names, digits and units
// need no escaping.
func (c *Chart) table(m *markup) {
	var scratch [96]byte
	for _, v := range c.series.Months {
		m.WriteString(`<tr><th scope="row">`)
		title := v.Period.AppendTitle(scratch[:0])
		first, n := utf8.DecodeRune(title)
		m.buf().WriteRune(unicode.ToUpper(first))
		m.Write(title[n:])
		m.WriteString(`</th><td>`)
		m.Write(appendValueOrDash(scratch[:0], c.series, v.This, v.HasThis))
		m.WriteString(`</td><td>`)
		m.Write(appendValueOrDash(scratch[:0], c.series, v.Last, v.HasLast))
		m.WriteString(`</td></tr>`)
	}
}
