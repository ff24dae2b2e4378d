package readings

import (
	"testing"
	"time"

	"kabinet"
)

func TestPreview(t *testing.T) {
	s := New(nil, kabinet.Calendar{Location: irkutsk})
	city := &kabinet.Account{Settlement: kabinet.SettlementCity, Housing: kabinet.HousingFlat}
	two := meter(kabinet.ZoningTwo, 6)
	at := func(p kabinet.Period, values ...int64) *kabinet.Reading {
		return &kabinet.Reading{Period: p, Values: values, Source: kabinet.SourcePortal, Status: kabinet.ReadingAccepted}
	}
	oct25, nov25 := kabinet.Period{Year: 2025, Month: 10}, kabinet.Period{Year: 2025, Month: 11}
	for _, c := range []struct {
		name     string
		m        *kabinet.Meter
		r        *kabinet.Reading
		history  []*kabinet.Reading
		ok       bool
		amount   kabinet.Money
		tier     int
		tierLeft int64
	}{
		// DOMAIN §2.4's worked example: day 215, night 112 → 572,91 ₽.
		{name: "WorkedExampleTwoZones", m: two, r: at(nov25, 12560, 5790), history: []*kabinet.Reading{at(oct25, 12345, 5678)},
			ok: true, amount: 57291, tier: 1},
		{name: "SameMonthReadingIsNotTheBase", m: two, r: at(nov25, 12560, 5790),
			history: []*kabinet.Reading{at(nov25, 12500, 5700), at(oct25, 12345, 5678)}, ok: true, amount: 57291, tier: 1},
		{name: "NearTheNextTier", m: meter(kabinet.ZoningSingle, 6), r: at(nov25, 3600), history: []*kabinet.Reading{at(oct25, 0)},
			ok: true, amount: 640800, tier: 1, tierLeft: 300},
		{name: "InTheSecondTier", m: meter(kabinet.ZoningSingle, 6), r: at(nov25, 4000), history: []*kabinet.Reading{at(oct25, 0)},
			ok: true, amount: 694200 + 33100, tier: 2},
		{name: "NothingToCompareWith", m: two, r: at(nov25, 12560, 5790)},
		{name: "NoTariffForTheMonth", m: two, r: at(kabinet.Period{Year: 2020, Month: 1}, 2, 2),
			history: []*kabinet.Reading{at(kabinet.Period{Year: 2019, Month: 12}, 1, 1)}},
	} {
		t.Run(c.name, func(t *testing.T) {
			p, ok := s.Preview(city, c.m, c.r, c.history)
			if ok != c.ok || p.Amount != c.amount || (ok && (p.Tier != c.tier || p.TierLeft != c.tierLeft || !p.Demo)) {
				t.Errorf("Preview = %+v, %v; want amount %d, tier %d, left %d", p, ok, c.amount, c.tier, c.tierLeft)
			}
		})
	}
}

func TestVerification(t *testing.T) {
	r := DefaultRules()
	today := time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		name string
		next time.Time
		want Verification
	}{
		{"Valid", today.AddDate(1, 0, 0), VerificationValid},
		{"DueIn60Days", today.AddDate(0, 0, 59), VerificationDueSoon},
		{"DueIn61Days", today.AddDate(0, 0, 61), VerificationValid},
		{"DueToday", today, VerificationOverdue},
		{"Overdue", today.AddDate(-1, 0, 0), VerificationOverdue},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := r.Verification(&kabinet.Meter{NextVerifiedOn: c.next}, today); got != c.want {
				t.Errorf("got %d, want %d", got, c.want)
			}
		})
	}
}
