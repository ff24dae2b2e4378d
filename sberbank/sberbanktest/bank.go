// Package sberbanktest is a fake Sberbank acquiring gateway that speaks the
// classic REST protocol over HTTP (DOMAIN §4): register.do,
// getOrderStatusExtended.do, refund.do, getBindings.do, unBindCard.do,
// recurrentPayment.do, a payment page that takes test cards, and callbacks
// with the HMAC-SHA256 checksum. The tests of the real client run against
// it over httptest; the demo serves it from the portal itself.
package sberbanktest

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"kabinet/sberbank"
)

// Test cards of the payment page.
const (
	CardOK       = "4111111111111111" // paid
	CardDeclined = "4000000000000002" // declined by the issuer
)

// Config configures the fake.
type Config struct {
	UserName, Password string
	// MerchantName is the shop the payment page names (the supplier);
	// empty: UserName.
	MerchantName string
	// Key signs callbacks (the merchant's symmetric key).
	Key []byte
	// PublicURL is where the fake is reachable by browsers, without a
	// trailing slash: formUrl points under it.
	PublicURL string
	// AppURL, when set, is where the СБП links lead: the fake's page
	// standing for the payer's bank app (the demo). Otherwise the links
	// look like the real ones (https://qr.nspk.ru/…).
	AppURL string
	Logger *slog.Logger
	// Shared, if set, keeps the orders and saved cards for every server;
	// without it they live in this process.
	Shared Shared
}

// Bank is the fake gateway. It is an http.Handler for the paths under
// PublicURL.
type Bank struct {
	cfg      Config
	mux      *http.ServeMux
	http     *http.Client
	callback atomic.Pointer[string]
	drop     atomic.Bool
	now      func() time.Time

	mu       sync.Mutex
	orders   map[string]*Order // by mdOrder
	numbers  map[string]string // orderNumber → mdOrder
	bindings map[string]*binding
	seq      int
	// holdReceipts keeps new receipts sent but not registered.
	holdReceipts bool
}

// Order is the fake's record of an order.
type Order struct {
	ID, Number          string
	Amount, Deposited   int64
	Refunded            int64
	Status              int
	ReturnURL, FailURL  string
	Description         string
	ClientID, BindingID string
	MaskedPan           string
	Params              map[string]string
	Created             time.Time
	// Expires ends an unpaid order (sessionTimeoutSecs); zero never.
	Expires time.Time
	// The СБП QR code (sbp.go) and the receipt (receipt.go).
	QRID, QRStatus, RedirectURL string
	Receipt                     *Receipt
	Bundle                      string // orderBundle as sent
}

type binding struct {
	id, clientID, pan string
	active, declines  bool
}

// New returns a fake gateway.
func New(cfg Config) *Bank {
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	b := &Bank{cfg: cfg, mux: http.NewServeMux(), http: &http.Client{Timeout: 10 * time.Second}, now: time.Now,
		orders: map[string]*Order{}, numbers: map[string]string{}, bindings: map[string]*binding{}}
	for name, h := range map[string]func(url.Values) any{
		"register.do": b.register, "getOrderStatusExtended.do": b.status, "refund.do": b.refund,
		"getBindings.do": b.getBindings, "unBindCard.do": b.unBind, "recurrentPayment.do": b.recurrent,
		"sbp/c2b/qr/dynamic/get.do": b.sbpGet, "sbp/c2b/qr/status.do": b.sbpStatus, "getReceiptStatus.do": b.receiptStatus,
	} {
		b.mux.HandleFunc("/payment/rest/"+name, b.api(h))
	}
	b.mux.HandleFunc("GET /payment/merchants/kabinet/payment_ru.html", b.handlePage)
	b.mux.HandleFunc("POST /payment/merchants/kabinet/payment_ru.html", b.handlePay)
	b.mux.HandleFunc("GET /payment/merchants/kabinet/bank.css", b.handleCSS)
	b.mux.HandleFunc("GET /sbp/app/{qr}", b.handleApp)
	b.mux.HandleFunc("POST /sbp/app/{qr}", b.handleAppPay)
	b.mux.HandleFunc("GET /ofd/{uuid}", b.handleOFD)
	return b
}

