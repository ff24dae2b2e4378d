package kabinet

import "time"

// The read models and writes of informing: who an account's messages
// reach, and what one informing writes for it.

// Recipient is what informing needs to know of one account: who reaches
// it (their bells), its services (ticks and contacts), whether a consent
// to processing stands, and the devices its pushes go to.
type Recipient struct {
	AccountID int64
	UserIDs   []int64
	// Settings are nil when nobody saved the account's services: nothing
	// beyond the bell is ticked.
	Settings *ServiceSettings
	Consent  bool
	Pushes   []int64 // subscription IDs of the users' devices
}

// RecipientFilter selects accounts by ID range and, optionally, district
// or a broadcast's list.
type RecipientFilter struct {
	FromID, ToID int64 // inclusive
	District     string
	BroadcastID  int64 // the accounts listed for this broadcast
}

// Delivery is what informing writes for one account: the bells, the
// messages of the other channels, and for a reminder its key.
type Delivery struct {
	AccountID     int64
	Key           *ReminderKey
	Notifications []*Notification
	Messages      []Outgoing
}

// Outgoing is a message with the time its delivery waits for (an SMS
// written at night), zero for at once.
type Outgoing struct {
	Message   *Message
	NotBefore time.Time
}

// ReminderKey makes a reminder once per account, rule and period.
type ReminderKey struct {
	Rule, Period string
}

// ReminderFacts is what the reminder rules read about one account.
type ReminderFacts struct {
	AccountID int64
	Meters    int
	// Read is whether a reading for the scanned period was given.
	Read bool
	// LastBill is the period of the latest bill, zero without one.
	LastBill Period
	// NextVerification is the earliest date a meter is due for
	// verification, zero without meters.
	NextVerification time.Time
	// Ledger is the account's ledger, by sub-account.
	Ledger map[int64][]*LedgerEntry
}
