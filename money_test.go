package kabinet

import "testing"

// The formatters write every amount and figure of the pages; they append
// to a buffer since issue 17, and write what they wrote before.
func TestFormatting(t *testing.T) {
	for _, c := range []struct {
		got, want string
	}{
		{Money(0).String(), "0,00\u00a0₽"},
		{Money(5).Plain(), "0,05"},
		{Money(99).Plain(), "0,99"},
		{Money(123456).String(), "1\u00a0234,56\u00a0₽"},
		{Money(-123456).Plain(), "−1\u00a0234,56"},
		{Money(10000000000).Plain(), "100\u00a0000\u00a0000,00"},
		{FormatInt(0), "0"},
		{FormatInt(999), "999"},
		{FormatInt(1000), "1\u00a0000"},
		{FormatInt(-1234567), "−1\u00a0234\u00a0567"},
		{FormatInt(-9223372036854775808), "−9\u00a0223\u00a0372\u00a0036\u00a0854\u00a0775\u00a0808"},
		{Area(5430).String(), "54,3\u00a0м²"},
		{Area(123400).String(), "1\u00a0234\u00a0м²"},
		{Period{Year: 2026, Month: 9}.Title(), "сентябрь 2026"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}
