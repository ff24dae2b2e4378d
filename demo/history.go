package demo

import (
	"math/rand/v2"
	"time"

	"kabinet"
	"kabinet/sqlstore"
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

// writeHistory adds the household's readings and ledger to b.
func (h *household) writeHistory(rng *rand.Rand, c clock, b *sqlstore.Batch) {
	units := h.writeReadings(rng, c, b)
	for i, sub := range h.subs {
		var charges []kabinet.Money
		for pi, p := range c.closed {
			var amount kabinet.Money
			if i == 0 {
				amount = units[pi]
			} else if heatingSeason(p.Month) {
				amount = kabinet.Money(int64(h.account.Area) * heatPricePerM2 / 10000)
			}
			charges = append(charges, amount)
		}
		newPayments(rng, h.payer, sub, c, charges).write(b)
	}
}

// writeReadings adds each meter's monthly readings and returns the
// electricity charge of each closed period: by the meters, by average for a
// month without a reading, by the norm for a home without a meter.
func (h *household) writeReadings(rng *rand.Rand, c clock, b *sqlstore.Batch) []kabinet.Money {
	prices := pricesFor(&h.account)
	charges := make([]kabinet.Money, len(c.closed))
	if len(h.meters) == 0 {
		for i, p := range c.closed {
			u := []int64{int64(max(h.account.Residents, 1) * normPerResident)}
			charges[i] = electricityCost(prices, kabinet.ZoningSingle, u, h.winterLimits(p))
		}
		return charges
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
				charges[i] += s.estimateMonth(prices, h.winterLimits(p))
				continue
			}
			taken := p.Start(time.UTC).AddDate(0, 0, 14+rng.IntN(11))
			r, charge := s.read(taken, p, prices, h.winterLimits(p), sourceFor(rng))
			r.Status = kabinet.ReadingCalculated
			b.Add("readings", sqlstore.ReadingColumns, sqlstore.ReadingRow(r)...)
			charges[i] += charge
		}
		h.writeOpenReading(rng, c, s, mb, b)
	}
	return charges
}

// writeOpenReading gives most meters a reading in the open period's window
// if the window has opened by today.
func (h *household) writeOpenReading(rng *rand.Rand, c clock, s *meterSim, base int64, b *sqlstore.Batch) {
	if c.today.Day() < 15 || rng.IntN(100) >= 65 {
		return
	}
	s.consume(rng, base*int64(min(c.today.Day(), 25))/30, c.open.Month)
	taken := c.open.Start(time.UTC).AddDate(0, 0, 14+rng.IntN(min(c.today.Day(), 25)-14))
	r, _ := s.read(taken, c.open, cityPrices, false, kabinet.SourcePortal)
	r.Status = kabinet.ReadingAccepted
	b.Add("readings", sqlstore.ReadingColumns, sqlstore.ReadingRow(r)...)
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

// winterLimits reports whether the higher tier limits of electrically
// heated homes apply in period p (January to April).
func (h *household) winterLimits(p kabinet.Period) bool {
	return h.account.ElectricHeating && p.Month <= time.April
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
