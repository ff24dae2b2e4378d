package readings

import (
	"time"

	"kabinet"
	"kabinet/billing"
)

// Window is what the page says about the 25th (METER-6) at a moment.
type Window struct {
	Today    time.Time      // the supplier's date, midnight UTC
	Period   kabinet.Period // the month a reading passed now counts for
	Late     bool           // after the close day: it counts for the next month
	CloseDay int
	Deadline time.Time // the last day for Period
}

// Window returns the reading window as it stands now.
func (s *Service) Window() (Window, error) {
	now := s.Local(s.Now())
	w, err := s.Rules.Windows.Find(now)
	if err != nil {
		return Window{}, err
	}
	p := w.Period(now)
	return Window{Today: s.Today(), Period: p, Late: w.Late(now), CloseDay: w.CloseDay, Deadline: w.Deadline(p)}, nil
}

// Verification is the state of a meter's verification (поверка).
type Verification int

// Verification states.
const (
	VerificationValid   Verification = iota
	VerificationDueSoon              // within Rules.VerificationNotice days
	VerificationOverdue              // the next verification date has passed
)

// Verification tells whether a meter's verification is overdue or due
// soon on date today. An overdue meter still takes readings: the
// supplier decides what they are worth (DOMAIN §2.4 leaves it open), and
// the card says so.
func (r Rules) Verification(m *kabinet.Meter, today time.Time) Verification {
	switch next := m.NextVerifiedOn; {
	case next.IsZero():
		return VerificationValid
	case !today.Before(next):
		return VerificationOverdue
	case today.AddDate(0, 0, r.VerificationNotice).After(next):
		return VerificationDueSoon
	}
	return VerificationValid
}

// Preview is what a reading would cost by itself: the month's charge at
// the tariff of its period (the cost preview), and how far the month's
// consumption is from the next tier.
type Preview struct {
	Units  int64
	Amount kabinet.Money
	Demo   bool // the tariff is a demo fixture
	// TierLeft is the kWh left to the next tier, when fewer than
	// TierNotice are left; 0 otherwise.
	TierLeft int64
	// Tier is the highest tier the consumption reaches.
	Tier int
}

// TierNotice: the preview warns when fewer kWh than this are left before
// the next tier.
const TierNotice = 500

// Preview prices reading r of meter m against the last real reading of
// an earlier month in history (newest first), the way the month close
// will (billrun): by register, at the tariff of r's month. ok is false
// when there is nothing to compare with or no tariff.
func (s *Service) Preview(a *kabinet.Account, m *kabinet.Meter, r *kabinet.Reading, history []*kabinet.Reading) (Preview, bool) {
	var base *kabinet.Reading
	for _, h := range history {
		if h.Period.Before(r.Period) && h.Source != kabinet.SourceEstimated && h.Status != kabinet.ReadingRejected {
			base = h
			break
		}
	}
	if base == nil || len(base.Values) != len(r.Values) {
		return Preview{}, false
	}
	units := make([]int64, len(r.Values))
	var total int64
	for i := range units {
		units[i] = m.Turned(base.Values[i], r.Values[i])
		total += units[i]
	}
	t, err := s.Tariffs.ForPeriod(billing.GroupOf(a.Settlement, a.ElectricHeating), r.Period)
	if err != nil {
		return Preview{}, false
	}
	heating := t.UsesHeatingLimits(r.Period, a.ElectricHeating)
	amount, _, err := billing.ElectricityCharge(t, m.Zoning, units, heating)
	if err != nil {
		return Preview{}, false
	}
	limits := t.Limits
	if heating {
		limits = t.HeatingLimits
	}
	p := Preview{Units: total, Amount: amount, Demo: t.Demo, Tier: 1}
	for _, limit := range limits {
		if total > limit {
			p.Tier++
			continue
		}
		if limit-total < TierNotice {
			p.TierLeft = limit - total
		}
		break
	}
	return p, true
}
