package kabinet

import "time"

// Session is a browser's session: a signed-in user, or a first visit that
// may register (UserID 0). The cookie holds a random token; only its hash
// is stored.
type Session struct {
	TokenHash string
	UserID    int64
	AccountID int64
	CreatedAt time.Time
	SeenAt    time.Time
	IP        string
	UserAgent string
	// Kind is a browser's cookie session or a device's bearer token (the
	// mobile app's, /api/v1/); Device the name the app gave its device.
	Kind   SessionKind
	Device string
}

// SessionKind is what holds a session's token.
type SessionKind string

// Session kinds.
const (
	SessionBrowser SessionKind = "browser" // a cookie of the portal
	SessionDevice  SessionKind = "device"  // a bearer token of the JSON API
)

// DeviceSessionIdle is how long a device session may go unused before it
// ends (and the store prunes it): a phone's app is opened less often than
// a browser tab, and signs in again with a password after.
const DeviceSessionIdle = 30 * 24 * time.Hour

// Registering reports whether the session is a first visit's, before the
// registration form was sent.
func (s *Session) Registering() bool { return s.UserID == 0 }

// TokenKind is what a single-use secret is for.
type TokenKind string

// Token kinds.
const (
	TokenConfirmEmail TokenKind = "confirm_email" // registration link
	TokenConfirmSMS   TokenKind = "confirm_sms"   // registration code
	TokenResetEmail   TokenKind = "reset_email"   // password reset link
	TokenResetSMS     TokenKind = "reset_sms"     // password reset code
	// A change of the sign-in contacts: the token's Target is the new
	// address or phone, proved by the link or code sent there.
	TokenChangeEmail TokenKind = "change_email"
	TokenChangeSMS   TokenKind = "change_sms"
)

// Token is a single-use secret sent by e-mail or SMS, stored hashed.
type Token struct {
	ID        int64
	Hash      string
	Kind      TokenKind
	UserID    int64
	Target    string // the address or phone it went to
	CreatedAt time.Time
	ExpiresAt time.Time
	UsedAt    time.Time
	Attempts  int
}

// Consent is a record of consent to personal-data processing (152-FZ):
// what was agreed to, when, from where.
type Consent struct {
	ID          int64
	UserID      int64
	AccountID   int64
	Purposes    string
	TextVersion string
	GivenAt     time.Time
	IP          string
	UserAgent   string
	WithdrawnAt time.Time
}

// Channel is how a message reaches a customer.
type Channel string

// Channels.
const (
	ChannelEmail Channel = "email"
	ChannelSMS   Channel = "sms"
	ChannelPush  Channel = "push" // Web Push to one browser; Recipient is the subscription's ID
)

// Message is an e-mail or SMS in the outbox, with its delivery state.
type Message struct {
	ID        int64
	Channel   Channel
	AccountID int64 // the account an informing message is about; 0 for sign-in messages
	// BroadcastID is the broadcast the message belongs to, 0 for none.
	BroadcastID int64
	// Unsubscribe is an informing e-mail's unsubscribe URL (the
	// List-Unsubscribe header); "" for other messages.
	Unsubscribe string
	Recipient   string
	Subject     string
	Text        string
	HTML        string
	Status      string // queued, sent, failed
	ProviderID  string
	Attempts    int
	LastError   string
	CreatedAt   time.Time
	SentAt      time.Time
	// Attachments are files sent with an e-mail (a statement's PDF).
	Attachments []MessageAttachment
}

// MessageAttachment is a file attached to an e-mail.
type MessageAttachment struct {
	Name        string // as the recipient sees it, e.g. "akt-sverki.pdf"
	ContentType string
	Data        []byte
}

// Message statuses.
const (
	MessageQueued = "queued"
	MessageSent   = "sent"
	MessageFailed = "failed"
)

// MessageUpdate is the outcome of one delivery attempt.
type MessageUpdate struct {
	Status     string
	ProviderID string
	Error      string
}

// DeliverMessage is the job that sends an outbox message; it is enqueued in
// the transaction that puts the message in the outbox.
type DeliverMessage struct {
	MessageID int64 `json:"message_id"`
	// NotBefore holds the delivery until then (an SMS written at night
	// waits for the morning); zero: at once.
	NotBefore time.Time `json:"not_before,omitzero"`
}

// RunAt is when the job may run first; the job queue reads it.
func (d DeliverMessage) RunAt() time.Time { return d.NotBefore }

// Kind names the job.
func (DeliverMessage) Kind() string { return "deliver_message" }

// NewRegistration is everything a registration writes at once: the user
// and its owner link, the consent, the confirmation token with its message,
// and the session that moves from the first visit to the new user.
type NewRegistration struct {
	User       *User
	AccountID  int64
	Consent    *Consent
	Token      *Token
	Message    *Message
	OldSession string   // hash of the first visit's session
	Session    *Session // the new session, bound to the user
	// StaleUserID is an unconfirmed registration of the account whose time
	// ran out; it is deleted first so the account can be registered again.
	StaleUserID int64
	// Notices tell the contacts the supplier has on file that the account
	// was registered, and how to undo it if it was not its owner.
	Notices []*Message
}

// Visit is what every page of a signed-in customer starts from, read in
// one round trip (issue 17): the session, its account and user, the
// accounts the user reaches (for the switcher and the account guard) and
// the number on the bell.
type Visit struct {
	Session *Session
	Account *Account
	User    *User
	Reached []*UserAccount
	Unread  int
}
