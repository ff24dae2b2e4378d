package sqlstore

import (
	"slices"
	"testing"

	"kabinet"
)

// parseKeptUsage reads a month with both figures as two usages, a month
// with one as one, negative charges (a recalculation) included, and
// refuses a month it cannot read.
func TestParseKeptUsage(t *testing.T) {
	var us []kabinet.Usage
	if err := parseKeptUsage("electricity 202611 240 48675;heat 202611  -1200;electricity 202612 17 ", &us); err != nil {
		t.Fatal(err)
	}
	nov, dec := kabinet.PeriodFromInt(202611), kabinet.PeriodFromInt(202612)
	want := []kabinet.Usage{
		{Service: kabinet.ServiceElectricity, Period: nov, Metered: true, Units: 240},
		{Service: kabinet.ServiceElectricity, Period: nov, Charged: 48675},
		{Service: kabinet.ServiceHeat, Period: nov, Charged: -1200},
		{Service: kabinet.ServiceElectricity, Period: dec, Metered: true, Units: 17},
	}
	if !slices.Equal(us, want) {
		t.Errorf("parsed %+v, want %+v", us, want)
	}
	for _, bad := range []string{"electricity 202611", "electricity x 1 2", "electricity 202611 1.5 ", "electricity 202611 1 2;"} {
		if err := parseKeptUsage(bad, new([]kabinet.Usage)); err == nil {
			t.Errorf("%q parsed", bad)
		}
	}
	if err := parseKeptUsage("", &us); err != nil || len(us) != len(want) {
		t.Errorf("an account without months: %v, %d usages", err, len(us))
	}
}
