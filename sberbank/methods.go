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
	// Fiscal are the receipt's parameters (orderBundle, taxSystem,
	// email, phone), nil for none.
	Fiscal url.Values
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
	for k, v := range r.Fiscal {
		p[k] = v
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
	// Attributes carry mdOrder, the gateway's order id.
	Attributes []struct {
		Name  string `json:"name"`
		Value string `json:"value"`
	} `json:"attributes"`
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

// OrderStatusByNumber asks getOrderStatusExtended.do about our order
// number: how an order is found whose gateway id never reached us (a
// recurring charge whose answer was lost). A number the gateway does not
// know is an *Error (code 6 on the classic API) or a status without
// orderStatus.
func (c *Client) OrderStatusByNumber(ctx context.Context, number string) (*OrderStatus, error) {
	var out OrderStatus
	if err := c.call(ctx, "getOrderStatusExtended.do", url.Values{"orderNumber": {number}, "language": {"ru"}}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// CodeNotFound is getOrderStatusExtended.do's «order not found».
const CodeNotFound = "6"

// RecurrentRequest is recurrentPayment.do: a charge of a saved card that
// the merchant starts, with no customer present (autopay).
type RecurrentRequest struct {
	OrderNumber string // ours, unique per merchant: a repeat is refused
	BindingID   string
	Amount      int64 // kopecks
	Description string
	Fiscal      url.Values // as in RegisterRequest
}

// recurrentAnswer is recurrentPayment.do's {success, data, error} shape;
// errorCode is read too, for gateways that answer in the classic one.
type recurrentAnswer struct {
	answer
	Success *bool `json:"success"`
	Data    struct {
		OrderID     string `json:"orderId"`
		OrderNumber string `json:"orderNumber"`
	} `json:"data"`
	Error struct {
		Code        code   `json:"code"`
		Description string `json:"description"`
		Message     string `json:"message"`
	} `json:"error"`
}

func (a *recurrentAnswer) err(method string) error {
	if err := a.answer.err(method); err != nil {
		return err
	}
	if a.Success != nil && !*a.Success {
		return &Error{Method: method, Code: string(a.Error.Code), Message: cmpOr(a.Error.Message, a.Error.Description)}
	}
	if a.Data.OrderID == "" {
		return &Error{Method: method, Code: CodeSystemError, Message: "no orderId in the answer"}
	}
	return nil
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// RecurrentPayment charges a saved card and returns the gateway's order id
// (mdOrder). The answer says the order was made, not that it was paid:
// the order's status says that. An *Error means the gateway refused the
// request (an inactive binding, a number already used); any other error
// leaves the outcome unknown, to be asked about by the order number.
func (c *Client) RecurrentPayment(ctx context.Context, r RecurrentRequest) (string, error) {
	var out recurrentAnswer
	p := url.Values{"orderNumber": {r.OrderNumber}, "bindingId": {r.BindingID},
		"amount": {kopecks(r.Amount)}, "currency": {Currency643}, "description": {r.Description}, "language": {"ru"}}
	for k, v := range r.Fiscal {
		p[k] = v
	}
	err := c.call(ctx, "recurrentPayment.do", p, &out)
	if err != nil {
		return "", err
	}
	return out.Data.OrderID, nil
}
