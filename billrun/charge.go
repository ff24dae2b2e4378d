package billrun

import (
	"slices"
	"time"

	"kabinet"
	"kabinet/billing"
)

// charge returns the bill lines of one service for p and the adjustment a
// real reading brings to months charged by estimate.
func (e *Engine) charge(p kabinet.Period, a *kabinet.Account, s kabinet.Service, d *kabinet.AccountData, r *result) ([]kabinet.BillLine, kabinet.Money, error) {
	if s == kabinet.ServiceHeat {
		t, err := e.Heat.Find(p.Start(e.Zone()))
		if err != nil {
			return nil, 0, err
		}
		amount := billing.HeatCharge(t, a.Area, p)
		if amount == 0 {
			return nil, 0, nil
		}
		return []kabinet.BillLine{{Service: s, Consumption: int64(a.Area), Unit: "м²",
			TariffKopecks: int64(t.PerM2), Amount: amount, Basis: "по площади"}}, 0, nil
	}
	meters := d.Meters[a.ID]
	if len(meters) == 0 {
		norm, err := e.norm(a, p)
		if err != nil {
			return nil, 0, err
		}
		lines, err := e.price(p, a, nil, billing.Usage{Period: p, Basis: billing.BasisNorm, Units: []int64{norm}})
		return lines, 0, err
	}
	var lines []kabinet.BillLine
	var adjustment kabinet.Money
	for _, m := range meters {
		ls, adj, err := e.chargeMeter(p, a, m, d.Readings[m.ID], r)
		if err != nil {
			return nil, 0, err
		}
		lines, adjustment = append(lines, ls...), adjustment+adj
	}
	return lines, adjustment, nil
}

// chargeMeter charges one meter by its reading for p, or, without one, by
// the average or the norm, recording the estimate so that the next real
// reading can recalculate it.
func (e *Engine) chargeMeter(p kabinet.Period, a *kabinet.Account, m *kabinet.Meter, rs []*kabinet.Reading, r *result) ([]kabinet.BillLine, kabinet.Money, error) {
	cur, last, estimates, history := split(rs, p)
	if cur == nil {
		return e.estimateMeter(p, a, m, last, history, r)
	}
	units := consumption(m, last, cur)
	rec, err := billing.Recalculate(estimates, p, units)
	if err != nil {
		return nil, 0, err
	}
	adjustment, err := rec.Adjustment(e.Tariffs.Pricer(billing.GroupOf(a.Settlement, a.ElectricHeating), a.ElectricHeating))
	if err != nil {
		return nil, 0, err
	}
	lines, err := e.price(p, a, m, rec.Current)
	for i := range lines {
		lines[i].Current = cur.Values[min(i, len(cur.Values)-1)]
		if last != nil {
			lines[i].Previous = last.Values[min(i, len(last.Values)-1)]
		}
	}
	return lines, adjustment, err
}

func (e *Engine) estimateMeter(p kabinet.Period, a *kabinet.Account, m *kabinet.Meter, last *kabinet.Reading, history []billing.Usage, r *result) ([]kabinet.BillLine, kabinet.Money, error) {
	norm, err := e.norm(a, p)
	if err != nil {
		return nil, 0, err
	}
	var lastPeriod kabinet.Period
	if last != nil {
		lastPeriod = last.Period
	}
	u, err := e.Estimate.Estimate(p, lastPeriod, history, norm)
	if err != nil {
		return nil, 0, err
	}
	r.estimates = append(r.estimates, estimateReading(m, p, last, u))
	lines, err := e.price(p, a, m, u)
	return lines, 0, err
}

func (e *Engine) norm(a *kabinet.Account, p kabinet.Period) (int64, error) {
	return e.Norms.Monthly(billing.GroupOf(a.Settlement, a.ElectricHeating), a.Housing, a.Residents, p.Start(e.Zone()))
}