func (b *Bank) ServeHTTP(w http.ResponseWriter, r *http.Request) { b.mux.ServeHTTP(w, r) }

// SetCallbackURL sets where callbacks go; "" sends none.
func (b *Bank) SetCallbackURL(u string) { b.callback.Store(&u) }

// DropCallbacks makes the fake pay orders without telling the merchant, as
// when callbacks are lost on the way.
func (b *Bank) DropCallbacks(drop bool) { b.drop.Store(drop) }

// Order returns a copy of the order with gateway id id.
func (b *Bank) Order(id string) (Order, bool) {
	defer b.hold()()
	o, ok := b.orders[id]
	if !ok {
		return Order{}, false
	}
	b.expire(o)
	return *o, true
}

// Pay pays an order as the payment page does with a good card, amount
// being what the card was charged (the order's amount in honest tests),
// and sends the callback unless callbacks are dropped.
func (b *Bank) Pay(ctx context.Context, id string, amount int64) error {
	if err := b.settle(id, CardOK, amount, false); err != nil {
		return err
	}
	return b.notify(ctx, id, sberbank.OpDeposited, true)
}

// Signed returns the parameters of a callback about order id, signed.
func (b *Bank) Signed(id, operation string, success bool) url.Values {
	release := b.hold()
	o := b.orders[id]
	number, amount := "", int64(0)
	if o != nil {
		number, amount = o.Number, o.Deposited
	}
	release()
	p := url.Values{"mdOrder": {id}, "orderNumber": {number}, "operation": {operation},
		"status": {boolDigit(success)}, "amount": {strconv.FormatInt(amount, 10)}}
	p.Set("checksum", sberbank.Checksum(p, b.cfg.Key))
	return p
}

// notify sends a callback to the configured URL, as a GET with the
// parameters in the query, the way the gateway does by default.
func (b *Bank) notify(ctx context.Context, id, operation string, success bool) error {
	to := b.callback.Load()
	if to == nil || *to == "" || b.drop.Load() {
		return nil
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, *to+"?"+b.Signed(id, operation, success).Encode(), nil)
	if err != nil {
		return err
	}
	resp, err := b.http.Do(req)
	if err != nil {
		b.cfg.Logger.Warn("fake bank: callback failed", "err", err)
		return nil // a gateway does not fail the payment for its callback
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		b.cfg.Logger.Warn("fake bank: callback refused", "status", resp.StatusCode)
	}
	return nil
}

func boolDigit(v bool) string {
	if v {
		return "1"
	}
	return "0"
}

func (b *Bank) nextID() string {
	b.seq++
	return fmt.Sprintf("%08x-fake-4bank-%04x-%012d", b.now().UnixNano()&0xffffffff, b.seq&0xffff, b.seq)
}

// PayAndBind pays an order in full and saves the card as a binding of the
// order's clientId, as the payment page does with «Сохранить карту».
func (b *Bank) PayAndBind(ctx context.Context, id string) error {
	o, ok := b.Order(id)
	if !ok {
		return fmt.Errorf("no order %s", id)
	}
	if err := b.settle(id, CardOK, o.Amount, true); err != nil {
		return err
	}
	return b.notify(ctx, id, sberbank.OpDeposited, true)
}

// DeclineBinding makes the issuer decline every later charge of a saved
// card (a card blocked or out of money).
func (b *Bank) DeclineBinding(bindingID string) {
	defer b.hold()()
	if bd := b.bindings[bindingID]; bd != nil {
		bd.declines = true
	}
}

// BindingActive reports whether a saved card is still active.
func (b *Bank) BindingActive(bindingID string) bool {
	defer b.hold()()
	bd := b.bindings[bindingID]
	return bd != nil && bd.active
}

// Orders returns copies of the orders charged to a saved card, paid or
// declined: what the card's statement would show.
func (b *Bank) Orders(bindingID string) []Order {
	defer b.hold()()
	var out []Order
	for _, o := range b.orders {
		if o.BindingID == bindingID && o.Status != sberbank.StatusRegistered {
			out = append(out, *o)
		}
	}
	return out
}
