package billing

import (
	"time"

	"kabinet"
)

// Forecast is what the cabinet says about paying today: «оплатите Pay до
// Due», the due date the bill printed; once that has passed, «оплатите Pay
// до By, чтобы не начислялись пени»; and, when some are already accruing,
// «пени начисляются по PerDay в день». Due comes from the same DueRules the
// bill, the reminders and the penalties read, so they name the same day.
type Forecast struct {
	// Pay is the principal to pay by By: the debts whose last penalty-free
	// payment day is By or earlier.
	Pay kabinet.Money
	// Due is the earliest due date of the debts in Pay (DueRules.DueDate
	// of their periods): the bill's «Оплатить до».
	Due time.Time
	// Overdue: today is after Due, so paying now is late, if still free of
	// penalties until By.
	Overdue bool
	// By is the last day on which paying Pay avoids any new penalty: the
	// earliest last penalty-free day of the debts, or today when a debt is
	// already past it. Zero when nothing is owed.
	By time.Time
	// PerDay is the penalty that accrues for today on the debts already past
	// their penalty-free days, rounded half up.
	PerDay kabinet.Money
}

// Forecast returns the forecast for debts as they stand today, after
// payments (Allocation.Outstanding).
func (r PenaltyRules) Forecast(debts []Debt, today time.Time) (Forecast, error) {
	now := dayOf(today)
	by := day(-1)
	for _, db := range debts {
		if db.Principal > 0 && (by < 0 || r.lastFreeDay(db) < by) {
			by = r.lastFreeDay(db)
		}
	}
	if by < 0 {
		return Forecast{}, nil
	}
	by = max(by, now)
	f := Forecast{By: by.time()}
	var s sum
	for _, db := range debts {
		if db.Principal <= 0 || r.lastFreeDay(db) > by {
			continue
		}
		f.Pay += db.Principal
		if f.Due.IsZero() || db.Due.Before(f.Due) {
			f.Due = db.Due
		}
		if err := r.addDays(&s, db.Principal, dayOf(db.Due), now, now, today); err != nil {
			return Forecast{}, err
		}
	}
	f.PerDay, f.Overdue = s.money(), dayOf(f.Due) < now
	return f, nil
}

// lastFreeDay is the last day a debt can be paid without penalty: day 30
// after the due date, or day 31 when the payment day itself is not counted.
func (r PenaltyRules) lastFreeDay(db Debt) day {
	if r.IncludePaymentDay {
		return dayOf(db.Due) + firstPenaltyDay - 1
	}
	return dayOf(db.Due) + firstPenaltyDay
}
