// Package remind sends the reminders of BEY-2 as a scheduled job: the
// readings window, the bill, a debt past its due date, penalties about
// to start, meter verification, autopay. The rules read facts the store
// gathers range by range of account IDs, so a scan of a million accounts
// holds one range in memory; each reminder goes once per account, rule
// and period, through the one informer.
package remind

import (
	"time"

	"kabinet"
	"kabinet/billing"
)

// Rules.
const (
	RuleReadingsOpen    = "readings_open"
	RuleReadingsAgain   = "readings_again"
	RuleBillReady       = "bill_ready"
	RuleDebtOverdue     = "debt_overdue"
	RulePenaltySoon     = "penalty_soon"
	RuleVerificationDue = "verification_due"
	RuleAutopayTomorrow = "autopay_tomorrow"
)

// Schedule is when the rules speak, as data.
type Schedule struct {
	// The readings window: open from Open, again on Again if no reading
	// is in, until Close (days of the month, inclusive).
	Open, Again, Close int
	// PenaltyWarning is how many days before penalties start to warn.
	PenaltyWarning int
	// VerificationWarning is how many days before a meter's verification
	// date to remind.
	VerificationWarning int
}

// DefaultSchedule: the window of 15–25 (DOMAIN §2.1), penalties three
// days ahead, verification 60 days ahead.
func DefaultSchedule() Schedule {
	return Schedule{Open: 15, Again: 23, Close: 25, PenaltyWarning: 3, VerificationWarning: 60}
}

// Hit is one reminder due for an account.
type Hit struct {
	Rule   string
	Period string // the key's period: a month or a date
	Data   Data
}

// Judge applies the rules.
type Judge struct {
	Schedule  Schedule
	Due       billing.DueRules
	Penalties billing.PenaltyRules
}

// Hits returns the reminders due for an account on date today (a
// calendar date at UTC midnight, as the billing package counts days).
func (j *Judge) Hits(f *kabinet.ReminderFacts, today time.Time) ([]Hit, error) {
	p := kabinet.PeriodOf(today)
	var hs []Hit
	c, day := j.Schedule, today.Day()
	until := Data{Period: p.Title(), Until: itoa(c.Close)}
	if f.Meters > 0 && !f.Read && day >= c.Open && day <= c.Close {
		hs = append(hs, Hit{Rule: RuleReadingsOpen, Period: p.String(), Data: until})
		if day >= c.Again {
			hs = append(hs, Hit{Rule: RuleReadingsAgain, Period: p.String(), Data: until})
		}
	}
	if !f.LastBill.Before(p.Add(-1)) {
		hs = append(hs, Hit{Rule: RuleBillReady, Period: f.LastBill.String(), Data: Data{Period: f.LastBill.Title()}})
	}
	if v := f.NextVerification; !v.IsZero() && !v.Before(today) && v.Before(today.AddDate(0, 0, c.VerificationWarning+1)) {
		hs = append(hs, Hit{Rule: RuleVerificationDue, Period: v.Format(time.DateOnly), Data: Data{Date: v.Format("02.01.2006")}})
	}
	money, err := j.moneyHits(f, today)
	return append(hs, money...), err
}

// moneyHits reads the ledger as the month close does: a debt past its
// due date, and penalties that start within the warning.
func (j *Judge) moneyHits(f *kabinet.ReminderFacts, today time.Time) ([]Hit, error) {
	var overdue, soon kabinet.Money
	var by time.Time
	for _, entries := range f.Ledger {
		debts, pays := billing.FromLedger(entries, j.Due)
		alloc, err := billing.Allocate(debts, pays)
		if err != nil {
			return nil, err
		}
		for _, d := range alloc.Outstanding {
			if d.Principal > 0 && d.Due.Before(today) {
				overdue += d.Principal
			}
		}
		fc, err := j.Penalties.Forecast(alloc.Outstanding, today)
		if err != nil {
			return nil, err
		}
		if fc.Pay > 0 && fc.PerDay == 0 && fc.By.Before(today.AddDate(0, 0, j.Schedule.PenaltyWarning+1)) {
			soon += fc.Pay
			if by.IsZero() || fc.By.Before(by) {
				by = fc.By
			}
		}
	}
	var hs []Hit
	if overdue > 0 {
		hs = append(hs, Hit{Rule: RuleDebtOverdue, Period: kabinet.PeriodOf(today).String(), Data: Data{Amount: overdue.String()}})
	}
	if soon > 0 {
		hs = append(hs, Hit{Rule: RulePenaltySoon, Period: by.Format(time.DateOnly),
			Data: Data{Amount: soon.String(), Date: by.Format("02.01.2006")}})
	}
	return hs, nil
}

func itoa(n int) string { return kabinet.FormatInt(int64(n)) }
