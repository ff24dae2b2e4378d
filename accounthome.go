package kabinet

import "time"

// AccountHome is what the store reads of an account for «Главная», in one
// round trip where the engine allows (issue 17).
type AccountHome struct {
	// Balances are the sub-accounts with their providers and kept
	// balances, in provider order.
	Balances []*SubBalance
	// DueDates are the due dates the sub-accounts' imported bills printed,
	// by sub-account and period.
	DueDates map[int64]map[Period]time.Time
	// Bills are the periods of the newest bills, newest first.
	Bills []Period
	// Usage are the chart's months from the period asked for.
	Usage []Usage
	// Settings are the additional services as saved, nil if never saved.
	Settings *ServiceSettings
}
