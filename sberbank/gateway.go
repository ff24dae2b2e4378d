package sberbank

import (
	"context"
	"errors"
	"net/url"
	"strconv"

	"kabinet"
)

// Gateway is the portal's acquirer on top of the client: it registers
// payment orders, reads their status in the portal's terms and checks
// callbacks with the merchant's key.
type Gateway struct {
	Client *Client
	// Key is the symmetric key for callback checksums.
	Key []byte
	// SessionTimeout is an order's lifetime in seconds (default 1200).
	SessionTimeout int
	// Fiscal is what every order's receipt says about taxes.
	Fiscal Fiscal
}

// Register registers o for payment and returns mdOrder and formUrl.
func (g *Gateway) Register(ctx context.Context, o *kabinet.PaymentOrder, returnURL, description string) (string, string, error) {
	params := map[string]string{"portalOrder": strconv.FormatInt(o.ID, 10)}
	timeout := g.SessionTimeout
	if timeout == 0 {
		timeout = 1200
	}
	fiscal, err := g.Fiscal.params(o)
	if err != nil {
		return "", "", err
	}
	r, err := g.Client.Register(ctx, RegisterRequest{OrderNumber: o.Number, Amount: int64(o.Amount), ReturnURL: returnURL,
		Description: description, JSONParams: params, SessionTimeoutSecs: timeout, ClientID: o.ClientID, Fiscal: fiscal})
	if err != nil {
		return "", "", err
	}
	return r.OrderID, r.FormURL, nil
}

// Status reads the order's status: paid is orderStatus 2 only; declined,
// reversed and refunded orders are failed; the rest are pending.
func (g *Gateway) Status(ctx context.Context, gatewayID string) (*kabinet.AcquirerStatus, error) {
	st, err := g.Client.OrderStatus(ctx, gatewayID)
	if err != nil {
		return nil, err
	}
	return portalStatus(st), nil
}

// portalStatus reads a gateway status in the portal's terms.
func portalStatus(st *OrderStatus) *kabinet.AcquirerStatus {
	out := &kabinet.AcquirerStatus{Number: st.OrderNumber, State: kabinet.PaymentPending, Card: st.CardAuthInfo.MaskedPan,
		BindingID: st.BindingInfo.BindingID}
	switch {
	case st.Is(StatusPaid):
		out.State, out.Paid = kabinet.PaymentPaid, kabinet.Money(st.PaymentAmountInfo.DepositedAmount)
		if out.Paid == 0 { // status versions without paymentAmountInfo
			out.Paid = kabinet.Money(st.Amount)
		}
	case st.Is(StatusDeclined), st.Is(StatusReversed), st.Is(StatusRefunded):
		out.State = kabinet.PaymentFailed
	}
	return out
}

// Callback checks a callback's checksum and returns its mdOrder.
func (g *Gateway) Callback(params url.Values) (string, error) {
	cb, err := VerifyCallback(params, g.Key)
	if err != nil {
		return "", err
	}
	return cb.OrderID, nil
}

// Charge charges the saved card bindingID for order o (recurrentPayment.do)
// and returns the gateway's order id. A refusal is *kabinet.ChargeRefused;
// any other error leaves the outcome unknown.
func (g *Gateway) Charge(ctx context.Context, o *kabinet.PaymentOrder, bindingID, description string) (string, error) {
	fiscal, err := g.Fiscal.params(o)
	if err != nil {
		return "", err
	}
	id, err := g.Client.RecurrentPayment(ctx, RecurrentRequest{OrderNumber: o.Number, BindingID: bindingID,
		Amount: int64(o.Amount), Description: description, Fiscal: fiscal})
	var e *Error
	if errors.As(err, &e) && e.Code != CodeSystemError {
		return "", &kabinet.ChargeRefused{Code: e.Code, Message: e.Message, Duplicate: e.Code == CodeAlreadyRegistered}
	}
	return id, err
}

// StatusByNumber reads the status of our order number, and its gateway id;
// an order the gateway does not know is ENOTFOUND.
func (g *Gateway) StatusByNumber(ctx context.Context, number string) (*kabinet.AcquirerStatus, string, error) {
	st, err := g.Client.OrderStatusByNumber(ctx, number)
	var e *Error
	if errors.As(err, &e) && e.Code == CodeNotFound || err == nil && st.OrderStatus == nil {
		return nil, "", kabinet.Errorf(kabinet.ENOTFOUND, "Банк не знает заказ %s", number)
	} else if err != nil {
		return nil, "", err
	}
	id := ""
	for _, a := range st.Attributes {
		if a.Name == "mdOrder" {
			id = a.Value
		}
	}
	return portalStatus(st), id, nil
}

// Unbind deactivates a saved card (unBindCard.do). A card the gateway no
// longer holds active counts as done.
func (g *Gateway) Unbind(ctx context.Context, bindingID string) error {
	err := g.Client.UnBindCard(ctx, bindingID)
	var e *Error
	if errors.As(err, &e) && e.Code == "2" {
		return nil
	}
	return err
}
