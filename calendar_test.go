package kabinet_test

import (
	"testing"
	"time"

	"kabinet"
)

func TestCalendar(t *testing.T) {
	irkutsk, err := time.LoadLocation("Asia/Irkutsk")
	if err != nil {
		t.Fatal(err)
	}
	// 23:30 UTC on 30 November is 07:30 on 1 December in Irkutsk (UTC+8).
	at := time.Date(2026, 11, 30, 23, 30, 0, 0, time.UTC)
	cal := kabinet.Calendar{Location: irkutsk, Clock: func() time.Time { return at }}
	t.Run("TodayIsTheSuppliersDay", func(t *testing.T) {
		if got, want := cal.Today(), kabinet.Date(2026, 12, 1); !got.Equal(want) || got.Location() != time.UTC {
			t.Errorf("Today = %v, want %v", got, want)
		}
	})
	t.Run("PeriodIsTheSuppliersMonth", func(t *testing.T) {
		if got := cal.Period(); got != (kabinet.Period{Year: 2026, Month: time.December}) {
			t.Errorf("Period = %v, want 2026-12", got)
		}
	})
	t.Run("NilZoneIsUTC", func(t *testing.T) {
		utc := kabinet.Calendar{Clock: cal.Clock}
		if got, want := utc.Today(), kabinet.Date(2026, 11, 30); !got.Equal(want) {
			t.Errorf("Today = %v, want %v", got, want)
		}
	})
	t.Run("ClockAtStartsThere", func(t *testing.T) {
		now := kabinet.ClockAt(at)()
		if d := now.Sub(at); d < 0 || d > time.Minute {
			t.Errorf("ClockAt(%v)() = %v", at, now)
		}
	})
}

func TestPeriodMonthsTo(t *testing.T) {
	p := kabinet.Period{Year: 2025, Month: time.November}
	for _, c := range []struct {
		q    kabinet.Period
		want int
	}{{p, 0}, {kabinet.Period{Year: 2026, Month: time.February}, 3}, {kabinet.Period{Year: 2025, Month: time.October}, -1}} {
		if got := p.MonthsTo(c.q); got != c.want {
			t.Errorf("%v.MonthsTo(%v) = %d, want %d", p, c.q, got, c.want)
		}
	}
}
