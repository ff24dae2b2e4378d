// Package readings is the use case of passing meter readings (METER-1..7):
// the checks a new reading must pass, the billing month it counts for, the
// cost preview, and the service the web layer calls. The checks are pure
// functions of their input; the service adds the store and the clock.
package readings

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"kabinet"
	"kabinet/billing"
)

// Rules are the parameters of the checks, as data (DOMAIN §2.4 ❓: the
// thresholds are engineering choices, not law).
type Rules struct {
	Windows billing.ReadingWindows
	// Factor: a month's consumption above Factor × the meter's monthly
	// average needs the customer's confirmation.
	Factor int64
	// AverageMonths is how many months of history the average needs;
	// with fewer, only Caps apply.
	AverageMonths int
	// Floor: up to this many kWh a month is never questioned, however
	// small the average (a flat that stood empty).
	Floor int64
	// Caps: above this many kWh a month a home of this kind needs the
	// customer's confirmation whatever its history.
	Caps map[kabinet.Housing]int64
	// VerificationNotice: a verification due within this many days is
	// announced on the meter card.
	VerificationNotice int
}

// DefaultRules returns the rules of the demo supplier.
func DefaultRules() Rules {
	return Rules{
		Windows: billing.DefaultReadingWindows(), Factor: 3, AverageMonths: 3, Floor: 150,
		Caps:               map[kabinet.Housing]int64{kabinet.HousingFlat: 2500, kabinet.HousingHouse: 8000},
		VerificationNotice: 60,
	}
}

// Confirm names what a customer may confirm to let a questioned reading in.
type Confirm string

// Confirmations.
const (
	ConfirmRollover Confirm = "rollover" // a register went past its last digit
	ConfirmHigh     Confirm = "high"     // consumption far above the usual
)

// Input is one submission with everything the checks look at.
type Input struct {
	Meter   *kabinet.Meter
	Housing kabinet.Housing
	// Typed holds what the customer typed, one value per register in
	// Zoning.Zones order.
	Typed []string
	// Confirmed lists what the customer confirmed with the tick.
	Confirmed []Confirm
	// History is the meter's readings, newest first; a year is enough.
	History []*kabinet.Reading
	// Now is the moment of submission; Loc the supplier's time zone.
	Now time.Time
	Loc *time.Location
}

// Problem is why a reading was not accepted, in words for the customer.
type Problem struct {
	Message string
	// Register is the index of the register at fault, -1 for all.
	Register int
	// Confirm is set when the customer may confirm the reading as it is.
	Confirm Confirm
}

func (p *Problem) Error() string { return p.Message }

// Checked is a reading that passed the checks.
type Checked struct {
	Reading *kabinet.Reading
	// Last is the reading it is compared with, nil for a meter's first.
	Last *kabinet.Reading
	// Replaces is the same day's portal reading it takes the place of.
	Replaces *kabinet.Reading
	// Late: taken after the window closed, it counts for the next month.
	Late bool
}

// Check runs the checks of METER-4 in the order a customer fixes things:
// every register filled, digits only, within the scale, not below the last
// reading (unless a confirmed rollover), a plausible consumption (or a
// confirmed one). It returns the reading to store, dated today in the
// supplier's time zone and counted for the month of the reading window.
func (r Rules) Check(in Input) (*Checked, *Problem) {
	now := in.Now.In(in.Loc)
	w, err := r.Windows.Find(now)
	if err != nil {
		return nil, &Problem{Message: kabinet.ErrorMessage(err), Register: -1}
	}
	values, p := parseAll(in.Meter, in.Typed)
	if p != nil {
		return nil, p
	}
	today := kabinet.DateOf(now)
	last, replaces := lastReading(in.History, today)
	c := &Checked{Last: last, Replaces: replaces, Late: w.Late(now), Reading: &kabinet.Reading{
		MeterID: in.Meter.ID, TakenOn: today, Period: w.Period(now), Values: values, Consumption: values,
		Source: kabinet.SourcePortal, Status: kabinet.ReadingAccepted}}
	if last == nil {
		c.Reading.Consumption = make([]int64, len(values))
		return c, nil
	}
	if c.Reading.Consumption, p = turned(in.Meter, last, values, slices.Contains(in.Confirmed, ConfirmRollover)); p != nil {
		return nil, p
	}
	if p := r.plausible(in, last, c.Reading); p != nil {
		return nil, p
	}
	return c, nil
}

