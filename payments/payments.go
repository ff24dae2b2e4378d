// Package payments takes money in, exactly once and never on the strength
// of a browser redirect (PAY-1, PAY-3): it makes card payment orders, one
// per form however often it is sent, registers them with the acquirer,
// and credits the ledger only when the acquirer's order status says paid
// for that order and amount, whether a callback, the poller or both bring
// the news. It is an application service: the store and the acquirer come
// in through small interfaces.
package payments

import (
	"context"
	"log/slog"
	"net/url"
	"sync"
	"time"

	"kabinet"
)

// Store is what the service keeps; *sqlstore.DB satisfies it.
type Store interface {
	FindAccountByID(ctx context.Context, id int64) (*kabinet.Account, error)
	FindSubAccounts(ctx context.Context, accountID int64) ([]*kabinet.SubAccount, error)
	FindProviders(ctx context.Context) ([]*kabinet.Provider, error)
	FindTotals(ctx context.Context, subAccountID int64) (kabinet.Totals, error)
	CreatePaymentOrder(ctx context.Context, o *kabinet.PaymentOrder) (*kabinet.PaymentOrder, bool, error)
	RegisterPaymentOrder(ctx context.Context, id int64, gatewayID, formURL string) error
	EndPaymentOrder(ctx context.Context, id int64, state kabinet.PaymentState, flag string) (bool, error)
	CreditPaymentOrder(ctx context.Context, id int64, operation string, amount kabinet.Money, entries []*kabinet.LedgerEntry) (bool, error)
	FindPaymentOrder(ctx context.Context, id int64) (*kabinet.PaymentOrder, error)
	FindPaymentOrderByGatewayID(ctx context.Context, id string) (*kabinet.PaymentOrder, error)
	FindUnresolvedPaymentOrders(ctx context.Context, before time.Time, limit int) ([]*kabinet.PaymentOrder, error)

	// СБП and receipts.
	RegisterSBPOrder(ctx context.Context, id int64, gatewayID string, qr *kabinet.SBPQR) error
	FindSBPQR(ctx context.Context, orderID int64) (*kabinet.SBPQR, error)
	FindPaymentOrderByNumber(ctx context.Context, number string) (*kabinet.PaymentOrder, error)
	SaveReceipt(ctx context.Context, r *kabinet.Receipt) error
	FindReceipts(ctx context.Context, accountID int64, limit int) ([]*kabinet.Receipt, error)
	FindReceiptsToAsk(ctx context.Context, paidAfter time.Time, limit int) ([]*kabinet.PaymentOrder, error)

	// Autopay.
	FindBills(ctx context.Context, accountID int64, limit int) ([]*kabinet.Bill, error)
	FindServiceSettings(ctx context.Context, accountID int64) (*kabinet.ServiceSettings, error)
	CreateAutopayRule(ctx context.Context, r *kabinet.AutopayRule) (bool, error)
	ActivateAutopayRule(ctx context.Context, id int64, bindingID, card string, notice *kabinet.Notice) (bool, error)
	StopAutopayRule(ctx context.Context, id int64, reason string, notice *kabinet.Notice) (bool, error)
	MarkAutopayUnbound(ctx context.Context, id int64) error
	FindAutopayRule(ctx context.Context, id int64) (*kabinet.AutopayRule, error)
	FindAutopayRuleByOrder(ctx context.Context, orderID int64) (*kabinet.AutopayRule, error)
	FindAutopayRules(ctx context.Context, accountID int64, limit int) ([]*kabinet.AutopayRule, error)
	FindActiveAutopayRules(ctx context.Context, after int64, limit int) ([]*kabinet.AutopayRule, error)
	FindAutopayRulesToUnbind(ctx context.Context, limit int) ([]*kabinet.AutopayRule, error)
	FindUnsettledAutopay(ctx context.Context, limit int) ([]*kabinet.AutopayRule, []*kabinet.AutopayCharge, error)
	NoticeAutopayCharge(ctx context.Context, c *kabinet.AutopayCharge, notice *kabinet.Notice) (bool, error)
	ClaimAutopayCharge(ctx context.Context, c *kabinet.AutopayCharge, o *kabinet.PaymentOrder) (bool, error)
	EndAutopayCharge(ctx context.Context, orderID int64, state kabinet.AutopayChargeState, stop string, notice *kabinet.Notice) (bool, error)
	FindAutopayCharge(ctx context.Context, ruleID, billID int64) (*kabinet.AutopayCharge, error)
	FindAutopayChargeByOrder(ctx context.Context, orderID int64) (*kabinet.AutopayCharge, error)
	FindAutopayCharges(ctx context.Context, accountID int64, limit int) ([]*kabinet.AutopayCharge, error)
}