// price turns a month's usage into bill lines by the tariff of the period.
func (e *Engine) price(p kabinet.Period, a *kabinet.Account, m *kabinet.Meter, u billing.Usage) ([]kabinet.BillLine, error) {
	t, err := e.Tariffs.ForPeriod(billing.GroupOf(a.Settlement, a.ElectricHeating), p)
	if err != nil {
		return nil, err
	}
	zoning := kabinet.ZoningSingle
	if m != nil && len(u.Units) > 1 {
		zoning = m.Zoning
	}
	_, ls, err := billing.ElectricityCharge(t, zoning, u.Units, t.UsesHeatingLimits(p, a.ElectricHeating))
	if err != nil {
		return nil, err
	}
	lines := make([]kabinet.BillLine, 0, len(ls))
	for _, l := range ls {
		bl := kabinet.BillLine{Service: kabinet.ServiceElectricity, Zone: string(l.Zone), Consumption: l.Units, Unit: "кВт·ч",
			TariffKopecks: int64(l.Price), Amount: l.Amount, Basis: u.Basis.Title()}
		if m != nil {
			bl.MeterSerial = m.Serial
		}
		lines = append(lines, bl)
	}
	return lines, nil
}

// split sorts a meter's readings (newest first) around p: the reading for
// p, the last real reading before it, the months charged by estimate since
// that reading, and the actual monthly history for averages: the real
// readings before p spread over the months they cover (billing.Actuals).
// Estimated months never count as history.
func split(rs []*kabinet.Reading, p kabinet.Period) (cur, last *kabinet.Reading, estimates, history []billing.Usage) {
	// The store gives them newest first by date; a reading given after the
	// 25th belongs to the next period, so it can be older than the estimate
	// that closed its own month. Periods decide the order.
	rs = slices.Clone(rs)
	slices.SortStableFunc(rs, func(a, b *kabinet.Reading) int { return b.Period.Int() - a.Period.Int() })
	var reads []billing.Read
	for _, r := range rs {
		switch {
		case r.Status == kabinet.ReadingRejected:
		case r.Period == p && r.Source != kabinet.SourceEstimated && cur == nil:
			cur = r
		case !r.Period.Before(p):
		case r.Source == kabinet.SourceEstimated:
			if last == nil {
				estimates = append(estimates, billing.Usage{Period: r.Period, Basis: billing.BasisAverage, Units: r.Consumption})
			}
		default:
			reads = append(reads, billing.Read{Period: r.Period, Units: r.Consumption})
			if last == nil {
				last = r
			}
		}
	}
	slices.Reverse(estimates)
	return cur, last, estimates, billing.Actuals(reads)
}

// consumption is what the registers turned since the last real reading;
// a register that went past its last digit counts the turn (DOMAIN §2.4).
func consumption(m *kabinet.Meter, last, cur *kabinet.Reading) []int64 {
	if last == nil || len(last.Values) != len(cur.Values) {
		return append([]int64(nil), cur.Consumption...)
	}
	units := make([]int64, len(cur.Values))
	for i := range cur.Values {
		units[i] = m.Turned(last.Values[i], cur.Values[i])
	}
	return units
}

// estimateReading records a month charged without a reading: the
// registers as last read, and the consumption charged.
func estimateReading(m *kabinet.Meter, p kabinet.Period, last *kabinet.Reading, u billing.Usage) *kabinet.Reading {
	// Every register, even when the norm charged one total for a zone
	// meter: the next reading is checked against all of them.
	values := make([]int64, len(m.Zoning.Zones()))
	if last != nil {
		copy(values, last.Values)
	}
	taken := p.Add(1).Start(time.UTC).AddDate(0, 0, -1)
	return &kabinet.Reading{MeterID: m.ID, TakenOn: taken, Period: p, Values: values, Consumption: u.Units,
		Source: kabinet.SourceEstimated, Status: kabinet.ReadingCalculated, CreatedAt: taken}
}
