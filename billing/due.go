package billing

import (
	"context"
	"time"

	"kabinet"
)

// DueRule says when a period's bill must be paid: by day Day of the month
// after the period, for billing periods from From on.
type DueRule struct {
	// From is the first billing period the rule applies to; the first rule
	// of a set also covers every earlier period.
	From kabinet.Period
	Day  int
	// Inclusive is DOMAIN's due_day_inclusive: «до 10-го числа» read as the
	// 10th still being on time (true), or as the 9th being the last day.
	Inclusive bool
	Basis     string // the law, for operators
}

// DueRules is a set of due-date rules ordered by From.
type DueRules []DueRule

// DefaultDueRules returns the rules of ЖК РФ ст. 155 ч. 1 (DOMAIN §3.2): the
// 10th of the next month, and from 1 March 2026 the 15th. The change keys on
// the billing period: the February 2026 bill is still due on 10 March 2026
// (⚠️ one secondary source), the March 2026 bill on 15 April 2026. Day N is
// read as the last on-time day (❓ calculators and courts differ).
func DefaultDueRules() DueRules {
	return DueRules{
		{Day: 10, Inclusive: true, Basis: "ЖК РФ ст. 155 ч. 1: до 10-го числа месяца, следующего за истекшим"},
		{From: kabinet.Period{Year: 2026, Month: time.March}, Day: 15, Inclusive: true,
			Basis: "ЖК РФ ст. 155 ч. 1 в редакции с 01.03.2026: до 15-го числа"},
	}
}

// DueDate returns the last on-time day for period p's bill. A penalty can be
// charged only from the 31st day after it (see PenaltyRules).
func (rs DueRules) DueDate(p kabinet.Period) time.Time {
	r := rs.rule(p)
	day := r.Day
	if !r.Inclusive {
		day--
	}
	return p.Add(1).Start(time.UTC).AddDate(0, 0, day-1)
}

func (rs DueRules) rule(p kabinet.Period) DueRule {
	r := rs[0]
	for _, next := range rs[1:] {
		if p.Before(next.From) {
			break
		}
		r = next
	}
	return r
}

// Validate checks that the rules are ordered and their days exist in every
// month.
func (rs DueRules) Validate() error {
	if len(rs) == 0 {
		return kabinet.Errorf(kabinet.EINVALID, "Не заданы сроки оплаты")
	}
	for i, r := range rs {
		if r.Day < 1 || r.Day > 28 {
			return kabinet.Errorf(kabinet.EINVALID, "Срок оплаты %d-го числа: допустимы числа с 1 по 28", r.Day)
		}
		if i > 0 && !rs[i-1].From.Before(r.From) {
			return kabinet.Errorf(kabinet.EINVALID, "Правила сроков оплаты не упорядочены по периоду")
		}
	}
	return nil
}

// DueDater tells the last on-time day of a period's bill: DueRules by the
// law, Due by what a sub-account's bills printed.
type DueDater interface {
	DueDate(p kabinet.Period) time.Time
}

// Due is one sub-account's due dates: the date its bill for a period
// printed, when the supplier's billing sent the bill (Printed), and the
// rules for every other period.
type Due struct {
	Rules   DueRules
	Printed map[kabinet.Period]time.Time
}

// DueDate returns the printed due date of p's bill, or the rules' date.
func (d Due) DueDate(p kabinet.Period) time.Time {
	if t, ok := d.Printed[p]; ok {
		return t
	}
	return d.Rules.DueDate(p)
}

// DueSource is the one source of due dates for «Главная», the penalty
// forecast and the reminders, so they name the same day as the bill:
// what an imported bill printed, else the rules.
type DueSource struct {
	Rules DueRules
	// Printed finds the due dates the sub-accounts' imported bills
	// printed, by sub-account and period; nil reads the rules alone.
	Printed func(ctx context.Context, subAccountIDs []int64) (map[int64]map[kabinet.Period]time.Time, error)
}

// NewDueSource returns the source of the rules of DefaultDueRules and the
// printed dates printed finds (nil: none).
func NewDueSource(printed func(context.Context, []int64) (map[int64]map[kabinet.Period]time.Time, error)) *DueSource {
	return &DueSource{Rules: DefaultDueRules(), Printed: printed}
}

// For returns the due dates of each of the sub-accounts.
func (s *DueSource) For(ctx context.Context, subAccountIDs []int64) (map[int64]Due, error) {
	var printed map[int64]map[kabinet.Period]time.Time
	if s.Printed != nil && len(subAccountIDs) > 0 {
		var err error
		if printed, err = s.Printed(ctx, subAccountIDs); err != nil {
			return nil, err
		}
	}
	return s.of(printed, subAccountIDs), nil
}

// Of is For from the printed dates read already, with the sub-accounts'
// (a page that reads them with its other data): they count only where
// the source reads printed dates at all.
func (s *DueSource) Of(printed map[int64]map[kabinet.Period]time.Time, subAccountIDs []int64) map[int64]Due {
	if s.Printed == nil {
		printed = nil
	}
	return s.of(printed, subAccountIDs)
}

func (s *DueSource) of(printed map[int64]map[kabinet.Period]time.Time, subAccountIDs []int64) map[int64]Due {
	out := make(map[int64]Due, len(subAccountIDs))
	for _, id := range subAccountIDs {
		out[id] = Due{Rules: s.Rules, Printed: printed[id]}
	}
	return out
}

// noDue dates nothing: for Outstanding, which needs no due dates.
type noDue struct{}

// DueDate returns the zero time.
func (noDue) DueDate(kabinet.Period) time.Time { return time.Time{} }