// Acquirer is the card acquirer (sberbank.Gateway).
type Acquirer interface {
	// Register registers the order and returns the acquirer's order id
	// and the payment page.
	Register(ctx context.Context, o *kabinet.PaymentOrder, returnURL, description string) (gatewayID, formURL string, err error)
	// Status is the acquirer's word on an order.
	Status(ctx context.Context, gatewayID string) (*kabinet.AcquirerStatus, error)
	// Callback checks a notification's signature and returns the order it
	// is about; a notification that is not the acquirer's is an error.
	Callback(params url.Values) (gatewayID string, err error)

	// Charge charges a saved card for an order (autopay) and returns the
	// acquirer's order id; a refusal is *kabinet.ChargeRefused, any other
	// error leaves the outcome unknown.
	Charge(ctx context.Context, o *kabinet.PaymentOrder, bindingID, description string) (gatewayID string, err error)
	// StatusByNumber is Status for our order number, with the acquirer's
	// id; an order it does not know is ENOTFOUND.
	StatusByNumber(ctx context.Context, number string) (*kabinet.AcquirerStatus, string, error)
	// Unbind deactivates a saved card.
	Unbind(ctx context.Context, bindingID string) error

	// RegisterSBP registers the order for payment by СБП and returns the
	// acquirer's order id and the dynamic QR code.
	RegisterSBP(ctx context.Context, o *kabinet.PaymentOrder, returnURL, description string) (gatewayID string, qr *kabinet.SBPQR, err error)
	// QRState is where an order's СБП QR code stands (kabinet.QRStarted
	// …), for the payer's eyes only.
	QRState(ctx context.Context, gatewayID, qrID string) (string, error)
	// Receipt is the acquirer's word on a paid order's fiscal receipt.
	Receipt(ctx context.Context, gatewayID string) (*kabinet.Receipt, error)
}

// Config configures the service.
type Config struct {
	// ReturnURL is where the acquirer sends the customer back.
	ReturnURL string
	// Calendar is the clock and the supplier's time zone: the day a
	// payment is posted.
	Calendar kabinet.Calendar
	// PollAfter is how long the poller leaves an order to its callback;
	// Abandon how long an order may stay unpaid before it is given up.
	PollAfter, Abandon time.Duration
	// AskEvery is how often the СБП page may ask the acquirer about one
	// order (default 2 s); the page itself asks every few seconds.
	AskEvery time.Duration
	Logger   *slog.Logger
}

// Service is the payments service.
type Service struct {
	store Store
	bank  Acquirer
	cfg   Config
	// Calendar is cfg.Calendar; tests move its clock.
	kabinet.Calendar
	// asked is when the СБП page last asked the acquirer about an order.
	asked sync.Map // order ID → time.Time
}

// New returns the service.
func New(store Store, bank Acquirer, cfg Config) *Service {
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.PollAfter == 0 {
		cfg.PollAfter = time.Minute
	}
	if cfg.Abandon == 0 {
		cfg.Abandon = 2 * time.Hour
	}
	if cfg.AskEvery == 0 {
		cfg.AskEvery = 2 * time.Second
	}
	return &Service{store: store, bank: bank, cfg: cfg, Calendar: cfg.Calendar}
}

// Errors the pages tell apart.
var (
	ErrBankDown  = kabinet.Errorf(kabinet.EINTERNAL, "Банк сейчас не отвечает. Попробуйте оплатить немного позже.")
	ErrCallback  = kabinet.Errorf(kabinet.EFORBIDDEN, "Уведомление не подписано банком")
	ErrInProcess = kabinet.Errorf(kabinet.ECONFLICT, "Платёж уже создаётся. Обновите страницу через несколько секунд.")
)

// Gateway returns the acquirer, for tests that reach under it.
func (s *Service) Gateway() Acquirer { return s.bank }
