package sberbanktest

import (
	"cmp"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"kabinet/sberbank"
)

// fail is an error answer of the gateway.
type fail struct {
	ErrorCode    string `json:"errorCode"`
	ErrorMessage string `json:"errorMessage"`
}

// api serves one REST method: form-encoded POST (or GET) in, JSON out, with
// the merchant's credentials checked first.
func (b *Bank) api(h func(url.Values) any) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var out any
		if err := r.ParseForm(); err != nil {
			out = fail{"5", "Неверный запрос"}
		} else if r.Form.Get("userName") != b.cfg.UserName || r.Form.Get("password") != b.cfg.Password {
			out = fail{"5", "Доступ запрещён."}
		} else {
			out = h(r.Form)
		}
		w.Header().Set("Content-Type", "application/json;charset=UTF-8")
		json.NewEncoder(w).Encode(out)
	}
}

func (b *Bank) register(p url.Values) any {
	amount, err := strconv.ParseInt(p.Get("amount"), 10, 64)
	switch {
	case p.Get("amount") == "":
		return fail{"12", "Empty amount"}
	case err != nil || amount <= 0:
		return fail{"4", "Неверная сумма"}
	case p.Get("orderNumber") == "" || len(p.Get("orderNumber")) > 32:
		return fail{"4", "Неверный номер заказа"}
	case p.Get("returnUrl") == "":
		return fail{"4", "Не указан URL возврата"}
	}
	defer b.hold()()
	if _, ok := b.numbers[p.Get("orderNumber")]; ok {
		return fail{sberbank.CodeAlreadyRegistered, "Заказ с таким номером уже обработан"}
	}
	o := &Order{ID: b.nextID(), Number: p.Get("orderNumber"), Amount: amount, Status: sberbank.StatusRegistered,
		ReturnURL: p.Get("returnUrl"), FailURL: p.Get("failUrl"), Description: p.Get("description"),
		ClientID: p.Get("clientId"), Created: b.now()}
	if o.FailURL == "" {
		o.FailURL = o.ReturnURL
	}
	if secs, err := strconv.Atoi(p.Get("sessionTimeoutSecs")); err == nil && secs > 0 {
		o.Expires = o.Created.Add(time.Duration(secs) * time.Second)
	}
	if msg := b.takeBundle(o, p); msg != "" {
		return fail{"4", msg}
	}
	if j := p.Get("jsonParams"); j != "" && json.Unmarshal([]byte(j), &o.Params) != nil {
		return fail{"4", "Неверный jsonParams"}
	}
	b.orders[o.ID], b.numbers[o.Number] = o, o.ID
	return map[string]string{"orderId": o.ID, "formUrl": b.cfg.PublicURL + "/payment/merchants/kabinet/payment_ru.html?mdOrder=" + o.ID}
}

// find returns the order that p names by orderId or orderNumber; the bank held.
func (b *Bank) find(p url.Values) *Order {
	id := cmpOr(p.Get("orderId"), p.Get("mdOrder"))
	if id == "" {
		id = b.numbers[p.Get("orderNumber")]
	}
	o := b.orders[id]
	if o != nil {
		b.expire(o)
	}
	return o
}

func (b *Bank) status(p url.Values) any {
	defer b.hold()()
	o := b.find(p)
	if o == nil {
		return fail{"6", "Заказ не найден"}
	}
	params := []map[string]string{}
	for k, v := range o.Params {
		params = append(params, map[string]string{"name": k, "value": v})
	}
	out := map[string]any{
		"errorCode": "0", "errorMessage": "Успешно", "orderNumber": o.Number, "orderStatus": o.Status,
		"actionCode": 0, "actionCodeDescription": "", "amount": o.Amount, "currency": sberbank.Currency643,
		"date": o.Created.UnixMilli(), "orderDescription": o.Description, "merchantOrderParams": params,
		"attributes": []map[string]string{{"name": "mdOrder", "value": o.ID}},
		"paymentAmountInfo": map[string]any{"paymentState": stateName(o.Status), "approvedAmount": o.Deposited,
			"depositedAmount": o.Deposited, "refundedAmount": o.Refunded},
	}
	switch {
	case o.Status == sberbank.StatusDeclined && o.QRStatus == "" && o.MaskedPan == "":
		out["actionCode"], out["actionCodeDescription"] = -2007, "Истек срок ожидания оплаты"
	case o.Status == sberbank.StatusDeclined:
		out["actionCode"], out["actionCodeDescription"] = 116, "Недостаточно средств"
	}
	if o.MaskedPan != "" {
		out["cardAuthInfo"] = map[string]any{"maskedPan": o.MaskedPan}
	}
	if o.BindingID != "" {
		out["bindingInfo"] = map[string]any{"clientId": o.ClientID, "bindingId": o.BindingID}
	}
	return out
}

