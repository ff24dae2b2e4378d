package billing

import (
	"math/rand/v2"
	"slices"
	"testing"

	"kabinet"
)

func TestElectricityCharge(t *testing.T) {
	ts := DemoTariffs()
	city25, _ := ts.Find(GroupCity, d(t, "01.07.2025"))
	rural25, _ := ts.Find(GroupRural, d(t, "01.07.2025"))
	rural26, _ := ts.Find(GroupRural, d(t, "01.02.2026"))
	type L = Line
	const (
		T  = kabinet.ZoneTotal
		T1 = kabinet.ZoneDay
		T2 = kabinet.ZoneNight
		T3 = kabinet.ZoneHalfPeak
	)
	for _, tc := range []struct {
		name    string
		tariff  Tariff
		zoning  kabinet.Zoning
		units   []int64
		heating bool
		want    kabinet.Money
		lines   []Line // nil: not checked
	}{
		// DOMAIN §2.4: 215 × 2,05 + 112 × 1,18 = 440,75 + 132,16 = 572,91 ₽.
		{"WorkedExampleTwoZones", city25, kabinet.ZoningTwo, []int64{215, 112}, false, rub(572_91),
			[]Line{{T1, 1, 215, 20500, rub(440_75)}, {T2, 1, 112, 11800, rub(132_16)}}},
		// 150 × 1,78 = 267,00.
		{"SingleTier1", city25, kabinet.ZoningSingle, []int64{150}, false, rub(267_00),
			[]Line{{T, 1, 150, 17800, rub(267_00)}}},
		{"ZeroShowsTheRegister", city25, kabinet.ZoningSingle, []int64{0}, false, 0,
			[]Line{{T, 1, 0, 17800, 0}}},
		// 3 900 × 1,78 = 6 942,00: the limit itself is still tier 1.
		{"AtTier1Limit", city25, kabinet.ZoningSingle, []int64{3900}, false, rub(6942_00),
			[]Line{{T, 1, 3900, 17800, rub(6942_00)}}},
		// 6 942,00 + 1 × 3,31 = 6 945,31.
		{"FirstKWhOfTier2", city25, kabinet.ZoningSingle, []int64{3901}, false, rub(6945_31),
			[]Line{{T, 1, 3900, 17800, rub(6942_00)}, {T, 2, 1, 33100, rub(3_31)}}},
		// 6 942,00 + 2 100 × 3,31 = 6 942,00 + 6 951,00 = 13 893,00.
		{"AtTier2Limit", city25, kabinet.ZoningSingle, []int64{6000}, false, rub(13893_00), nil},
		// 13 893,00 + 1 000 × 6,50 = 20 393,00.
		{"Tier3", city25, kabinet.ZoningSingle, []int64{7000}, false, rub(20393_00),
			[]Line{{T, 1, 3900, 17800, rub(6942_00)}, {T, 2, 2100, 33100, rub(6951_00)}, {T, 3, 1000, 65000, rub(6500_00)}}},
		// Electric heating, February 2026 (rural prices 1,27 / 2,36 / 4,63,
		// limits 7 020 / 10 800): 7 020 × 1,27 + 980 × 2,36 = 8 915,40 + 2 312,80 = 11 228,20.
		{"HeatingSeasonFebruary", rural26, kabinet.ZoningSingle, []int64{8000}, true, rub(11228_20),
			[]Line{{T, 1, 7020, 12700, rub(8915_40)}, {T, 2, 980, 23600, rub(2312_80)}}},
		// The same 8 000 kWh in May: 3 900 × 1,27 + 2 100 × 2,36 + 2 000 × 4,63
		// = 4 953,00 + 4 956,00 + 9 260,00 = 19 169,00.
		{"SameHomeInMay", rural26, kabinet.ZoningSingle, []int64{8000}, false, rub(19169_00), nil},
		// 7 020 × 1,27 + 3 780 × 2,36 + 200 × 4,63 = 8 915,40 + 8 920,80 + 926,00 = 18 762,20.
		{"HeatingSeasonTier3", rural26, kabinet.ZoningSingle, []int64{11000}, true, rub(18762_20), nil},
		// 101 × 1,246 = 125,846 → 125,85: the price has a tenth of a kopeck.
		{"TenthOfKopeckPrice", rural25, kabinet.ZoningSingle, []int64{101}, false, rub(125_85), nil},
		// 11 × 1,62 + 7 × 0,83 + 3 × 1,246 = 17,82 + 5,81 + 3,738 = 27,368 → 27,37;
		// the last line shows 3,74 so that the lines add up.
		{"ThreeZonesRounding", rural25, kabinet.ZoningThree, []int64{11, 7, 3}, false, rub(27_37),
			[]Line{{T1, 1, 11, 16200, rub(17_82)}, {T2, 1, 7, 8300, rub(5_81)}, {T3, 1, 3, 12460, rub(3_74)}}},
		// 5 000 kWh, day 3 000 : night 2 000. Tier 1 (3 900) shared 3:2 →
		// 2 340 + 1 560; tier 2 (1 100) → 660 + 440.
		// 2 340 × 2,05 + 1 560 × 1,18 + 660 × 3,81 + 440 × 2,20
		// = 4 797,00 + 1 840,80 + 2 514,60 + 968,00 = 10 120,40.
		{"TwoZonesAcrossTiers", city25, kabinet.ZoningTwo, []int64{3000, 2000}, false, rub(10120_40),
			[]Line{{T1, 1, 2340, 20500, rub(4797_00)}, {T2, 1, 1560, 11800, rub(1840_80)},
				{T1, 2, 660, 38100, rub(2514_60)}, {T2, 2, 440, 22000, rub(968_00)}}},
		// 6 001 kWh, day 3 001 : night 3 000. Tier 1: 3 900 × 3 001/6 001 =
		// 1 950,325 and 1 949,675 → the spare kWh to the larger remainder:
		// 1 950 + 1 950. Tier 2: 1 050,175 and 1 049,825 → 1 050 + 1 050.
		// Tier 3 takes what is left: day 1.
		// 1 950 × 2,05 + 1 950 × 1,18 + 1 050 × 3,81 + 1 050 × 2,20 + 1 × 7,48
		// = 3 997,50 + 2 301,00 + 4 000,50 + 2 310,00 + 7,48 = 12 616,48.
		{"LargestRemainder", city25, kabinet.ZoningTwo, []int64{3001, 3000}, false, rub(12616_48),
			[]Line{{T1, 1, 1950, 20500, rub(3997_50)}, {T2, 1, 1950, 11800, rub(2301_00)},
				{T1, 2, 1050, 38100, rub(4000_50)}, {T2, 2, 1050, 22000, rub(2310_00)}, {T1, 3, 1, 74800, rub(7_48)}}},
		// 5 000 kWh, peak 2 000 : night 1 500 : half-peak 1 500 (4:3:3).
		// Tier 1: 1 560 + 1 170 + 1 170; tier 2: 440 + 330 + 330.
		// 1 560 × 2,31 + 1 170 × 1,18 + 1 170 × 1,78 + 440 × 4,30 + 330 × 2,20 + 330 × 3,31
		// = 3 603,60 + 1 380,60 + 2 082,60 + 1 892,00 + 726,00 + 1 092,30 = 10 777,10.
		{"ThreeZonesAcrossTiers", city25, kabinet.ZoningThree, []int64{2000, 1500, 1500}, false, rub(10777_10), nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, lines, err := ElectricityCharge(tc.tariff, tc.zoning, tc.units, tc.heating)
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("charge = %s, want %s", got, tc.want)
			}
			if tc.lines != nil && !slices.Equal(lines, tc.lines) {
				t.Errorf("lines =\n%v\nwant\n%v", lines, tc.lines)
			}
		})
	}
}

