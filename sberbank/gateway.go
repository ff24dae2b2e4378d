package sberbank

import (
	"context"
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
}

// Register registers o for payment and returns mdOrder and formUrl.
func (g *Gateway) Register(ctx context.Context, o *kabinet.PaymentOrder, returnURL, description string) (string, string, error) {
	params := map[string]string{"portalOrder": strconv.FormatInt(o.ID, 10)}
	timeout := g.SessionTimeout
	if timeout == 0 {
		timeout = 1200
	}
	r, err := g.Client.Register(ctx, RegisterRequest{OrderNumber: o.Number, Amount: int64(o.Amount), ReturnURL: returnURL,
		Description: description, JSONParams: params, SessionTimeoutSecs: timeout})
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
	out := &kabinet.AcquirerStatus{Number: st.OrderNumber, State: kabinet.PaymentPending, Card: st.CardAuthInfo.MaskedPan}
	switch {
	case st.Is(StatusPaid):
		out.State, out.Paid = kabinet.PaymentPaid, kabinet.Money(st.PaymentAmountInfo.DepositedAmount)
		if out.Paid == 0 { // status versions without paymentAmountInfo
			out.Paid = kabinet.Money(st.Amount)
		}
	case st.Is(StatusDeclined), st.Is(StatusReversed), st.Is(StatusRefunded):
		out.State = kabinet.PaymentFailed
	}
	return out, nil
}

// Callback checks a callback's checksum and returns its mdOrder.
func (g *Gateway) Callback(params url.Values) (string, error) {
	cb, err := VerifyCallback(params, g.Key)
	if err != nil {
		return "", err
	}
	return cb.OrderID, nil
}
