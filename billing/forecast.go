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
	// Each debt's due day is worked out once, and the rate (that of a
	// payment today, the same for every debt) only when a debt accrues:
	// a debt of many months must not cost more a month than it has to
	// (issue 17: «Главная» of five years of history against one).
	dues := make([]day, len(debts))
	by := day(-1)
	for i, db := range debts {
		dues[i] = dayOf(db.Due)
		if free := r.lastFree(dues[i]); db.Principal > 0 && (by < 0 || free < by) {
			by = free
		}
	}
	if by < 0 {
		return Forecast{}, nil
	}
	by = max(by, now)
	f := Forecast{By: by.time()}
	var s sum
	var rate Rate
	rated := false
	for i, db := range debts {
		if db.Principal <= 0 || r.lastFree(dues[i]) > by {
			continue
		}
		f.Pay += db.Principal
		if f.Due.IsZero() || db.Due.Before(f.Due) {
			f.Due = db.Due
		}
		w := r.weight(dues[i], now, now)
		if w == 0 {
			continue
		}
		if !rated {
			var err error
			if rate, err = r.RateOn(today); err != nil {
				return Forecast{}, err
			}
			rated = true
		}
		s.add(db.Principal, rate, w)
	}
	f.PerDay, f.Overdue = s.money(), dayOf(f.Due) < now
	return f, nil
}

// lastFree is the last day a debt due on due can be paid without penalty: day 30
// after the due date, or day 31 when the payment day itself is not counted.
func (r PenaltyRules) lastFree(due day) day {
	if r.IncludePaymentDay {
		return due + firstPenaltyDay - 1
	}
	return due + firstPenaltyDay
}
