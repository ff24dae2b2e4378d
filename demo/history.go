package demo

import (
	"math/rand/v2"
	"time"

	"kabinet"
)

// clock is the world's calendar: the closed periods the history covers,
// oldest first, the open period, and today (dates at UTC midnight, read as
// the supplier's local dates).
type clock struct {
	closed []kabinet.Period
	open   kabinet.Period
	today  time.Time
}

func newClock(today time.Time, months int) clock {
	c := clock{open: kabinet.PeriodOf(today), today: today}
	for i := months; i >= 1; i-- {
		c.closed = append(c.closed, c.open.Add(-i))
	}
	return c
}

// writeReadings adds the readings each meter's household gave over the
// history, all «Принято»: the month close of each period charges by them
// (and marks them «Рассчитано»), by the average where a month has none,
// and by the norm where a home has no meter.
func (h *household) writeReadings(rng *rand.Rand, c clock, b kabinet.Batch) {
	if len(h.meters) == 0 {
		return
	}
	base := h.monthlyBase(rng)
	for slot, m := range h.meters {
		mb := base
		if slot > 0 {
			mb = base / 3
		}
		s := newMeterSim(rng, m)
		for i, p := range c.closed {
			s.consume(rng, mb, p.Month)
			if h.forgetful && i > 0 && rng.IntN(10) < 3 {
				continue // no reading: the close charges the month by average
			}
			taken, period := readingDay(rng, p)
			r := s.read(taken, period, sourceFor(rng))
			b.AddReading(r)
		}
		h.writeOpenReading(rng, c, s, mb, b)
	}
}

// readingDay is when a household reads its meter in month p: mostly in the
// window from the 15th to the 25th; a few are late, after the 25th, and
// that reading counts for the next period (DOMAIN §2.1).
func readingDay(rng *rand.Rand, p kabinet.Period) (time.Time, kabinet.Period) {
	start := p.Start(time.UTC)
	if rng.IntN(100) < lateReadingsPercent {
		return start.AddDate(0, 0, 25+rng.IntN(3)), p.Add(1)
	}
	return start.AddDate(0, 0, 14+rng.IntN(11)), p
}

// lateReadingsPercent is the share of readings given after the 25th.
const lateReadingsPercent = 4

// writeOpenReading gives most meters a reading in the open period's window
// if the window has opened by today.
func (h *household) writeOpenReading(rng *rand.Rand, c clock, s *meterSim, base int64, b kabinet.Batch) {
	if c.today.Day() < 15 || rng.IntN(100) >= 65 {
		return
	}
	s.consume(rng, base*int64(min(c.today.Day(), 25))/30, c.open.Month)
	taken := c.open.Start(time.UTC).AddDate(0, 0, 14+rng.IntN(min(c.today.Day(), 25)-14))
	r := s.read(taken, c.open, kabinet.SourcePortal)
	b.AddReading(r)
}

// monthlyBase is the household's typical monthly consumption, kWh.
func (h *household) monthlyBase(rng *rand.Rand) int64 {
	a := &h.account
	base := int64(90 + 40*a.Residents + rng.IntN(80))
	if a.Housing == kabinet.HousingHouse {
		base += 150 + int64(rng.IntN(250))
	}
	if a.ElectricHeating {
		base *= 2
	}
	return base
}

func sourceFor(rng *rand.Rand) kabinet.ReadingSource {
	switch n := rng.IntN(100); {
	case n < 78:
		return kabinet.SourcePortal
	case n < 90:
		return kabinet.SourcePhone
	case n < 95:
		return kabinet.SourceController
	}
	return kabinet.SourcePayment
}
