package billing

import (
	"time"

	"kabinet"
)

// day is a calendar date as a count of days since 1970-01-01, so that the
// rules can count days of delay without thinking about time zones or
// daylight saving.
type day int64

const secondsPerDay = 24 * 60 * 60

// dayOf returns the calendar date of t in t's own location. It counts the
// days itself rather than build midnight with time.Date: the rules count a
// few days per debt and moratorium, and a forecast of many months' debts
// spent most of its time there (issue 17).
func dayOf(t time.Time) day {
	y, m, d := t.Date()
	return civilDay(y, int(m), d)
}

// civilDay is the count of days from 1970-01-01 to the proleptic Gregorian
// date y-m-d (H. Hinnant's days_from_civil: years start in March, so the
// leap day ends one).
func civilDay(y, m, d int) day {
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era--
	}
	yoe := y - era*400
	doy := (153*((m+9)%12)+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return day(era*146097 + doe - 719468)
}

// time returns the date as midnight UTC.
func (d day) time() time.Time { return time.Unix(int64(d)*secondsPerDay, 0).UTC() }

// date returns midnight UTC of a calendar date, for data tables.
func date(y int, m time.Month, d int) time.Time { return kabinet.Date(y, m, d) }

// within reports whether date t falls in [from, to); a zero from or to is
// open on that side.
func within(t, from, to time.Time) bool {
	d := dayOf(t)
	return (from.IsZero() || d >= dayOf(from)) && (to.IsZero() || d < dayOf(to))
}

// overlap counts the days of [a1, a2] (inclusive) that fall in [b1, b2).
func overlap(a1, a2, b1, b2 day) int64 {
	lo, hi := max(a1, b1), min(a2+1, b2)
	if hi <= lo {
		return 0
	}
	return int64(hi - lo)
}
