package billing

import (
	"sort"
	"strconv"
	"strings"
	"time"

	"kabinet"
)

// Rate is an annual rate in hundredths of a percent: 9,5 % is 950.
type Rate int64

// String formats the rate as "9,5 %" or "16 %".
func (r Rate) String() string {
	s := strconv.FormatInt(int64(r)/100, 10)
	if f := int64(r) % 100; f != 0 {
		s += "," + strings.TrimRight(strconv.FormatInt(100+f, 10)[1:], "0")
	}
	return s + "\u00a0%"
}

// RateMode is how a penalty rate rule picks the rate.
type RateMode int

// Rate modes of DOMAIN §3.3.
const (
	// RateKey is the law's default: the key rate on the day of payment.
	RateKey RateMode = iota + 1
	// RateFixed is a fixed rate set by the government.
	RateFixed
	// RateMinFixedKey is the lower of the fixed rate and the key rate on the
	// day of payment.
	RateMinFixedKey
)

// RateRule says which rate penalties use when the payment (or the "as of"
// date of an open debt) falls in [From, To). The rate applies to the whole
// delay, not day by day (DOMAIN §3.3).
type RateRule struct {
	From, To time.Time
	Mode     RateMode
	Fixed    Rate
	Basis    string
}

// KeyRate is the Bank of Russia key rate in force from a date until the next
// entry.
type KeyRate struct {
	From time.Time
	Rate Rate
	// Checked says the value was confirmed against a source; unchecked values
	// are from memory and must be checked against cbr.ru before production.
	Checked bool
}

// Moratorium is an interval [From, To) of days on which no penalty accrues.
// When DueBefore is set, it covers only debts whose due date is before it.
type Moratorium struct {
	From, To  time.Time
	DueBefore time.Time
	Basis     string
}

// applies reports whether the moratorium covers a debt with this due date.
func (m Moratorium) applies(due day) bool { return m.DueBefore.IsZero() || due < dayOf(m.DueBefore) }

// PenaltyRules are the data penalties are computed from.
type PenaltyRules struct {
	Rates     []RateRule
	KeyRates  []KeyRate // ordered by From
	Moratoria []Moratorium
	// IncludePaymentDay counts the day of payment as a day of delay
	// (DOMAIN §3.4, default true).
	IncludePaymentDay bool
}

// RateOn returns the penalty rate for a payment on date d.
func (r PenaltyRules) RateOn(d time.Time) (Rate, error) {
	for _, rule := range r.Rates {
		if !within(d, rule.From, rule.To) {
			continue
		}
		switch rule.Mode {
		case RateFixed:
			return rule.Fixed, nil
		case RateMinFixedKey:
			key, err := r.keyRate(d)
			return min(key, rule.Fixed), err
		}
		return r.keyRate(d)
	}
	return 0, kabinet.Errorf(kabinet.ENOTFOUND, "Нет правила ставки пени на %s", d.Format("02.01.2006"))
}

// keyRate returns the key rate in force on d: the last change on or before
// it, which stays in force until the next one.
func (r PenaltyRules) keyRate(d time.Time) (Rate, error) {
	i := sort.Search(len(r.KeyRates), func(i int) bool { return dayOf(r.KeyRates[i].From) > dayOf(d) })
	if i == 0 {
		return 0, kabinet.Errorf(kabinet.ENOTFOUND, "Нет ключевой ставки на %s", d.Format("02.01.2006"))
	}
	return r.KeyRates[i-1].Rate, nil
}
