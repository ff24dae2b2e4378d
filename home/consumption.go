package home

import (
	"slices"

	"kabinet"
)

// Series is one service's consumption by month for the chart (BEY-1):
// twelve months, oldest first, each beside the same month a year earlier.
type Series struct {
	Service kabinet.Service
	// Money marks a service charged by floor area rather than metered
	// (heat): its values are the charges in kopecks, since the bills hold
	// no consumption for it. Otherwise the values are units of Unit.
	Money  bool
	Unit   string
	Months []MonthValue
}

// MonthValue is one month of a Series.
type MonthValue struct {
	Period kabinet.Period
	// This is the month's value and Last the same month's a year earlier;
	// HasThis and HasLast are false where there was no bill.
	This, Last       int64
	HasThis, HasLast bool
}

// Consumption builds a series per service from the bills, newest first,
// for the twelve months that end with the newest bill's period.
func Consumption(bills []*kabinet.Bill) []*Series {
	if len(bills) == 0 {
		return nil
	}
	end := bills[0].Period
	byService := map[kabinet.Service]*Series{}
	var order []kabinet.Service
	for _, b := range bills {
		for _, part := range b.Data.Providers {
			for _, l := range part.Lines {
				s := byService[l.Service]
				if s == nil {
					s = newSeries(l, end)
					byService[l.Service] = s
					order = append(order, l.Service)
				}
				s.add(b.Period, end, l)
			}
		}
	}
	slices.SortFunc(order, func(a, b kabinet.Service) int { return serviceRank(a) - serviceRank(b) })
	out := make([]*Series, len(order))
	for i, svc := range order {
		out[i] = byService[svc]
	}
	return out
}

func newSeries(l kabinet.BillLine, end kabinet.Period) *Series {
	s := &Series{Service: l.Service, Unit: l.Unit, Months: make([]MonthValue, 12)}
	if l.Service == kabinet.ServiceHeat {
		s.Money, s.Unit = true, "₽"
	}
	for i := range s.Months {
		s.Months[i].Period = end.Add(i - 11)
	}
	return s
}

// add counts a bill line of period p in its month of this year or last.
func (s *Series) add(p, end kabinet.Period, l kabinet.BillLine) {
	v := l.Consumption
	if s.Money {
		v = int64(l.Amount)
	}
	ago := months(p, end)
	switch {
	case ago < 12:
		m := &s.Months[11-ago]
		m.This, m.HasThis = m.This+v, true
	case ago < 24:
		m := &s.Months[23-ago]
		m.Last, m.HasLast = m.Last+v, true
	}
}

// months counts the months from p to q.
func months(p, q kabinet.Period) int { return (q.Year-p.Year)*12 + int(q.Month) - int(p.Month) }

// serviceRank orders the chart as the manual lists services.
func serviceRank(s kabinet.Service) int {
	switch s {
	case kabinet.ServiceElectricity:
		return 0
	case kabinet.ServiceHeat:
		return 1
	}
	return 2
}

// Format writes a value of the series with its unit: «1 234 кВт·ч» or, for
// charges, «1 234,56 ₽».
func (s *Series) Format(v int64) string {
	if s.Money {
		return kabinet.Money(v).String()
	}
	return kabinet.FormatInt(v) + "\u00a0" + s.Unit
}
