package billing

import (
	"testing"

	"kabinet"
)

func TestDueDate(t *testing.T) {
	rules := DefaultDueRules()
	for _, tc := range []struct {
		name   string
		period string
		want   string
	}{
		{"Old", "2019-12", "10.01.2020"},
		{"December2025", "2025-12", "10.01.2026"},
		{"January2026", "2026-01", "10.02.2026"},
		// The law changed on 1 March 2026, but the February bill keeps the 10th.
		{"February2026StillThe10th", "2026-02", "10.03.2026"},
		{"March2026IsThe15th", "2026-03", "15.04.2026"},
		{"April2026", "2026-04", "15.05.2026"},
		{"December2026", "2026-12", "15.01.2027"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := rules.DueDate(per(t, tc.period)).Format("02.01.2006"); got != tc.want {
				t.Errorf("DueDate(%s) = %s, want %s", tc.period, got, tc.want)
			}
		})
	}
	t.Run("NotInclusive", func(t *testing.T) {
		// «до 15-го» read strictly: the 14th is the last on-time day.
		rules := DueRules{{Day: 15}}
		if got := rules.DueDate(per(t, "2026-03")).Format("02.01.2006"); got != "14.04.2026" {
			t.Errorf("DueDate = %s, want 14.04.2026", got)
		}
	})
}

func TestDueRulesValidate(t *testing.T) {
	for _, tc := range []struct {
		name  string
		rules DueRules
		ok    bool
	}{
		{"OK", DefaultDueRules(), true},
		{"ErrEmpty", nil, false},
		{"ErrDay31", DueRules{{Day: 31}}, false},
		{"ErrUnordered", DueRules{{Day: 10, From: per(t, "2026-03")}, {Day: 15, From: per(t, "2026-01")}}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.rules.Validate()
			if (err == nil) != tc.ok || err != nil && kabinet.ErrorCode(err) != kabinet.EINVALID {
				t.Errorf("Validate = %v, want ok=%v", err, tc.ok)
			}
		})
	}
}
