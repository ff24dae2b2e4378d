package sberbank

import (
	"context"
	"encoding/base64"
	"fmt"
	"net/url"
	"strconv"

	"kabinet"
)

// СБП (the faster payments system) on the classic REST API: an order is
// registered with register.do as for a card, then
// sbp/c2b/qr/dynamic/get.do makes the dynamic QR code for it and
// sbp/c2b/qr/status.do tells where the code stands. The order's status
// (getOrderStatusExtended.do) says whether it is paid, as for a card.

// SBPQR is sbp/c2b/qr/dynamic/get.do's answer.
type SBPQR struct {
	answer
	QRID    string `json:"qrId"`
	Payload string `json:"payload"` // the https://qr.nspk.ru/… link
	// RenderedQR is the code's image, base64, when qrFormat=image.
	RenderedQR string `json:"renderedQr"`
	QRStatus   string `json:"qrStatus"`
	Status     string `json:"status"` // what some versions call qrStatus
}

// SBPDynamicQR asks for the dynamic QR code of registered order mdOrder,
// with its image of size×size pixels. redirectURL is where the payer's
// bank app sends them back ("" for none).
func (c *Client) SBPDynamicQR(ctx context.Context, mdOrder string, size int, redirectURL string) (*SBPQR, error) {
	var out SBPQR
	err := c.call(ctx, "sbp/c2b/qr/dynamic/get.do", url.Values{"mdOrder": {mdOrder}, "qrFormat": {"image"},
		"qrWidth": {strconv.Itoa(size)}, "qrHeight": {strconv.Itoa(size)}, "redirectUrl": {redirectURL}}, &out)
	if err != nil {
		return nil, err
	}
	if out.Payload == "" {
		return nil, &Error{Method: "sbp/c2b/qr/dynamic/get.do", Code: CodeSystemError, Message: "no payload in the answer"}
	}
	return &out, nil
}

// SBPQRStatus is sbp/c2b/qr/status.do's answer.
type SBPQRStatus struct {
	answer
	QRStatus         string `json:"qrStatus"`
	Status           string `json:"status"`
	QRType           string `json:"qrType"`
	TransactionState string `json:"transactionState"` // CREATED, DECLINED, DEPOSITED
}

// State is the code's state (kabinet.QRStarted …), whichever field the
// gateway's version names it by.
func (s *SBPQRStatus) State() string { return cmpOr(s.QRStatus, s.Status) }

// SBPStatus asks where the QR code qrID of order mdOrder stands.
func (c *Client) SBPStatus(ctx context.Context, mdOrder, qrID string) (*SBPQRStatus, error) {
	var out SBPQRStatus
	if err := c.call(ctx, "sbp/c2b/qr/status.do", url.Values{"mdOrder": {mdOrder}, "qrId": {qrID}}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// QRSize is the side of the QR code's image in pixels.
const QRSize = 300

// RegisterSBP registers o for payment by СБП (register.do, then
// sbp/c2b/qr/dynamic/get.do) and returns mdOrder and the QR code. The
// payer's bank app returns them to returnURL with the order's id.
func (g *Gateway) RegisterSBP(ctx context.Context, o *kabinet.PaymentOrder, returnURL, description string) (string, *kabinet.SBPQR, error) {
	id, _, err := g.Register(ctx, o, returnURL, description)
	if err != nil {
		return "", nil, err
	}
	qr, err := g.Client.SBPDynamicQR(ctx, id, QRSize, withOrderID(returnURL, id))
	if err != nil {
		return "", nil, err
	}
	image, err := base64.StdEncoding.DecodeString(qr.RenderedQR)
	if err != nil {
		return "", nil, fmt.Errorf("sberbank sbp qr image: %w", err)
	}
	return id, &kabinet.SBPQR{QRID: qr.QRID, Payload: qr.Payload, Image: image}, nil
}

// QRState is where the order's СБП QR code stands (kabinet.QRStarted …),
// for the payer's eyes; the order's status decides the payment.
func (g *Gateway) QRState(ctx context.Context, gatewayID, qrID string) (string, error) {
	st, err := g.Client.SBPStatus(ctx, gatewayID, qrID)
	if err != nil {
		return "", err
	}
	return st.State(), nil
}

// withOrderID adds orderId to u, as the gateway does to returnUrl.
func withOrderID(u, id string) string {
	p, err := url.Parse(u)
	if err != nil {
		return u
	}
	q := p.Query()
	q.Set("orderId", id)
	p.RawQuery = q.Encode()
	return p.String()
}
