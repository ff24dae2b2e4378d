package billing

import (
	"testing"
	"time"

	"kabinet"
)

func TestReadingWindowPeriod(t *testing.T) {
	irk, err := time.LoadLocation("Asia/Irkutsk")
	if err != nil {
		t.Fatal(err)
	}
	w, err := DefaultReadingWindows().Find(time.Date(2026, 11, 25, 0, 0, 0, 0, irk))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		at   time.Time
		want string
	}{
		{"FirstOfMonth", time.Date(2026, 11, 1, 0, 0, 0, 0, irk), "2026-11"},
		{"LastSecondOfThe25th", time.Date(2026, 11, 25, 23, 59, 59, 0, irk), "2026-11"},
		{"FirstSecondOfThe26th", time.Date(2026, 11, 26, 0, 0, 0, 0, irk), "2026-12"},
		{"AfterThe25thInDecember", time.Date(2026, 12, 31, 12, 0, 0, 0, irk), "2027-01"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := w.Period(c.at).String(); got != c.want {
				t.Errorf("Period(%s) = %s, want %s", c.at, got, c.want)
			}
		})
	}
	if got := w.Deadline(kabinet.Period{Year: 2026, Month: time.February}); got.Day() != 25 {
		t.Errorf("Deadline = %s", got)
	}
}

func TestReadingWindowsFindByValidity(t *testing.T) {
	ws := ReadingWindows{
		{To: date(2027, time.January, 1), CloseDay: 25},
		{From: date(2027, time.January, 1), CloseDay: 23},
	}
	w, err := ws.Find(date(2027, time.January, 24))
	if err != nil || w.CloseDay != 23 {
		t.Fatalf("Find = %+v, %v; want the 2027 window", w, err)
	}
	if !w.Late(date(2027, time.January, 24)) {
		t.Error("the 24th is late in a window closing on the 23rd")
	}
	if _, err := (ReadingWindows{{From: date(2030, time.January, 1)}}).Find(date(2026, time.May, 1)); kabinet.ErrorCode(err) != kabinet.ENOTFOUND {
		t.Errorf("no window: err = %v", err)
	}
}
