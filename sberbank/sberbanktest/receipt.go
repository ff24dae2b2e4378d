package sberbanktest

import (
	"encoding/json"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
)

// Fiscal receipts (54-ФЗ) in the fake: register.do and recurrentPayment.do
// take orderBundle (the cart) and refuse one whose items do not add up to
// the amount; a paid order gets a receipt that getReceiptStatus.do reports
// with its link at the fiscal data operator, which the fake serves too.

// Receipt is the fake's receipt of a paid order.
type Receipt struct {
	UUID, URL string
	Status    int // receiptStatus: 2 sent, waiting; 3 registered
}

// Receipt statuses of getReceiptStatus.do.
const (
	ReceiptSent = 2
	ReceiptDone = 3
)

// bundle is the part of orderBundle the fake checks.
type bundle struct {
	CustomerDetails struct {
		Email string `json:"email"`
		Phone string `json:"phone"`
	} `json:"customerDetails"`
	CartItems struct {
		Items []struct {
			PositionID int    `json:"positionId"`
			Name       string `json:"name"`
			ItemCode   string `json:"itemCode"`
			Quantity   struct {
				Value   json.Number `json:"value"`
				Measure string      `json:"measure"`
			} `json:"quantity"`
			ItemAmount int64 `json:"itemAmount"`
			ItemPrice  int64 `json:"itemPrice"`
			Tax        struct {
				TaxType *int `json:"taxType"`
			} `json:"tax"`
		} `json:"items"`
	} `json:"cartItems"`
}

// takeBundle checks an order's orderBundle and keeps it; it returns the
// gateway's refusal, or "". An order without one is taken as it is (a
// merchant without fiscalisation); the bank need not be held.
func (b *Bank) takeBundle(o *Order, p url.Values) string {
	raw := p.Get("orderBundle")
	if raw == "" {
		return ""
	}
	var bd bundle
	if err := json.Unmarshal([]byte(raw), &bd); err != nil {
		return "Неверный формат orderBundle"
	}
	if bd.CustomerDetails.Email == "" && bd.CustomerDetails.Phone == "" {
		return "Для чека нужен email или телефон покупателя"
	}
	if ts, err := strconv.Atoi(p.Get("taxSystem")); err != nil || ts < 0 || ts > 5 {
		return "Неверная система налогообложения"
	}
	var sum int64
	for _, it := range bd.CartItems.Items {
		q, err := it.Quantity.Value.Int64()
		if err != nil || it.Name == "" || it.Tax.TaxType == nil || it.ItemPrice*q != it.ItemAmount {
			return fmt.Sprintf("Неверная позиция корзины %d", it.PositionID)
		}
		sum += it.ItemAmount
	}
	if sum != o.Amount {
		return "Сумма позиций корзины не равна сумме заказа"
	}
	o.Bundle = raw
	return ""
}

// HoldReceipts makes the cash service slow: receipts stay sent, not yet
// registered, until it is called with false.
func (b *Bank) HoldReceipts(hold bool) {
	defer b.hold()()
	b.holdReceipts = hold
	if !hold {
		for _, o := range b.orders {
			if o.Receipt != nil {
				o.Receipt.Status = ReceiptDone
			}
		}
	}
}

// fiscalise makes the receipt of an order just paid; the bank held.
func (b *Bank) fiscalise(o *Order) {
	if o.Bundle == "" || o.Receipt != nil {
		return
	}
	uuid := fmt.Sprintf("%08x-fake-4ofd-%04x-%012d", len(b.orders), b.seq&0xffff, len(o.Number)+b.seq*31)
	o.Receipt = &Receipt{UUID: uuid, URL: b.cfg.PublicURL + "/ofd/" + uuid, Status: ReceiptDone}
	if b.holdReceipts {
		o.Receipt.Status = ReceiptSent
	}
}

// receiptStatus is getReceiptStatus.do, answered in the shape of the
// gateway's documentation: receipts[] with receiptStatus and the link.
func (b *Bank) receiptStatus(p url.Values) any {
	defer b.hold()()
	o := b.find(p)
	if o == nil {
		return fail{"6", "Заказ не найден"}
	}
	receipts := []map[string]any{}
	if r := o.Receipt; r != nil {
		item := map[string]any{"receiptId": r.UUID, "receiptType": "SELL", "receiptStatus": r.Status,
			"operationType": "AUTHORIZATION"}
		if r.Status == ReceiptDone {
			item["payload"] = map[string]any{"ofdReceiptUrl": r.URL, "total": o.Deposited}
		}
		receipts = append(receipts, item)
	}
	return map[string]any{"errorCode": "0", "orderId": o.ID, "orderNumber": o.Number, "receipts": receipts}
}

var ofd = template.Must(template.New("ofd").Parse(`<!doctype html>
<html lang="ru"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Кассовый чек — демо-ОФД</title></head>
<body><main>
<h1>Кассовый чек. Приход</h1>
<p>Страница заменяет в демо-версии чек у оператора фискальных данных.</p>
<table><thead><tr><th scope="col">Предмет расчета</th><th scope="col">Сумма, коп.</th></tr></thead><tbody>
{{range .Items}}<tr><td>{{.Name}}</td><td>{{.ItemAmount}}</td></tr>{{end}}
</tbody></table>
<p>Итого: {{.Total}} коп. Безналичными. Покупатель: {{.Customer}}</p>
</main></body></html>`))

func (b *Bank) handleOFD(w http.ResponseWriter, r *http.Request) {
	release := b.hold()
	var found *Order
	for _, o := range b.orders {
		if o.Receipt != nil && o.Receipt.UUID == r.PathValue("uuid") && o.Receipt.Status == ReceiptDone {
			found = o
		}
	}
	var d struct {
		Items    any
		Total    int64
		Customer string
	}
	if found != nil {
		var bd bundle
		json.Unmarshal([]byte(found.Bundle), &bd)
		d.Items, d.Total, d.Customer = bd.CartItems.Items, found.Deposited, bd.CustomerDetails.Email+bd.CustomerDetails.Phone
	}
	release()
	if found == nil {
		http.Error(w, "Чек не найден", http.StatusNotFound)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	ofd.Execute(w, d)
}
