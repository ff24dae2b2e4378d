package home

import (
	"slices"

	"kabinet"
)

// Series is one service's consumption by month for the chart (BEY-1):
// twelve months, oldest first, each beside the same month a year earlier.
type Series struct {
	Service kabinet.Service
	// Money marks a service no meter of the account counts (heat by floor
	// area, electricity by the norm): its values are the charges in
	// kopecks. Otherwise they are the units the meters counted, in Unit.
	Money  bool
	Unit   string
	Months []MonthValue
}

// MonthValue is one month of a Series.
type MonthValue struct {
	Period kabinet.Period
	// This is the month's value and Last the same month's a year earlier;
	// HasThis and HasLast are false where there is nothing for the month.
	This, Last       int64
	HasThis, HasLast bool
}

// chartSince is the first month the chart may show: twelve months beside
// the twelve before, up to this one.
func (s *Service) chartSince() kabinet.Period { return s.Period().Add(-24) }

// Consumption builds the series from usage rows. The twelve months end
// with the last month charged, so a month still open (readings given,
// nothing charged yet) does not show as a fall in consumption.
func Consumption(us []kabinet.Usage) []*Series {
	// An account has a service or three: a slice looked through costs
	// less than maps, two years of months at a time (issue 17).
	type service struct {
		svc     kabinet.Service
		metered bool
		series  *Series
	}
	services := make([]service, 0, 4)
	find := func(svc kabinet.Service) *service {
		for i := range services {
			if services[i].svc == svc {
				return &services[i]
			}
		}
		services = append(services, service{svc: svc})
		return &services[len(services)-1]
	}
	var end kabinet.Period
	for _, u := range us {
		if !u.Metered && end.Before(u.Period) {
			end = u.Period
		}
		if u.Metered {
			find(u.Service).metered = true
		} else {
			find(u.Service)
		}
	}
	if end.Year == 0 {
		return nil
	}
	for _, u := range us {
		sv := find(u.Service)
		if u.Metered != sv.metered {
			continue
		}
		if sv.series == nil {
			sv.series = newSeries(u.Service, !u.Metered, end)
		}
		sv.series.add(u, end)
	}
	out := make([]*Series, 0, len(services))
	for _, sv := range services {
		if sv.series != nil {
			out = append(out, sv.series)
		}
	}
	slices.SortFunc(out, func(a, b *Series) int { return serviceRank(a.Service) - serviceRank(b.Service) })
	return out
}

func newSeries(svc kabinet.Service, money bool, end kabinet.Period) *Series {
	s := &Series{Service: svc, Money: money, Unit: "кВт·ч", Months: make([]MonthValue, 12)}
	if money {
		s.Unit = "₽"
	}
	for i := range s.Months {
		s.Months[i].Period = end.Add(i - 11)
	}
	return s
}

// add counts a month in its place of this year or the last.
func (s *Series) add(u kabinet.Usage, end kabinet.Period) {
	v := u.Units
	if s.Money {
		v = int64(u.Charged)
	}
	switch ago := u.Period.MonthsTo(end); {
	case ago < 0:
	case ago < 12:
		m := &s.Months[11-ago]
		m.This, m.HasThis = m.This+v, true
	case ago < 24:
		m := &s.Months[23-ago]
		m.Last, m.HasLast = m.Last+v, true
	}
}

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
	var buf [48]byte
	return string(s.AppendFormat(buf[:0], v))
}

// AppendFormat appends v as Format writes it.
func (s *Series) AppendFormat(b []byte, v int64) []byte {
	if s.Money {
		return append(kabinet.Money(v).AppendPlain(b), "\u00a0₽"...)
	}
	return append(append(kabinet.AppendInt(b, v), "\u00a0"...), s.Unit...)
}
