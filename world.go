package kabinet

import "time"

// World is the demo world's build state. A world is served only when
// Complete; a world left Building by a crash is resumed from Built.
type World struct {
	Seed     int64
	Accounts int
	Built    int
	State    string // "building" or "complete"
	Started  time.Time
	// PaidPeriod and PaidCount say how far the payments of the history
	// were loaded: the first PaidCount payments of PaidPeriod's month,
	// and all of the months before it.
	PaidPeriod Period
	PaidCount  int
}

// World states.
const (
	WorldBuilding = "building"
	WorldComplete = "complete"
)
