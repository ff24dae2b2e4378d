package billing

import (
	"kabinet"
)

// Recalculation is what a real reading does to the periods charged without
// one (ПП № 354 п. 61, DOMAIN §2.2 ⚠️).
type Recalculation struct {
	Estimated []Usage // the estimated periods as they were charged
	// Actual are the same periods with their share of the real consumption,
	// Basis BasisRecalculated: store them as the meter's history, which
	// later averages read.
	Actual []Usage
	// Current is the reading's own period's share, Basis BasisReading: charge
	// it as usual.
	Current Usage
}

// Recalculate spreads the real consumption by register between the last two
// real readings (consumption) evenly over the estimated periods and the
// reading's period, in whole kWh; the kWh that do not divide evenly go to
// the latest periods, so the reading's period takes them first. estimated
// must be the consecutive periods just before reading. All estimated
// periods are recalculated, those charged by norm too (❓ п. 61 names the
// average; suppliers recalculate both once a verified meter is read).
func Recalculate(estimated []Usage, reading kabinet.Period, consumption []int64) (Recalculation, error) {
	for i, u := range estimated {
		if monthsBetween(u.Period, reading) != len(estimated)-i || u.Basis.Actual() {
			return Recalculation{}, kabinet.Errorf(kabinet.EINVALID, "Перерасчёт: %s не идёт подряд перед %s или не был расчётным", u.Period, reading)
		}
	}
	for _, c := range consumption {
		if c < 0 {
			return Recalculation{}, kabinet.Errorf(kabinet.EINVALID, "Перерасчёт: расход не может быть отрицательным")
		}
	}
	n := len(estimated) + 1
	r := Recalculation{Estimated: estimated, Current: Usage{Period: reading, Basis: BasisReading, Units: spread(consumption, n, n-1)}}
	for i, u := range estimated {
		r.Actual = append(r.Actual, Usage{Period: u.Period, Basis: BasisRecalculated, Units: spread(consumption, n, i)})
	}
	return r, nil
}

// Delta returns the real consumption of the estimated periods minus what was
// charged for them, kWh: negative when the estimate was too high.
func (r Recalculation) Delta() int64 {
	var n int64
	for i := range r.Estimated {
		n += r.Actual[i].Total() - r.Estimated[i].Total()
	}
	return n
}

// Adjustment returns the money to post as one adjustment entry in the
// reading's period: each estimated period repriced at its actual share,
// minus what it was charged, with price (see Tariffs.Pricer) giving each
// period's charge. Each period is rounded on its own, as it was when charged.
func (r Recalculation) Adjustment(price func(Usage) (kabinet.Money, error)) (kabinet.Money, error) {
	var sum kabinet.Money
	for i := range r.Estimated {
		was, err := price(r.Estimated[i])
		if err != nil {
			return 0, err
		}
		is, err := price(r.Actual[i])
		if err != nil {
			return 0, err
		}
		sum += is - was
	}
	return sum, nil
}

// Pricer returns a function that charges a usage with group g's tariff for
// its period, with the raised heating-season limits where they apply. The
// number of registers gives the zoning, so a norm (one register) is charged
// single-rate on any meter.
func (ts Tariffs) Pricer(g Group, electricHeating bool) func(Usage) (kabinet.Money, error) {
	return func(u Usage) (kabinet.Money, error) {
		t, err := ts.ForPeriod(g, u.Period)
		if err != nil {
			return 0, err
		}
		m, _, err := ElectricityCharge(t, kabinet.Zoning(len(u.Units)), u.Units, t.UsesHeatingLimits(u.Period, electricHeating))
		return m, err
	}
}
