package demo

import (
	"math/rand/v2"
	"time"

	"kabinet"
)

// meterSim runs one meter through the months: its registers turn with the
// household's consumption, and the household reads them now and then.
type meterSim struct {
	m       *kabinet.Meter
	values  []int64 // what the registers show now
	pending []int64 // consumption since the last reading, per register
}

func newMeterSim(rng *rand.Rand, m *kabinet.Meter) *meterSim {
	n := len(m.Zoning.Zones())
	s := &meterSim{m: m, values: make([]int64, n), pending: make([]int64, n)}
	for i := range s.values {
		s.values[i] = rng.Int64N(m.Capacity() / 4)
	}
	return s
}

// seasonal is the share of the yearly average a month uses, in percent:
// Irkutsk winters are long and dark.
var seasonal = [12]int64{135, 120, 105, 95, 85, 80, 80, 85, 95, 105, 120, 135}

// consume turns the registers by a month's consumption and returns it.
func (s *meterSim) consume(rng *rand.Rand, base int64, month time.Month) int64 {
	used := base * seasonal[month-1] * (85 + rng.Int64N(31)) / 10000
	for i, u := range splitZones(s.m.Zoning, used) {
		s.values[i] = (s.values[i] + u) % s.m.Capacity()
		s.pending[i] += u
	}
	return used
}

// splitZones splits a month's consumption between the registers.
func splitZones(z kabinet.Zoning, units int64) []int64 {
	switch z {
	case kabinet.ZoningTwo:
		day := units * 70 / 100
		return []int64{day, units - day}
	case kabinet.ZoningThree:
		peak, night := units*35/100, units*30/100
		return []int64{peak, night, units - peak - night}
	}
	return []int64{units}
}

// read takes a reading on a date for period p: the registers as they
// stand, and the consumption since the last reading.
func (s *meterSim) read(taken time.Time, p kabinet.Period, src kabinet.ReadingSource) *kabinet.Reading {
	r := &kabinet.Reading{MeterID: s.m.ID, TakenOn: taken, Period: p, Source: src, Status: kabinet.ReadingAccepted,
		Values: append([]int64(nil), s.values...), Consumption: append([]int64(nil), s.pending...),
		CreatedAt: taken.Add(3 * time.Hour)}
	clear(s.pending)
	return r
}
