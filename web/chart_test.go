package web

import (
	"strings"
	"testing"
	"time"

	"kabinet"
	"kabinet/home"
)

// A year with nothing a year earlier has no «year ago» entry in the legend
// (issue 20: the legend named an empty series); the last month always
// keeps its label on a phone, and every other one before it.
func TestChartLegendAndMonthLabels(t *testing.T) {
	s := &home.Series{Service: kabinet.ServiceElectricity, Unit: "кВт·ч"}
	for m := range 12 {
		p := kabinet.Period{Year: 2025, Month: time.December}.Add(m)
		s.Months = append(s.Months, home.MonthValue{Period: p, This: int64(100 + m), HasThis: true})
	}
	c := chart(s)
	if !c.HasThis || c.HasAgo {
		t.Errorf("HasThis, HasAgo = %v, %v; want true, false", c.HasThis, c.HasAgo)
	}
	for i, m := range c.Months {
		if want := i%2 == 0; m.Minor != want {
			t.Errorf("month %d (%s): minor = %v, want %v", i, m.Text, m.Minor, want)
		}
	}
	if last := c.Months[len(c.Months)-1]; last.Text != "ноя" || last.Minor {
		t.Errorf("last month label %+v, want «ноя» shown", last)
	}

	s.Months[3].Last, s.Months[3].HasLast = 90, true
	if c := chart(s); !c.HasAgo {
		t.Error("a year-earlier figure but no «year ago» series")
	}
}

// writeEscaped writes a string with nothing to escape as it is, and any
// other as the replacer escapes it.
func TestWriteEscaped(t *testing.T) {
	for _, s := range []string{"", "ноябрь 2025: 1 234 кВт·ч", `a<b>&"c"`, "1+1", "it's", "x\x00y", "конец>"} {
		var b strings.Builder
		writeEscaped(&b, s)
		if want := escaper.Replace(s); b.String() != want {
			t.Errorf("writeEscaped(%q) = %q, want %q", s, b.String(), want)
		}
	}
}
