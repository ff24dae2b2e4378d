package billing

import (
	"time"

	"kabinet"
)

// Norm is a monthly electricity consumption norm (норматив потребления) per
// resident for homes of one group and kind, valid for [From, To).
type Norm struct {
	Group       Group
	Housing     kabinet.Housing
	From, To    time.Time
	PerResident int64 // kWh a month
	Demo        bool
	Basis       string
}

// Norms is a set of norms.
type Norms []Norm

// Monthly returns the month's norm for a home: the norm per resident times
// the residents, counting at least one: a home where nobody is registered is
// still charged for one person (ПП № 354 п. 56(2) charges by the number of
// owners; the portal does not hold that number ❓).
func (ns Norms) Monthly(g Group, h kabinet.Housing, residents int, on time.Time) (int64, error) {
	for _, n := range ns {
		if n.Group == g && n.Housing == h && within(on, n.From, n.To) {
			return n.PerResident * int64(max(residents, 1)), nil
		}
	}
	return 0, kabinet.Errorf(kabinet.ENOTFOUND, "Нет норматива потребления для группы «%s», жильё «%s», на %s",
		g, h, on.Format("02.01.2006"))
}

// DemoNorms returns demo norms. The Irkutsk norms were not researched
// (DOMAIN §2.2 ❓); real norms also depend on rooms and residents in steps.
// These are round figures near the demo world's 95 kWh per person.
func DemoNorms() Norms {
	from := date(2025, time.January, 1)
	const basis = "Демо-норматив, не опубликованное значение"
	return Norms{
		{Group: GroupCity, Housing: kabinet.HousingFlat, From: from, PerResident: 95, Demo: true, Basis: basis},
		{Group: GroupCity, Housing: kabinet.HousingHouse, From: from, PerResident: 110, Demo: true, Basis: basis},
		{Group: GroupRural, Housing: kabinet.HousingFlat, From: from, PerResident: 120, Demo: true, Basis: basis},
		{Group: GroupRural, Housing: kabinet.HousingHouse, From: from, PerResident: 150, Demo: true, Basis: basis},
	}
}
