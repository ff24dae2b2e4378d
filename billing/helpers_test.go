package billing

import (
	"testing"
	"time"

	"kabinet"
)

// d parses a date written the Russian way, "25.04.2026".
func d(tb testing.TB, s string) time.Time {
	tb.Helper()
	t, err := time.Parse("02.01.2006", s)
	if err != nil {
		tb.Fatal(err)
	}
	return t
}

// per parses a period "2026-02".
func per(tb testing.TB, s string) kabinet.Period {
	tb.Helper()
	p, err := kabinet.ParsePeriod(s)
	if err != nil {
		tb.Fatal(err)
	}
	return p
}

// rub makes Money from rubles and kopecks written as one number of kopecks,
// for readable expectations: rub(572_91) is 572,91 ₽.
func rub(kopecks int64) kabinet.Money { return kabinet.Money(kopecks) }
