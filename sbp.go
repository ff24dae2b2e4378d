package kabinet

// PaymentMethod is how a customer pays an order through the acquirer.
type PaymentMethod string

// Payment methods. Both are credited the same way: on the acquirer's
// order status, once.
const (
	MethodCard PaymentMethod = "card" // a card on the bank's payment page
	MethodSBP  PaymentMethod = "sbp"  // СБП: the dynamic QR code or link, paid in the payer's bank app
)

// Channel is the ledger's channel of a payment made by the method.
func (m PaymentMethod) Channel() PaymentChannel {
	if m == MethodSBP {
		return ChannelSBP
	}
	return ChannelCard
}

// SBPQR is the dynamic СБП QR code the acquirer made for an order: its
// id, the payload (the https://qr.nspk.ru/… link that opens the choice
// of bank on a phone) and the image of the code (PNG).
type SBPQR struct {
	QRID    string
	Payload string
	Image   []byte
}

// SBP QR code states as the acquirer's sbp/c2b/qr/status.do names them.
// They tell the payer where things stand; only the order status credits.
const (
	QRStarted   = "STARTED"   // made, waiting for the payer
	QRConfirmed = "CONFIRMED" // the payer's bank took the payment
	QRRejected  = "REJECTED"  // declined
	QRAccepted  = "ACCEPTED"  // paid
)