func stateName(s int) string {
	return map[int]string{0: "CREATED", 1: "APPROVED", 2: "DEPOSITED", 3: "REVERSED", 4: "REFUNDED", 6: "DECLINED"}[s]
}

func (b *Bank) refund(p url.Values) any {
	amount, err := strconv.ParseInt(p.Get("amount"), 10, 64)
	defer b.hold()()
	o := b.find(p)
	switch {
	case o == nil:
		return fail{"6", "Заказ не найден"}
	case o.Status != sberbank.StatusPaid && o.Status != sberbank.StatusRefunded:
		return fail{"7", "Заказ не оплачен"}
	case err != nil || amount <= 0 || o.Refunded+amount > o.Deposited:
		return fail{"7", "Неверная сумма возврата"}
	}
	o.Refunded += amount
	if o.Refunded == o.Deposited {
		o.Status = sberbank.StatusRefunded
	}
	return fail{"0", "Успешно"}
}

func (b *Bank) getBindings(p url.Values) any {
	defer b.hold()()
	list := []map[string]string{}
	for _, bd := range b.bindings {
		if bd.clientID == p.Get("clientId") && bd.active {
			list = append(list, map[string]string{"bindingId": bd.id, "maskedPan": bd.pan, "expiryDate": "203012"})
		}
	}
	if len(list) == 0 {
		return fail{"2", "Информация не найдена"}
	}
	return map[string]any{"errorCode": "0", "bindings": list}
}

func (b *Bank) unBind(p url.Values) any {
	defer b.hold()()
	bd := b.bindings[p.Get("bindingId")]
	if bd == nil || !bd.active {
		return fail{"2", "Связка не найдена или неактивна"}
	}
	bd.active = false
	return fail{"0", "Успешно"}
}

// recurrent is recurrentPayment.do: a merchant-initiated charge of a saved
// card, answered in the {success, data, error} shape of that method.
func (b *Bank) recurrent(p url.Values) any {
	amount, err := strconv.ParseInt(p.Get("amount"), 10, 64)
	defer b.hold()()
	bd := b.bindings[p.Get("bindingId")]
	refuse := func(code, msg string) any {
		return map[string]any{"success": false, "error": map[string]string{"code": code, "description": msg, "message": msg}}
	}
	switch {
	case err != nil || amount <= 0:
		return refuse("4", "Неверная сумма")
	case bd == nil || !bd.active:
		return refuse("2", "Связка не найдена или неактивна")
	case b.numbers[p.Get("orderNumber")] != "":
		return refuse(sberbank.CodeAlreadyRegistered, "Заказ с таким номером уже обработан")
	}
	o := &Order{ID: b.nextID(), Number: p.Get("orderNumber"), Amount: amount, Deposited: amount, Status: sberbank.StatusPaid,
		ClientID: bd.clientID, BindingID: bd.id, MaskedPan: bd.pan, Description: p.Get("description"), Created: b.now()}
	if msg := b.takeBundle(o, p); msg != "" {
		return refuse("4", msg)
	}
	if bd.declines {
		o.Deposited, o.Status = 0, sberbank.StatusDeclined
	} else {
		b.fiscalise(o)
	}
	b.orders[o.ID], b.numbers[o.Number] = o, o.ID
	return map[string]any{"success": true, "data": map[string]string{"orderId": o.ID, "orderNumber": o.Number}}
}

func maskPAN(pan string) string {
	if len(pan) < 10 {
		return "****"
	}
	return pan[:6] + "**" + pan[len(pan)-4:]
}

func cmpOr(a, b string) string { return cmp.Or(a, b) }
