package home

import (
	"time"

	"testing"

	"kabinet"
)

func per(y, m int) kabinet.Period { return kabinet.Period{Year: y, Month: time.Month(m)} }

// The twelve months end with the last charged month; readings of the open
// month after it are left out, each month sits beside the same month a
// year earlier, and a service without a meter is charted in rubles.
func TestConsumption(t *testing.T) {
	el, heat := kabinet.ServiceElectricity, kabinet.ServiceHeat
	us := []kabinet.Usage{
		{Service: el, Period: per(2026, 12), Metered: true, Units: 999}, // open month
		{Service: el, Period: per(2026, 11), Metered: true, Units: 250},
		{Service: el, Period: per(2026, 11), Charged: 150000},
		{Service: el, Period: per(2025, 11), Metered: true, Units: 200},
		{Service: el, Period: per(2025, 12), Metered: true, Units: 300},
		{Service: el, Period: per(2024, 11), Metered: true, Units: 1}, // 24 months ago: out
		{Service: heat, Period: per(2026, 1), Charged: 284500},
	}
	ss := Consumption(us)
	if len(ss) != 2 || ss[0].Service != el || ss[1].Service != heat {
		t.Fatalf("series = %+v", ss)
	}
	e := ss[0]
	if e.Money || e.Unit != "кВт·ч" || len(e.Months) != 12 {
		t.Fatalf("electricity = %+v", e)
	}
	if first, last := e.Months[0], e.Months[11]; first.Period != per(2025, 12) || !first.HasThis || first.This != 300 ||
		last.Period != per(2026, 11) || last.This != 250 || !last.HasLast || last.Last != 200 {
		t.Errorf("first %+v, last %+v", first, last)
	}
	for _, m := range e.Months[1:11] {
		if m.HasThis || m.HasLast {
			t.Errorf("%s has a value", m.Period)
		}
	}
	h := ss[1]
	if !h.Money || h.Months[1].Period != per(2026, 1) || h.Months[1].This != 284500 || h.Format(284500) != "2\u00a0845,00\u00a0₽" {
		t.Errorf("heat = %+v", h.Months[1])
	}
	if Consumption(nil) != nil {
		t.Error("a chart without data")
	}
}
