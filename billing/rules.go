package billing

import (
	"time"

	"kabinet"
)

// Validate checks that the rules can be used: rate rules ordered and not
// overlapping, key rates ordered, moratoria ordered and not overlapping (the
// day count subtracts each moratorium on its own).
func (r PenaltyRules) Validate() error {
	bad := func(what string) error { return kabinet.Errorf(kabinet.EINVALID, "Правила пени: %s", what) }
	for i, rule := range r.Rates {
		if rule.Mode < RateKey || rule.Mode > RateMinFixedKey {
			return bad("неизвестный способ выбора ставки")
		}
		if i > 0 && !ordered(r.Rates[i-1].To, rule.From) {
			return bad("интервалы ставок пересекаются или не упорядочены")
		}
	}
	for i := 1; i < len(r.KeyRates); i++ {
		if !r.KeyRates[i-1].From.Before(r.KeyRates[i].From) {
			return bad("ключевые ставки не упорядочены по дате")
		}
	}
	for i, m := range r.Moratoria {
		if m.From.IsZero() || m.To.IsZero() || !m.From.Before(m.To) {
			return bad("мораторий без начала или конца")
		}
		if i > 0 && !ordered(r.Moratoria[i-1].To, m.From) {
			return bad("моратории пересекаются или не упорядочены")
		}
	}
	return nil
}

// ordered reports whether an interval ending at end (exclusive) comes before
// one starting at start.
func ordered(end, start time.Time) bool {
	return !end.IsZero() && !start.IsZero() && dayOf(end) <= dayOf(start)
}