func TestElectricityChargeErrors(t *testing.T) {
	tr, _ := DemoTariffs().Find(GroupCity, d(t, "01.08.2025"))
	t.Run("ErrRegisterCount", func(t *testing.T) {
		if _, _, err := ElectricityCharge(tr, kabinet.ZoningTwo, []int64{100}, false); kabinet.ErrorCode(err) != kabinet.EINVALID {
			t.Errorf("err = %v, want EINVALID", err)
		}
	})
	t.Run("ErrNegative", func(t *testing.T) {
		if _, _, err := ElectricityCharge(tr, kabinet.ZoningSingle, []int64{-1}, false); kabinet.ErrorCode(err) != kabinet.EINVALID {
			t.Errorf("err = %v, want EINVALID", err)
		}
	})
}

// TestElectricityChargeSplitsExactly checks, for random consumption, that the
// lines hold every kWh of every register once, that each tier holds what its
// limits say, and that the line amounts add up to the charge and stay within
// a kopeck of their exact amounts.
func TestElectricityChargeSplitsExactly(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	tr, _ := DemoTariffs().Find(GroupRural, d(t, "01.02.2026"))
	for range 2000 {
		z := kabinet.Zoning(1 + rng.IntN(3))
		units := make([]int64, len(z.Zones()))
		for i := range units {
			units[i] = rng.Int64N([]int64{50, 500, 5000, 12000}[rng.IntN(4)])
		}
		heating := rng.IntN(2) == 0
		total, lines, err := ElectricityCharge(tr, z, units, heating)
		if err != nil {
			t.Fatal(err)
		}
		checkLines(t, tr, z, units, heating, total, lines)
	}
}

func checkLines(t *testing.T, tr Tariff, z kabinet.Zoning, units []int64, heating bool, total kabinet.Money, lines []Line) {
	t.Helper()
	byZone := map[kabinet.Zone]int64{}
	var byTier [3]int64
	var sum kabinet.Money
	var all int64
	for _, l := range lines {
		byZone[l.Zone] += l.Units
		byTier[l.Tier-1] += l.Units
		sum += l.Amount
		if diff := int64(l.Amount)*100 - l.Price.times(l.Units); diff <= -100 || diff >= 100 {
			t.Fatalf("%v %v: line %+v is a kopeck or more off its exact amount", z, units, l)
		}
	}
	for i, zone := range z.Zones() {
		all += units[i]
		if byZone[zone] != units[i] {
			t.Fatalf("%v %v: register %s has %d kWh in lines", z, units, zone, byZone[zone])
		}
	}
	limits := tr.Limits
	if heating {
		limits = tr.HeatingLimits
	}
	if byTier != tierVolumes(all, limits) || sum != total {
		t.Fatalf("%v %v: tiers %v, amounts add to %d of %d", z, units, byTier, sum, total)
	}
}
