package web

import (
	"strconv"

	"kabinet"
	"kabinet/home"
)

// Chart is one service's consumption chart (BEY-1) drawn as SVG on the
// server: for each of twelve months a bar for a year earlier and one for
// this year, with the same figures as a table for screen readers and
// anyone who prefers numbers.
type Chart struct {
	ID, Title string
	// Note explains a chart of charges rather than consumption.
	Note string
	// Summary is the chart in one sentence, its accessible description.
	Summary       string
	ThisYear, Ago string // legend: the two twelve-month spans
	// HasThis and HasAgo tell which spans have a figure at all: the
	// legend names only the series that are drawn.
	HasThis, HasAgo  bool
	Width, Height    int
	PlotLeft, Bottom int
	Bars             []Bar
	Ticks            []Tick
	Months           []MonthLabel
	// series holds the figures the bars' tooltips and the table print,
	// formatted as the chart is written rather than kept as strings: two
	// years of a long history made some 150 strings a page (issue 17).
	series *home.Series
}

// Bar is one bar; Ago marks a year-earlier bar. Its tooltip is its month
// and Value (barTitle).
type Bar struct {
	X, Y, W, H int
	Ago        bool
	Period     kabinet.Period
	Value      int64
}

// Tick is a horizontal grid line with its value.
type Tick struct {
	Y     int
	Label string
}

// MonthLabel is a month's name under its pair of bars. Minor labels are
// every other month counted back from the last; a phone, where the chart is
// drawn small and its labels large, shows only the others.
type MonthLabel struct {
	X     int
	Text  string
	Minor bool
}

// Chart geometry in SVG user units; the SVG scales to its box.
const (
	chartW, chartH      = 480, 250
	plotLeft, plotRight = 56, 4
	plotTop, plotBottom = 12, 216
	chartTicks          = 4
)

var shortMonths = [...]string{"янв", "фев", "мар", "апр", "май", "июн", "июл", "авг", "сен", "окт", "ноя", "дек"}

func charts(series []*home.Series) []Chart {
	out := make([]Chart, 0, len(series))
	for _, s := range series {
		out = append(out, chart(s))
	}
	return out
}

func chart(s *home.Series) Chart {
	n := len(s.Months)
	c := Chart{ID: "chart-" + string(s.Service), Title: s.Service.Title() + ", " + s.Unit,
		Width: chartW, Height: chartH, PlotLeft: plotLeft, Bottom: plotBottom,
		// Sized once: grown bar by bar, the year-earlier bars of a long
		// history cost more than their share (issue 17's 5 years against 1).
		Ticks: make([]Tick, 0, chartTicks+1), Months: make([]MonthLabel, 0, n), Bars: make([]Bar, 0, 2*n), series: s}
	if s.Money {
		c.Note = "Прибор учета не считает эту услугу (она начисляется по площади или по нормативу), поэтому показаны начисления в рублях."
	}
	first, last := s.Months[0].Period, s.Months[len(s.Months)-1].Period
	c.ThisYear = spanTitle(first, last)
	c.Ago = spanTitle(first.Add(-12), last.Add(-12))
	step := niceStep(maxValue(s) / chartTicks)
	for i := 0; i <= chartTicks; i++ {
		c.Ticks = append(c.Ticks, Tick{Y: plotBottom - i*(plotBottom-plotTop)/chartTicks, Label: tickLabel(s, int64(i)*step)})
	}
	top := step * chartTicks
	group := (chartW - plotLeft - plotRight) / len(s.Months)
	var sumThis, sumAgo int64
	var hasThis, hasAgo bool
	for i, m := range s.Months {
		x := plotLeft + i*group
		c.Months = append(c.Months, MonthLabel{X: x + group/2, Text: shortMonths[m.Period.Month-1], Minor: (len(s.Months)-1-i)%2 == 1})
		if m.HasLast {
			c.Bars = append(c.Bars, bar(x+group/8, group*3/8, m.Last, top, true, m.Period.Add(-12)))
			sumAgo, hasAgo = sumAgo+m.Last, true
		}
		if m.HasThis {
			c.Bars = append(c.Bars, bar(x+group/2, group*3/8, m.This, top, false, m.Period))
			sumThis, hasThis = sumThis+m.This, true
		}
	}
	c.HasThis, c.HasAgo = hasThis, hasAgo
	c.Summary = s.Service.Title() + " за " + c.ThisYear + ": " + total(s, sumThis, hasThis) + "; за " + c.Ago + ": " + total(s, sumAgo, hasAgo) + "."
	return c
}

// appendBarTitle appends a bar's tooltip: «ноябрь 2025: 1 234 кВт·ч».
func appendBarTitle(b []byte, s *home.Series, r Bar) []byte {
	return s.AppendFormat(append(r.Period.AppendTitle(b), ": "...), r.Value)
}

func bar(x, w int, v, top int64, ago bool, p kabinet.Period) Bar {
	h := int(v * int64(plotBottom-plotTop) / top)
	return Bar{X: x, Y: plotBottom - h, W: w, H: h, Ago: ago, Period: p, Value: v}
}

func maxValue(s *home.Series) int64 {
	var m int64
	for _, v := range s.Months {
		m = max(m, v.This, v.Last)
	}
	return m
}

// niceStep rounds a grid step up to 1, 2 or 5 times a power of ten, so
// the lines fall on round values.
func niceStep(v int64) int64 {
	p := int64(1)
	for p*10 <= v {
		p *= 10
	}
	for _, f := range []int64{1, 2, 5, 10} {
		if f*p >= v {
			return max(f*p, 1)
		}
	}
	return 10 * p
}

// tickLabel is a grid value without its unit (the title has it), in whole
// rubles for charges.
func tickLabel(s *home.Series, v int64) string {
	if s.Money {
		v /= 100
	}
	return kabinet.FormatInt(v)
}

func total(s *home.Series, v int64, ok bool) string {
	if !ok {
		return "нет данных"
	}
	return s.Format(v)
}

// appendValueOrDash appends a month's figure in the table.
func appendValueOrDash(b []byte, s *home.Series, v int64, ok bool) []byte {
	if !ok {
		return append(b, "нет данных"...)
	}
	return s.AppendFormat(b, v)
}

// spanTitle names twelve months: «дек 2025 – ноя 2026».
func spanTitle(from, to kabinet.Period) string {
	return shortMonths[from.Month-1] + " " + strconv.Itoa(from.Year) + " – " + shortMonths[to.Month-1] + " " + strconv.Itoa(to.Year)
}
