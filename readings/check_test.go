package readings

import (
	"slices"
	"strings"
	"testing"
	"time"

	"kabinet"
)

var irkutsk = mustLoad("Asia/Irkutsk")

func mustLoad(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

func meter(z kabinet.Zoning, digits int) *kabinet.Meter {
	return &kabinet.Meter{ID: 7, Zoning: z, Digits: digits, Serial: "007128-286"}
}

// reading is a real reading taken on the 20th of a month of 2026.
func reading(month time.Month, source kabinet.ReadingSource, values []int64, consumption ...int64) *kabinet.Reading {
	if consumption == nil {
		consumption = make([]int64, len(values))
	}
	return &kabinet.Reading{ID: int64(month), MeterID: 7, TakenOn: time.Date(2026, month, 20, 0, 0, 0, 0, time.UTC),
		Period: kabinet.Period{Year: 2026, Month: month}, Values: values, Consumption: consumption,
		Source: source, Status: kabinet.ReadingCalculated}
}

// steady is six months of 200 kWh a month ending at last (October).
func steady(last int64) []*kabinet.Reading {
	var h []*kabinet.Reading
	for i := range 6 {
		h = append(h, reading(time.October-time.Month(i), kabinet.SourcePortal, []int64{last - 200*int64(i)}, 200))
	}
	return h
}

// nov20 is a day inside the window, noon in Irkutsk.
var nov20 = time.Date(2026, 11, 20, 12, 0, 0, 0, irkutsk)

func TestCheck(t *testing.T) {
	single, two, three := meter(kabinet.ZoningSingle, 5), meter(kabinet.ZoningTwo, 6), meter(kabinet.ZoningThree, 7)
	zoned2 := []*kabinet.Reading{reading(time.October, kabinet.SourcePortal, []int64{12345, 5678}, 215, 112)}
	zoned3 := []*kabinet.Reading{reading(time.October, kabinet.SourcePortal, []int64{1000, 2000, 3000}, 10, 10, 10)}
	top := []*kabinet.Reading{reading(time.October, kabinet.SourcePortal, []int64{99950}, 150)}
	sparse := []*kabinet.Reading{reading(time.October, kabinet.SourcePortal, []int64{500}, 10)}
	tiny := []*kabinet.Reading{
		reading(time.October, kabinet.SourcePortal, []int64{130}, 10), reading(time.September, kabinet.SourcePortal, []int64{120}, 10),
		reading(time.August, kabinet.SourcePortal, []int64{110}, 10)}
	old := []*kabinet.Reading{reading(time.August, kabinet.SourcePortal, []int64{10000}, 200),
		reading(time.July, kabinet.SourcePortal, []int64{9800}, 200), reading(time.June, kabinet.SourcePortal, []int64{9600}, 200)}
	estimated := append([]*kabinet.Reading{reading(time.October, kabinet.SourceEstimated, []int64{20000}, 200)}, old...)
	rejected := append([]*kabinet.Reading{reading(time.October, kabinet.SourcePortal, []int64{30000}, 20000)}, old...)
	rejected[0].Status = kabinet.ReadingRejected
	// September estimated; October's reading measured 400 kWh for
	// September and October: 200 a month, not 400.
	gap := []*kabinet.Reading{reading(time.October, kabinet.SourcePortal, []int64{10400}, 400),
		reading(time.September, kabinet.SourceEstimated, []int64{10000}, 250), reading(time.August, kabinet.SourcePortal, []int64{10000}, 200),
		reading(time.July, kabinet.SourcePortal, []int64{9800}, 200)}
	today := func(v int64, src kabinet.ReadingSource) []*kabinet.Reading {
		r := reading(time.November, src, []int64{v}, v-12345)
		r.TakenOn, r.Status = time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC), kabinet.ReadingAccepted
		return append([]*kabinet.Reading{r}, steady(12345)...)
	}
	rollover, high := []Confirm{ConfirmRollover}, []Confirm{ConfirmHigh}

	for _, c := range []struct {
		name      string
		m         *kabinet.Meter
		housing   kabinet.Housing
		typed     []string
		confirmed []Confirm
		history   []*kabinet.Reading
		now       time.Time
		// Either a problem (register, confirmation, words of the message)...
		register int
		confirm  Confirm
		words    string
		// ...or the reading.
		values, units []int64
		period        string
		late          bool
		replaces      bool
	}{
		// Digits only, within the scale.
		{name: "OK", m: single, typed: []string{"12500"}, history: steady(12345), values: []int64{12500}, units: []int64{155}},
		{name: "OKLeadingZeros", m: single, typed: []string{"0012500"}, history: steady(12345), values: []int64{12500}, units: []int64{155}},
		{name: "OKSpacesBetweenGroups", m: single, typed: []string{" 12 500 "}, history: steady(12345), values: []int64{12500}, units: []int64{155}},
		{name: "OKNoBreakSpace", m: single, typed: []string{"12\u00a0500"}, history: steady(12345), values: []int64{12500}, units: []int64{155}},
		{name: "OKUnchangedIsZero", m: single, typed: []string{"12345"}, history: steady(12345), values: []int64{12345}, units: []int64{0}},
		{name: "OKFirstReadingEver", m: single, typed: []string{"99999"}, values: []int64{99999}, units: []int64{0}},
		{name: "OKAllZeros", m: single, typed: []string{"00000"}, values: []int64{0}, units: []int64{0}},
		{name: "ErrEmpty", m: single, typed: []string{""}, history: steady(12345), register: 0, words: "Введите показание"},
		{name: "ErrOnlySpaces", m: single, typed: []string{"   "}, register: 0, words: "Введите показание"},
		{name: "ErrLetters", m: single, typed: []string{"12a45"}, register: 0, words: "только цифрами"},
		{name: "ErrMinus", m: single, typed: []string{"-12500"}, register: 0, words: "только цифрами"},
		{name: "ErrPlus", m: single, typed: []string{"+12500"}, register: 0, words: "только цифрами"},
		{name: "ErrComma", m: single, typed: []string{"12500,5"}, register: 0, words: "без цифр после запятой"},
		{name: "ErrDot", m: single, typed: []string{"12500.5"}, register: 0, words: "без цифр после запятой"},
		{name: "ErrDigitsExceeded", m: single, typed: []string{"123456"}, register: 0, words: "шкала прибора учета — 5 знаков до запятой, введено 6"},
		{name: "ErrDigitsExceededHuge", m: single, typed: []string{strings.Repeat("9", 40)}, register: 0, words: "введено 40"},
		{name: "ErrDigitsExceededSixDigitScale", m: two, typed: []string{"1234567", "5700"}, history: zoned2, register: 0, words: "Зона «день»: лишние цифры"},
		// Not below the last reading, unless a confirmed rollover.
		{name: "ErrBelowLast", m: single, typed: []string{"12000"}, history: steady(12345), register: 0, words: "меньше предыдущего (12345 от 20.10.2026)"},
		{name: "ErrRolloverNeedsConfirmation", m: single, typed: []string{"00030"}, history: top, register: 0, confirm: ConfirmRollover, words: "расход составит 80 кВт·ч"},
		{name: "OKRolloverConfirmed", m: single, typed: []string{"00030"}, confirmed: rollover, history: top, values: []int64{30}, units: []int64{80}},
		{name: "ErrRolloverFromTheMiddle", m: single, typed: []string{"00030"}, confirmed: rollover, history: steady(50000), register: 0, words: "меньше предыдущего"},
		{name: "ErrRolloverToTheMiddle", m: single, typed: []string{"20000"}, confirmed: rollover, history: top, register: 0, words: "меньше предыдущего"},
		{name: "ErrRolloverConfirmedButHigh", m: single, typed: []string{"09000"}, confirmed: rollover, history: top, register: -1, confirm: ConfirmHigh, words: "Расход 9050 кВт·ч"},
		{name: "OKRolloverAndHighConfirmed", m: single, typed: []string{"09000"}, confirmed: []Confirm{ConfirmRollover, ConfirmHigh}, history: top, values: []int64{9000}, units: []int64{9050}},
		// Zones: all together, each checked on its own.
		{name: "OKTwoZones", m: two, typed: []string{"12560", "5790"}, history: zoned2, values: []int64{12560, 5790}, units: []int64{215, 112}},
		{name: "ErrTwoZonesNightMissing", m: two, typed: []string{"12560", ""}, history: zoned2, register: 1, words: "введите показание зоны «ночь»"},
		{name: "ErrTwoZonesDayMissing", m: two, typed: []string{"", "5790"}, history: zoned2, register: 0, words: "зоны «день»"},
		{name: "ErrTwoZonesBothMissing", m: two, typed: []string{"", " "}, history: zoned2, register: -1, words: "всех зон"},
		{name: "ErrTwoZonesNightBelowLast", m: two, typed: []string{"12560", "5600"}, history: zoned2, register: 1, words: "Зона «ночь»: показание меньше предыдущего (5678"},
		{name: "ErrTwoZonesNightLetters", m: two, typed: []string{"12560", "57OO"}, history: zoned2, register: 1, words: "Зона «ночь»: показание вводится только цифрами"},
		{name: "OKThreeZones", m: three, typed: []string{"1100", "2050", "3010"}, history: zoned3, values: []int64{1100, 2050, 3010}, units: []int64{100, 50, 10}},
		{name: "ErrThreeZonesHalfPeakMissing", m: three, typed: []string{"1100", "2050", ""}, history: zoned3, register: 2, words: "«полупик»"},
		{name: "ErrFormOfAnotherMeter", m: three, typed: []string{"1100"}, register: -1, words: "Обновите страницу"},
		// Plausibility: far above the average or the cap needs confirmation.
		{name: "ErrHighAboveAverage", m: single, typed: []string{"12946"}, history: steady(12345), register: -1, confirm: ConfirmHigh, words: "в 3 раза больше обычного: в среднем 200 кВт·ч в месяц"},
		// 1 700 kWh against 200 a month is 8,5 times, not the factor of 3.
		{name: "ErrHighSaysTheRealRatio", m: single, typed: []string{"14045"}, history: steady(12345), register: -1, confirm: ConfirmHigh, words: "в 8,5 раза больше обычного: в среднем 200 кВт·ч в месяц"},
		// 700 kWh is 3,5 times the 200 a month of July–October (counting
		// October's 400 as one month made the usual 267, and let it in).
		{name: "ErrHighAfterAnEstimatedMonth", m: single, typed: []string{"11100"}, history: gap, register: -1, confirm: ConfirmHigh, words: "в 3,5 раза больше обычного: в среднем 200 кВт·ч в месяц"},
		{name: "OKHighConfirmed", m: single, typed: []string{"12946"}, confirmed: high, history: steady(12345), values: []int64{12946}, units: []int64{601}},
		{name: "OKThreeTimesAverageExactly", m: single, typed: []string{"12945"}, history: steady(12345), values: []int64{12945}, units: []int64{600}},
		{name: "OKUnderFloorWithTinyAverage", m: single, typed: []string{"280"}, history: tiny, values: []int64{280}, units: []int64{150}},
		{name: "ErrAboveFloorWithTinyAverage", m: single, typed: []string{"281"}, history: tiny, register: -1, confirm: ConfirmHigh, words: "в среднем 10 кВт·ч"},
		{name: "OKNoAverageWithTooLittleHistory", m: single, typed: []string{"2000"}, history: sparse, values: []int64{2000}, units: []int64{1500}},
		{name: "ErrAboveFlatCap", m: single, housing: kabinet.HousingFlat, typed: []string{"3001"}, history: sparse, register: -1, confirm: ConfirmHigh, words: "больше 2500 кВт·ч в месяц"},
		{name: "OKHouseCapIsHigher", m: single, housing: kabinet.HousingHouse, typed: []string{"3001"}, history: sparse, values: []int64{3001}, units: []int64{2501}},
		{name: "OKMonthsSinceLastReadingCount", m: single, typed: []string{"11000"}, history: old, values: []int64{11000}, units: []int64{1000}},
		{name: "ErrMonthsSinceLastReadingCountNotEnough", m: single, typed: []string{"12000"}, history: old, register: -1, confirm: ConfirmHigh, words: "Расход 2000 кВт·ч с 20.08.2026"},
		{name: "OKEstimatedMonthIsNotALastReading", m: single, typed: []string{"10500"}, history: estimated, values: []int64{10500}, units: []int64{500}},
		{name: "OKRejectedReadingIsNotALastReading", m: single, typed: []string{"10500"}, history: rejected, values: []int64{10500}, units: []int64{500}},
		// The window: the 25th, 23:59:59 and the 26th, 00:00:00, in Irkutsk.
		{name: "WindowLastSecondOfThe25th", m: single, typed: []string{"12500"}, history: steady(12345), now: time.Date(2026, 11, 25, 23, 59, 59, 0, irkutsk), values: []int64{12500}, period: "2026-11"},
		{name: "WindowFirstSecondOfThe26th", m: single, typed: []string{"12500"}, history: steady(12345), now: time.Date(2026, 11, 26, 0, 0, 0, 0, irkutsk), values: []int64{12500}, period: "2026-12", late: true},
		{name: "WindowLastSecondOfThe25thGivenInUTC", m: single, typed: []string{"12500"}, history: steady(12345), now: time.Date(2026, 11, 25, 15, 59, 59, 0, time.UTC), values: []int64{12500}, period: "2026-11"},
		{name: "WindowFirstSecondOfThe26thGivenInUTC", m: single, typed: []string{"12500"}, history: steady(12345), now: time.Date(2026, 11, 25, 16, 0, 0, 0, time.UTC), values: []int64{12500}, period: "2026-12", late: true},
		{name: "WindowFirstOfTheMonth", m: single, typed: []string{"12500"}, history: steady(12345), now: time.Date(2026, 12, 1, 0, 0, 0, 0, irkutsk), values: []int64{12500}, period: "2026-12"},
		{name: "WindowAfterThe25thOfDecemberIsJanuary", m: single, typed: []string{"12500"}, history: steady(12345), now: time.Date(2026, 12, 26, 9, 0, 0, 0, irkutsk), values: []int64{12500}, period: "2027-01", late: true},
		// Same day: a second portal reading replaces the first and is
		// compared with the reading before it.
		{name: "SameDayReplacesAndComparesWithTheOneBefore", m: single, typed: []string{"12400"}, history: today(12600, kabinet.SourcePortal), values: []int64{12400}, units: []int64{55}, replaces: true},
		{name: "SameDayControllerReadingIsNotReplaced", m: single, typed: []string{"12400"}, history: today(12600, kabinet.SourceController), register: 0, words: "меньше предыдущего (12600 от 20.11.2026)"},
	} {
		t.Run(c.name, func(t *testing.T) {
			now := c.now
			if now.IsZero() {
				now = nov20
			}
			housing := c.housing
			if housing == "" {
				housing = kabinet.HousingFlat
			}
			got, p := DefaultRules().Check(Input{Meter: c.m, Housing: housing, Typed: c.typed, Confirmed: c.confirmed,
				History: c.history, Now: now, Loc: irkutsk})
			if c.words != "" {
				if p == nil {
					t.Fatalf("accepted %+v; want a problem with %q", got.Reading, c.words)
				}
				if p.Register != c.register || p.Confirm != c.confirm || !strings.Contains(p.Message, c.words) {
					t.Errorf("problem = %+v; want register %d, confirm %q, words %q", p, c.register, c.confirm, c.words)
				}
				return
			}
			if p != nil {
				t.Fatalf("problem %+v; want values %v", p, c.values)
			}
			r := got.Reading
			if !slices.Equal(r.Values, c.values) || (c.units != nil && !slices.Equal(r.Consumption, c.units)) {
				t.Errorf("values %v units %v; want %v %v", r.Values, r.Consumption, c.values, c.units)
			}
			period := c.period
			if period == "" {
				period = "2026-11"
			}
			if r.Period.String() != period || got.Late != c.late || (got.Replaces != nil) != c.replaces {
				t.Errorf("period %s late %v replaces %v; want %s %v %v", r.Period, got.Late, got.Replaces != nil, period, c.late, c.replaces)
			}
			local := now.In(irkutsk)
			if y, m, d := local.Date(); !r.TakenOn.Equal(time.Date(y, m, d, 0, 0, 0, 0, time.UTC)) {
				t.Errorf("taken on %s; want the Irkutsk date of %s", r.TakenOn, local)
			}
			if r.Source != kabinet.SourcePortal || r.Status != kabinet.ReadingAccepted || r.MeterID != c.m.ID {
				t.Errorf("reading %+v", r)
			}
		})
	}
}

func TestCheckWithoutWindowSaysSo(t *testing.T) {
	rules := DefaultRules()
	rules.Windows = nil
	_, p := rules.Check(Input{Meter: meter(kabinet.ZoningSingle, 5), Typed: []string{"1"}, Now: nov20, Loc: irkutsk})
	if p == nil || !strings.Contains(p.Message, "срок приёма показаний") {
		t.Fatalf("problem = %+v", p)
	}
}
