package exchange

import "testing"

// TestCanonicalFastPaths: values already in canonical form are taken as
// they are, others are rewritten or refused as before.
func TestCanonicalFastPaths(t *testing.T) {
	for _, tc := range []struct {
		t        FieldType
		in, want string // want "" refuses
	}{
		{Money, "0.00", "0.00"}, {Money, "-0.00", "0.00"}, {Money, "12.5", "12.50"}, {Money, "012.50", "12.50"},
		{Money, "-3.10", "-3.10"}, {Money, "1 234,50", "1234.50"}, {Money, "1.234", ""}, {Tariff, "2.0500", "2.0500"},
		{Tariff, "2.05", "2.0500"}, {Date, "2026-02-29", ""}, {Date, "2024-02-29", "2024-02-29"}, {Date, "2026-13-01", ""},
		{Date, "27.11.2026", "2026-11-27"}, {Date, "2026-11-31", ""}, {Period, "2026-11", "2026-11"}, {Period, "2026-00", ""},
		{Period, "11.2026", "2026-11"}, {Int, "007", "007"}, {Int, "-5", "-5"}, {Int, "12345678901234567890", ""},
		{Bool, "true", "true"}, {Bool, "да", "true"},
	} {
		got, reason := canonical(Field{Type: tc.t}, tc.in)
		if got != tc.want || (reason == "") != (tc.want != "") {
			t.Errorf("%s %q: %q %q, want %q", tc.t, tc.in, got, reason, tc.want)
		}
		if d, ok := fastDate(tc.in); tc.t == Date && ok && d.Format("2006-01-02") != tc.want {
			t.Errorf("fastDate(%q) = %s", tc.in, d)
		}
	}
}