// parseAll reads every register; a zone meter's registers come together.
func parseAll(m *kabinet.Meter, typed []string) ([]int64, *Problem) {
	n := len(m.Zoning.Zones())
	if len(typed) != n {
		return nil, &Problem{Message: "Обновите страницу: форма не соответствует прибору учета", Register: -1}
	}
	filled := 0
	for _, s := range typed {
		if clean(s) != "" {
			filled++
		}
	}
	if filled == 0 {
		if n == 1 {
			return nil, &Problem{Message: "Введите показание", Register: 0}
		}
		return nil, &Problem{Message: "Введите показания всех зон прибора учета", Register: -1}
	}
	values := make([]int64, n)
	for i, s := range typed {
		if clean(s) == "" {
			return nil, &Problem{Message: fmt.Sprintf("Показания всех зон передаются вместе: введите показание зоны «%s»",
				m.Zoning.ZoneTitle(i)), Register: i}
		}
		v, msg := parse(m, s)
		if msg != "" {
			return nil, &Problem{Message: zoned(m, i, msg), Register: i}
		}
		values[i] = v
	}
	return values, nil
}

// clean drops the spaces people type between groups of digits.
func clean(s string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '\u00a0' || r == '\t' {
			return -1
		}
		return r
	}, s)
}

// parse reads one register: whole units, digits only, leading zeros
// allowed, no more digits than the scale has before the point.
func parse(m *kabinet.Meter, typed string) (int64, string) {
	s := clean(typed)
	if strings.ContainsAny(s, ",.") {
		return 0, "Введите показание без цифр после запятой: только целую часть"
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return 0, "Показание вводится только цифрами"
		}
	}
	if digits := strings.TrimLeft(s, "0"); len(digits) > m.Digits {
		return 0, fmt.Sprintf("Лишние цифры: шкала прибора учета — %d %s до запятой, введено %d",
			m.Digits, plural(m.Digits, "знак", "знака", "знаков"), len(digits))
	}
	v, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0, "Показание вводится только цифрами"
	}
	return v, ""
}

// lastReading returns the reading a new one is compared with: the newest
// real one that is not today's from the portal (which the new one
// replaces, and is returned second).
func lastReading(history []*kabinet.Reading, today time.Time) (last, replaces *kabinet.Reading) {
	for _, r := range history {
		switch {
		case r.Source == kabinet.SourcePortal && r.TakenOn.Equal(today):
			replaces = r
		case r.Source == kabinet.SourceEstimated || r.Status == kabinet.ReadingRejected || r.TakenOn.After(today):
		case last == nil:
			last = r
		}
	}
	return last, replaces
}

// turned returns each register's consumption since last. A value below
// the last one is an error, unless the register plausibly went past its
// last digit (from its top tenth to its bottom tenth) and the customer
// confirms it.
func turned(m *kabinet.Meter, last *kabinet.Reading, values []int64, rollover bool) ([]int64, *Problem) {
	if len(last.Values) != len(values) {
		return make([]int64, len(values)), nil // the meter's zoning changed: nothing to compare
	}
	tenth := m.Capacity() / 10
	units := make([]int64, len(values))
	for i, v := range values {
		prev := last.Values[i]
		units[i] = m.Turned(prev, v)
		if v >= prev {
			continue
		}
		if prev < m.Capacity()-tenth || v >= tenth {
			return nil, &Problem{Register: i, Message: zoned(m, i, fmt.Sprintf(
				"Показание меньше предыдущего (%d от %s). Проверьте, все ли цифры до запятой введены",
				prev, last.TakenOn.Format("02.01.2006")))}
		}
		if !rollover {
			return nil, &Problem{Register: i, Confirm: ConfirmRollover, Message: zoned(m, i, fmt.Sprintf(
				"Показание меньше предыдущего (%d от %s). Если счётчик перешёл через ноль, расход составит %d кВт·ч: подтвердите это отметкой ниже",
				prev, last.TakenOn.Format("02.01.2006"), units[i]))}
		}
	}
	return units, nil
}

