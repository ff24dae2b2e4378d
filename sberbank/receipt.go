package sberbank

import (
	"context"
	"encoding/json"
	"net/url"
	"strconv"
	"strings"

	"kabinet"
)

// Fiscal receipts (54-ФЗ): register.do and recurrentPayment.do carry the
// cart as orderBundle (a JSON string) with the merchant's taxSystem, and
// getReceiptStatus.do reports the receipt the gateway's cash service
// registered with the fiscal data operator (ОФД).

// Fiscal is what the merchant's receipts say about taxes.
type Fiscal struct {
	// TaxSystem is the merchant's taxation system: 0 общая, 1 УСН доход,
	// 2 УСН доход − расход, 3 ЕНВД, 4 ЕСХН, 5 патент.
	TaxSystem int
	// TaxType is each item's VAT (taxType): 0 без НДС, 1 НДС 0 %,
	// 2 НДС 10 %, 3 НДС 18 %, 4 НДС 10/110, 5 НДС 18/118, 6 НДС 20 %,
	// 7 НДС 20/120.
	TaxType int
}

// Item attributes of a utility payment: paymentMethod 4 is «полный
// расчет», paymentObject 4 is «услуга».
const (
	paymentMethodFull = "4"
	paymentObjectSvc  = "4"
)

type bundleItem struct {
	PositionID int    `json:"positionId"`
	Name       string `json:"name"`
	Quantity   struct {
		Value   int64  `json:"value"`
		Measure string `json:"measure"`
	} `json:"quantity"`
	ItemAmount     int64  `json:"itemAmount"`
	ItemCode       string `json:"itemCode"`
	ItemPrice      int64  `json:"itemPrice"`
	Tax            tax    `json:"tax"`
	ItemAttributes struct {
		Attributes []attribute `json:"attributes"`
	} `json:"itemAttributes"`
}

type tax struct {
	TaxType int `json:"taxType"`
}

type attribute struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

type customer struct {
	Email string `json:"email,omitempty"`
	Phone string `json:"phone,omitempty"`
}

// contact splits a receipt contact into e-mail and phone.
func contact(c string) customer {
	if strings.Contains(c, "@") {
		return customer{Email: c}
	}
	return customer{Phone: c}
}

// OrderBundle is o's cart as the gateway takes it. The cart is checked
// first: an order whose items do not add up is never sent.
func (f Fiscal) OrderBundle(o *kabinet.PaymentOrder) (string, error) {
	if err := o.CheckCart(); err != nil {
		return "", err
	}
	if o.Contact == "" {
		return "", kabinet.Errorf(kabinet.EINVALID, "Для чека нужен адрес электронной почты или телефон")
	}
	var b struct {
		CustomerDetails customer `json:"customerDetails"`
		CartItems       struct {
			Items []bundleItem `json:"items"`
		} `json:"cartItems"`
	}
	b.CustomerDetails = contact(o.Contact)
	for i, it := range o.Cart {
		bi := bundleItem{PositionID: i + 1, Name: it.Name, ItemAmount: int64(it.Amount), ItemCode: it.Code,
			ItemPrice: int64(it.Price), Tax: tax{TaxType: f.TaxType}}
		bi.Quantity.Value, bi.Quantity.Measure = it.Quantity, "шт"
		bi.ItemAttributes.Attributes = []attribute{{"paymentMethod", paymentMethodFull}, {"paymentObject", paymentObjectSvc}}
		b.CartItems.Items = append(b.CartItems.Items, bi)
	}
	out, err := json.Marshal(b)
	return string(out), err
}

// params are the fiscal parameters of an order's request.
func (f Fiscal) params(o *kabinet.PaymentOrder) (url.Values, error) {
	bundle, err := f.OrderBundle(o)
	if err != nil {
		return nil, err
	}
	c := contact(o.Contact)
	return url.Values{"orderBundle": {bundle}, "taxSystem": {strconv.Itoa(f.TaxSystem)}, "email": {c.Email}, "phone": {c.Phone}}, nil
}

// ReceiptInfo is one receipt of getReceiptStatus.do's answer. The
// gateway's versions name the fields differently; all are read.
type ReceiptInfo struct {
	ReceiptID     string `json:"receiptId"`
	UUID          string `json:"uuid"`
	ReceiptStatus int    `json:"receiptStatus"`
	ReceiptType   string `json:"receiptType"`
	URL           string `json:"OFD_receipt_url"`
	URL2          string `json:"ofd_receipt_url"`
	Payload       struct {
		URL  string `json:"ofdReceiptUrl"`
		URL2 string `json:"ofd_receipt_url"`
	} `json:"payload"`
}

// ReceiptStatuses is getReceiptStatus.do's answer.
type ReceiptStatuses struct {
	answer
	Receipts []ReceiptInfo `json:"receipts"`
	Receipt  []ReceiptInfo `json:"receipt"` // the classic API's name
}

// ReceiptStatus asks about the receipts of order mdOrder.
func (c *Client) ReceiptStatus(ctx context.Context, orderID string) (*ReceiptStatuses, error) {
	var out ReceiptStatuses
	if err := c.call(ctx, "getReceiptStatus.do", url.Values{"orderId": {orderID}}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// Receipt statuses of getReceiptStatus.do: 0 unknown, 1 to send, 2 sent,
// 3 registered; 4, 5 and 6 are errors.
const receiptRegistered = 3

// Receipt reads the sale receipt of order gatewayID in the portal's terms;
// an order without one yet is pending.
func (g *Gateway) Receipt(ctx context.Context, gatewayID string) (*kabinet.Receipt, error) {
	st, err := g.Client.ReceiptStatus(ctx, gatewayID)
	if err != nil {
		return nil, err
	}
	out := &kabinet.Receipt{State: kabinet.ReceiptPending}
	for _, r := range append(st.Receipts, st.Receipt...) {
		if r.ReceiptType != "" && !strings.EqualFold(r.ReceiptType, "sell") {
			continue // a refund's receipt
		}
		out.UUID = cmpOr(r.ReceiptID, r.UUID)
		out.URL = cmpOr(cmpOr(r.Payload.URL, r.Payload.URL2), cmpOr(r.URL, r.URL2))
		switch {
		case r.ReceiptStatus == receiptRegistered:
			out.State = kabinet.ReceiptDone
		case r.ReceiptStatus >= 4:
			out.State = kabinet.ReceiptFailed
		}
	}
	return out, nil
}
