// Package mail sends the portal's letters over SMTP and renders them from
// embedded Russian templates. It knows nothing about the database or HTTP:
// the caller (a job worker) hands it a Message, records the returned
// Message-ID and retries only the failures that IsPermanent says are not
// permanent.
package mail

// Message is one letter ready to send: a plain-text and an HTML alternative
// of the same content.
type Message struct {
	To      string // the recipient's bare address, e.g. "ivanov@example.ru"
	Subject string
	Text    string
	HTML    string

	// ListUnsubscribe, when set, is the HTTPS URL of a one-click unsubscribe
	// (RFC 8058). Broadcasts and reminders need it so that mail services do
	// not file them as spam; transactional letters leave it empty.
	ListUnsubscribe string

	// Attachments are files sent with the letter (a statement's PDF).
	Attachments []Attachment
}

// Attachment is a file attached to a letter.
type Attachment struct {
	Name        string
	ContentType string
	Data        []byte
}