// plausible questions a consumption far above the meter's monthly average
// or the cap for the kind of home, over the months since the last reading.
func (r Rules) plausible(in Input, last, cur *kabinet.Reading) *Problem {
	if slices.Contains(in.Confirmed, ConfirmHigh) {
		return nil
	}
	months := int64(max(1, monthsBetween(last.Period, cur.Period)))
	total := cur.TotalConsumption()
	avg, n := average(in.History, last)
	var why string
	switch {
	case r.Caps[in.Housing] > 0 && total > r.Caps[in.Housing]*months:
		why = fmt.Sprintf("больше %d кВт·ч в месяц", r.Caps[in.Housing])
	case n >= r.AverageMonths && total > max(r.Factor*avg, r.Floor)*months:
		why = times(total, avg*months) + " больше обычного: в среднем " + kabinet.FormatInt(avg) + " кВт·ч в месяц"
	default:
		return nil
	}
	return &Problem{Register: -1, Confirm: ConfirmHigh, Message: fmt.Sprintf(
		"Расход %d кВт·ч с %s — %s. Проверьте показание; если оно верно, подтвердите его отметкой ниже",
		total, last.TakenOn.Format("02.01.2006"), why)}
}

// times says how many times more than usual a consumption is, «в 8,3
// раза», to a tenth; «во много раз» when the usual is nothing.
func times(total, usual int64) string {
	if usual <= 0 {
		return "во много раз"
	}
	tenths := (total*10 + usual/2) / usual
	if tenths%10 == 0 {
		n := int(tenths / 10)
		return "в " + kabinet.FormatInt(int64(n)) + " " + plural(n, "раз", "раза", "раз")
	}
	return fmt.Sprintf("в %s,%d раза", kabinet.FormatInt(tenths/10), tenths%10)
}

// average returns the meter's mean monthly consumption over the six
// billing months up to last, and how many months it covers, by the
// billing's own average: real readings spread over the months they
// cover, estimated months left out (billing.Actuals).
func average(history []*kabinet.Reading, last *kabinet.Reading) (int64, int) {
	var reads []billing.Read
	for _, r := range history {
		if r.Source == kabinet.SourceEstimated || r.Status == kabinet.ReadingRejected ||
			r.TakenOn.After(last.TakenOn) || last.Period.Before(r.Period) {
			continue
		}
		reads = append(reads, billing.Read{Period: r.Period, Units: r.Consumption})
	}
	units, n, err := billing.DefaultEstimateRules().Average(last.Period, billing.Actuals(reads))
	if err != nil || n == 0 {
		return 0, 0
	}
	var avg int64
	for _, u := range units {
		avg += u
	}
	return avg, n
}

// monthsBetween returns how many months q is after p.
func monthsBetween(p, q kabinet.Period) int {
	return (q.Year-p.Year)*12 + int(q.Month) - int(p.Month)
}

// zoned prefixes a message with the zone on a zone meter.
func zoned(m *kabinet.Meter, i int, msg string) string {
	if m.Zoning == kabinet.ZoningSingle {
		return msg
	}
	first, size := utf8.DecodeRuneInString(msg)
	return "Зона «" + m.Zoning.ZoneTitle(i) + "»: " + string(unicode.ToLower(first)) + msg[size:]
}

// plural picks the Russian form for n: 1 знак, 2 знака, 5 знаков.
func plural(n int, one, few, many string) string {
	switch n10, n100 := n%10, n%100; {
	case n10 == 1 && n100 != 11:
		return one
	case n10 >= 2 && n10 <= 4 && (n100 < 12 || n100 > 14):
		return few
	}
	return many
}
