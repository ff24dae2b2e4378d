package kabinet

import "time"

// Notification is a message in the cabinet's bell (SVC-1): a reminder, a
// bill that is ready, news of the supplier. It is a user's, about one of
// the accounts the user reaches or none. Push delivery comes on top of it.
type Notification struct {
	ID        int64
	UserID    int64
	AccountID int64 // 0: not about one account
	Title     string
	Text      string
	// Link is a path in the cabinet the notification leads to, or "".
	Link      string
	CreatedAt time.Time
	ReadAt    time.Time // zero while unread
}

// Unread reports whether the user has not seen n yet.
func (n *Notification) Unread() bool { return n.ReadAt.IsZero() }

// Validate checks what a notification needs to be shown.
func (n *Notification) Validate() error {
	if n.UserID == 0 || n.Title == "" {
		return Errorf(EINVALID, "Уведомление без получателя или заголовка")
	}
	return nil
}

// PushSubscription is one browser that allowed the cabinet's push
// notifications (SVC-1): the push service's endpoint and the browser's
// keys the payload is encrypted to (RFC 8291), both base64url.
type PushSubscription struct {
	ID        int64
	UserID    int64
	AccountID int64 // the account it was made on
	Endpoint  string
	P256dh    string
	Auth      string
	UserAgent string
	CreatedAt time.Time
}
