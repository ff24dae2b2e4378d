package billing

import (
	"time"

	"kabinet"
)

// Forecast is what the cabinet says about penalties today: «оплатите Pay до
// By, чтобы не начислялись пени», and, when some are already accruing,
// «пени начисляются по PerDay в день».
type Forecast struct {
	// Pay is the principal to pay by By: the debts whose last penalty-free
	// payment day is By or earlier.
	Pay kabinet.Money
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
		if err := r.addDays(&s, db.Principal, dayOf(db.Due), now, now, today); err != nil {
			return Forecast{}, err
		}
	}
	f.PerDay = s.money()
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
