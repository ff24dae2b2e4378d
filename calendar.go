package kabinet

import "time"

// Calendar is the supplier's calendar: the application's clock and the
// supplier's time zone, given once when the program starts and shared by
// every service. A reading's day, a posting's day, a due date and the
// billing month are all days of this calendar, whatever zone the server
// runs in.
//
// A calendar date is kept as midnight UTC of that local date, the way the
// store keeps every date; Today and DateOf are the one place that turns an
// instant into one.
type Calendar struct {
	// Location is the supplier's time zone; nil is UTC.
	Location *time.Location
	// Clock is the application's clock; nil is the real one. Tests and
	// `kabinet --now` give a clock that starts at a fixed instant.
	Clock func() time.Time
}

// NewCalendar returns the calendar of the supplier in loc on the real
// clock.
func NewCalendar(loc *time.Location) Calendar { return Calendar{Location: loc} }

// Now returns the current instant by the application's clock.
func (c Calendar) Now() time.Time {
	if c.Clock == nil {
		return time.Now()
	}
	return c.Clock()
}

// Zone returns the supplier's time zone.
func (c Calendar) Zone() *time.Location {
	if c.Location == nil {
		return time.UTC
	}
	return c.Location
}

// Local returns t as the supplier's wall clock shows it.
func (c Calendar) Local(t time.Time) time.Time { return t.In(c.Zone()) }

// Today returns the supplier's current date.
func (c Calendar) Today() time.Time { return c.DateOf(c.Now()) }

// DateOf returns the supplier's date at instant t.
func (c Calendar) DateOf(t time.Time) time.Time { return DateOf(c.Local(t)) }

// Period returns the billing month the supplier is in now.
func (c Calendar) Period() Period { return PeriodOf(c.Local(c.Now())) }

// Date returns a calendar date the way the store keeps it: midnight UTC.
func Date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// DateOf returns the date of t in t's own location, kept as midnight UTC.
func DateOf(t time.Time) time.Time {
	y, m, d := t.Date()
	return Date(y, m, d)
}

// ClockAt returns a clock that reads at when it is made and runs on from
// there with the real one: a whole program under test lives on a fixed
// day, yet its sessions and codes still see time pass.
func ClockAt(at time.Time) func() time.Time {
	began := time.Now()
	return func() time.Time { return at.Add(time.Since(began)) }
}
