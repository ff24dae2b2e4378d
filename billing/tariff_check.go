package billing

import (
	"kabinet"
)

// Validate checks a tariff set loaded from anywhere: no two tariffs of a
// group in force on the same day, tier limits increasing, and every price
// positive, so that Find is unambiguous and a charge never comes out free by
// a missing figure.
func (ts Tariffs) Validate() error {
	for i, t := range ts {
		if err := t.validate(); err != nil {
			return err
		}
		for _, u := range ts[:i] {
			if u.Group == t.Group && overlaps(u, t) {
				return kabinet.Errorf(kabinet.EINVALID, "Тарифы %s и %s действуют одновременно", u.Code, t.Code)
			}
		}
	}
	return nil
}

func (t Tariff) validate() error {
	bad := func(what string) error { return kabinet.Errorf(kabinet.EINVALID, "Тариф %s: %s", t.Code, what) }
	switch {
	case t.Code == "" || t.Group == "":
		return bad("нет кода или группы")
	case !t.To.IsZero() && !t.From.Before(t.To):
		return bad("конец действия не позже начала")
	case t.Limits[0] <= 0 || t.Limits[1] <= t.Limits[0]:
		return bad("границы диапазонов потребления не возрастают")
	case t.HeatingLimits != [2]int64{} && (t.HeatingLimits[0] < t.Limits[0] || t.HeatingLimits[1] <= t.HeatingLimits[0]):
		return bad("границы отопительного сезона не возрастают или ниже обычных")
	}
	for _, tp := range t.Tiers {
		if tp.Single <= 0 || tp.Day <= 0 || tp.Night <= 0 || tp.Peak <= 0 || tp.HalfPeak <= 0 {
			return bad("не указана цена")
		}
	}
	return nil
}

// overlaps reports whether two validity intervals share a day.
func overlaps(a, b Tariff) bool {
	endsBefore := func(x, y Tariff) bool { return !x.To.IsZero() && !y.From.IsZero() && dayOf(x.To) <= dayOf(y.From) }
	return !endsBefore(a, b) && !endsBefore(b, a)
}
