package sberbank

import (
	"context"
	"encoding/json"
	"net/url"
	"strconv"
)

// Currency643 is the Russian rouble, sent explicitly (DOMAIN §4.3).
const Currency643 = "643"

// RegisterRequest is register.do: a one-stage order.
type RegisterRequest struct {
	OrderNumber string // ours, unique per merchant, ≤ 32 characters
	Amount      int64  // kopecks
	ReturnURL   string
	FailURL     string // "" means ReturnURL
	Description string
	ClientID    string // set to save a card binding for autopay
	// JSONParams come back in merchantOrderParams of the status.
	JSONParams map[string]string
	// SessionTimeoutSecs is the order's lifetime; 0 leaves the merchant's.
	SessionTimeoutSecs int
}

// Registered is the answer of register.do: the gateway's order id (mdOrder)
// and the payment page to send the customer to.
type Registered struct {
	answer
	OrderID string `json:"orderId"`
	FormURL string `json:"formUrl"`
}

// Register registers an order and returns where to pay it.
func (c *Client) Register(ctx context.Context, r RegisterRequest) (*Registered, error) {
	p := url.Values{
		"orderNumber": {r.OrderNumber}, "amount": {kopecks(r.Amount)}, "currency": {Currency643},
		"returnUrl": {r.ReturnURL}, "failUrl": {r.FailURL}, "description": {r.Description},
		"clientId": {r.ClientID}, "language": {"ru"},
	}
	if r.SessionTimeoutSecs > 0 {
		p.Set("sessionTimeoutSecs", strconv.Itoa(r.SessionTimeoutSecs))
	}
	if len(r.JSONParams) > 0 {
		b, err := json.Marshal(r.JSONParams)
		if err != nil {
			return nil, err
		}
		p.Set("jsonParams", string(b))
	}
	var out Registered
	if err := c.call(ctx, "register.do", p, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// Order statuses (orderStatus, DOMAIN §4.5).
const (
	StatusRegistered = 0
	StatusHeld       = 1
	StatusPaid       = 2
	StatusReversed   = 3
	StatusRefunded   = 4
	StatusACS        = 5
	StatusDeclined   = 6
)

// OrderStatus is the part of getOrderStatusExtended.do the portal uses.
type OrderStatus struct {
	answer
	OrderNumber string `json:"orderNumber"`
	// OrderStatus is nil when the gateway does not know the order.
	OrderStatus   *int   `json:"orderStatus"`
	ActionCode    int    `json:"actionCode"`
	ActionCodeMsg string `json:"actionCodeDescription"`
	Amount        int64  `json:"amount"`
	Currency      string `json:"currency"`
	Date          int64  `json:"date"` // registration, Unix milliseconds
	CardAuthInfo  struct {
		MaskedPan string `json:"maskedPan"`
	} `json:"cardAuthInfo"`
	BindingInfo struct {
		ClientID  string `json:"clientId"`
		BindingID string `json:"bindingId"`
	} `json:"bindingInfo"`
	PaymentAmountInfo struct {
		PaymentState    string `json:"paymentState"`
		ApprovedAmount  int64  `json:"approvedAmount"`
		DepositedAmount int64  `json:"depositedAmount"`
		RefundedAmount  int64  `json:"refundedAmount"`
	} `json:"paymentAmountInfo"`
	MerchantOrderParams []struct {
		Name  string `json:"name"`
		Value string `json:"value"`
	} `json:"merchantOrderParams"`
}

// Is reports whether the order has status s.
func (o *OrderStatus) Is(s int) bool { return o.OrderStatus != nil && *o.OrderStatus == s }

// OrderStatus asks getOrderStatusExtended.do about the gateway's order id.
func (c *Client) OrderStatus(ctx context.Context, orderID string) (*OrderStatus, error) {
	var out OrderStatus
	if err := c.call(ctx, "getOrderStatusExtended.do", url.Values{"orderId": {orderID}, "language": {"ru"}}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// Refund returns amount kopecks of a paid order (refund.do; partial allowed).
func (c *Client) Refund(ctx context.Context, orderID string, amount int64) error {
	return c.call(ctx, "refund.do", url.Values{"orderId": {orderID}, "amount": {kopecks(amount)}}, &answer{})
}

// Binding is a saved card.
type Binding struct {
	BindingID  string `json:"bindingId"`
	MaskedPan  string `json:"maskedPan"`
	ExpiryDate string `json:"expiryDate"` // YYYYMM
}

// Bindings lists the client's saved cards (getBindings.do).
func (c *Client) Bindings(ctx context.Context, clientID string) ([]Binding, error) {
	var out struct {
		answer
		Bindings []Binding `json:"bindings"`
	}
	if err := c.call(ctx, "getBindings.do", url.Values{"clientId": {clientID}}, &out); err != nil {
		return nil, err
	}
	return out.Bindings, nil
}

// UnBindCard deactivates a saved card (unBindCard.do): autopay turned off.
func (c *Client) UnBindCard(ctx context.Context, bindingID string) error {
	return c.call(ctx, "unBindCard.do", url.Values{"bindingId": {bindingID}}, &answer{})
}
