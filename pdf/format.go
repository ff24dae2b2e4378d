package pdf

import (
	"strconv"
	"strings"
	"time"

	"kabinet"
)

// date formats a calendar date the Russian way, 10.02.2026, in the
// location the time carries (the supplier's).
func date(t time.Time) string { return t.Format("02.01.2006") }

// tariff formats a price per unit given in hundredths of a kopeck with as
// many decimals as it has, at least two: 2,05; 1,246; 45,67.
func tariff(k int64) string {
	s := kabinet.Money(k / 100).Plain()
	if frac := k % 100; frac != 0 {
		s += strings.TrimRight(twoDigits(frac), "0")
	}
	return s
}

// quantity formats a line's consumption. Areas (м²) are kept in hundredths,
// as kabinet.Area is; other units are whole.
func quantity(l kabinet.BillLine) string {
	if isArea(l.Unit) {
		return strings.TrimSuffix(kabinet.Area(l.Consumption).String(), "\u00a0м²")
	}
	return reading(l.Consumption)
}

func isArea(unit string) bool { return unit == "м²" || unit == "кв. м" }

// reading formats a meter reading or a whole quantity with grouped
// thousands: 15 466.
func reading(n int64) string {
	s := kabinet.Money(n * 100).Plain()
	return strings.TrimSuffix(s, ",00")
}

// readings returns a line's previous and current readings, or blanks for
// a line without them (charged by area, by estimate or by norm).
func readings(l kabinet.BillLine) (string, string) {
	if l.Previous == 0 && l.Current == 0 {
		return "", ""
	}
	return reading(l.Previous), reading(l.Current)
}

// serviceTitle names a line: the service and, on a zone meter, the zone.
func serviceTitle(l kabinet.BillLine, threeZone bool) string {
	if z := zoneTitle(l.Zone, threeZone); z != "" {
		return l.Service.Title() + ", " + z
	}
	return l.Service.Title()
}

// zoneTitle names a meter register as a bill prints it. The engine writes
// kabinet.Zone codes, in which T1 is the day of a two-zone meter but the
// peak of a three-zone one, so the caller says which meter it is. Other
// values are printed as they are.
func zoneTitle(zone string, threeZone bool) string {
	switch kabinet.Zone(zone) {
	case kabinet.ZoneTotal:
		return ""
	case kabinet.ZoneDay:
		if threeZone {
			return "пик"
		}
		return "день"
	case kabinet.ZoneNight:
		return "ночь"
	case kabinet.ZoneHalfPeak:
		return "полупик"
	}
	return zone
}

// threeZone reports whether bp's lines come from a three-zone meter: only
// those have a half-peak register.
func threeZone(bp *kabinet.BillProvider) bool {
	for _, l := range bp.Lines {
		if kabinet.Zone(l.Zone) == kabinet.ZoneHalfPeak {
			return true
		}
	}
	return false
}

func twoDigits(n int64) string {
	if n < 10 {
		return "0" + strconv.FormatInt(n, 10)
	}
	return strconv.FormatInt(n, 10)
}

// rub formats an amount with the ruble sign for prose: 5 660,24 ₽.
func rub(m kabinet.Money) string { return m.String() }
