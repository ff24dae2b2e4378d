package letters

// Letter is the typed data of one embedded template. The set is closed: each
// type below names its template files, templates/<name>.txt and .html.
type Letter interface {
	templateName() string
}

// ConfirmEmail asks a new user to confirm the address given at registration.
//
// Expires continues the sentence «Ссылка действует …», so the caller, who
// sets the link's lifetime, also states it, e.g. «24 часа, до 16 марта
// 2026 г. 10:00 по иркутскому времени».
type ConfirmEmail struct {
	SupplierName  string // e.g. «ООО «Энергосбыт»», also the signature
	AccountNumber string // as the customer sees it on the bill
	Link          string
	Expires       string
}

// ResetPassword carries the link that sets a new password. Expires continues
// «Ссылка действует …», e.g. «1 час, до 10:00 по иркутскому времени».
type ResetPassword struct {
	SupplierName  string
	AccountNumber string
	Link          string
	Expires       string
}

// Notice is a generic reminder or broadcast: Title is also the subject,
// Body is plain text whose blank lines separate paragraphs. Link and
// Unsubscribe are optional; Unsubscribe also fills Message.ListUnsubscribe.
type Notice struct {
	SupplierName string
	Title        string
	Body         string
	Link         string
	Unsubscribe  string
}

func (ConfirmEmail) templateName() string  { return "confirm_email" }
func (ResetPassword) templateName() string { return "reset_password" }
func (Notice) templateName() string        { return "notice" }
