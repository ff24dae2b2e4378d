package sberbanktest

import (
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"strings"

	"kabinet/sberbank"
)

// page is the fake's payment page: the order, a card form and the test
// cards, in the plain HTML a bank's page would be (no scripts, no styles
// that a strict CSP would refuse).
var page = template.Must(template.New("page").Parse(`<!doctype html>
<html lang="ru"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Оплата заказа — демо-банк</title></head>
<body><main>
<h1>Демо-банк: оплата картой</h1>
<p>Это учебная платёжная страница демо-версии. Деньги не списываются.</p>
<dl><dt>Заказ</dt><dd>{{.Number}}</dd><dt>Назначение</dt><dd>{{.Description}}</dd>
<dt>Сумма</dt><dd>{{.Sum}} ₽</dd></dl>
{{if .Done}}<p role="status">{{.Done}}</p>{{else}}
{{with .Error}}<p role="alert">{{.}}</p>{{end}}
<form method="post">
<input type="hidden" name="mdOrder" value="{{.ID}}">
<p><label for="pan">Номер карты</label><br><input id="pan" name="pan" inputmode="numeric" autocomplete="cc-number" value="{{.PAN}}" required></p>
<p><label for="expiry">Срок действия (ММ/ГГ)</label><br><input id="expiry" name="expiry" autocomplete="cc-exp" value="12/30" required></p>
<p><label for="cvc">CVC</label><br><input id="cvc" name="cvc" inputmode="numeric" autocomplete="cc-csc" value="123" required></p>
{{if .ClientID}}<p><input type="checkbox" id="bind" name="bind" value="1" checked> <label for="bind">Сохранить карту для автоплатежа</label></p>{{end}}
<p><button type="submit">Оплатить {{.Sum}} ₽</button></p>
</form>
<p>Тестовые карты: {{.OK}} — оплата проходит; {{.Declined}} — банк отказывает.</p>
<form method="post"><input type="hidden" name="mdOrder" value="{{.ID}}"><input type="hidden" name="cancel" value="1">
<button type="submit">Отказаться от оплаты</button></form>{{end}}
</main></body></html>`))

type pageData struct {
	Order
	Sum, PAN, Error, Done string
	OK, Declined          string
}

func (b *Bank) handlePage(w http.ResponseWriter, r *http.Request) {
	b.render(w, r.URL.Query().Get("mdOrder"), CardOK, "")
}

func (b *Bank) render(w http.ResponseWriter, id, pan, errText string) {
	o, ok := b.Order(id)
	if !ok {
		http.Error(w, "Заказ не найден", http.StatusNotFound)
		return
	}
	d := pageData{Order: o, Sum: fmt.Sprintf("%d,%02d", o.Amount/100, o.Amount%100), PAN: pan, Error: errText,
		OK: CardOK, Declined: CardDeclined}
	if o.Status != sberbank.StatusRegistered {
		d.Done = "Заказ уже обработан: " + stateName(o.Status)
	}
	status := http.StatusOK
	if errText != "" {
		status = http.StatusUnprocessableEntity
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	page.Execute(w, d)
}

// handlePay takes the card form: a good card pays the order, the declined
// card declines it, "cancel" leaves it unpaid. Then the callback goes out
// and the browser returns to the merchant, as with the real gateway.
func (b *Bank) handlePay(w http.ResponseWriter, r *http.Request) {
	r.ParseForm()
	id := r.PostForm.Get("mdOrder")
	pan := strings.ReplaceAll(r.PostForm.Get("pan"), " ", "")
	o, ok := b.Order(id)
	switch {
	case !ok:
		http.Error(w, "Заказ не найден", http.StatusNotFound)
		return
	case r.PostForm.Get("cancel") != "":
		http.Redirect(w, r, withOrder(o.FailURL, id), http.StatusSeeOther)
		return
	case pan != CardOK && pan != CardDeclined:
		b.render(w, id, pan, "Неверный номер карты. Используйте одну из тестовых карт.")
		return
	}
	if err := b.settle(id, pan, o.Amount, r.PostForm.Get("bind") == "1"); err != nil {
		b.render(w, id, pan, err.Error())
		return
	}
	to := o.ReturnURL
	if pan == CardDeclined {
		to = o.FailURL
	}
	b.notify(r.Context(), id, sberbank.OpDeposited, pan == CardOK)
	http.Redirect(w, r, withOrder(to, id), http.StatusSeeOther)
}

// settle records the payment of order id by card pan, charging amount.
func (b *Bank) settle(id, pan string, amount int64, bind bool) error {
	defer b.hold()()
	o := b.orders[id]
	if o != nil {
		b.expire(o)
	}
	switch {
	case o == nil:
		return fmt.Errorf("Заказ не найден")
	case o.Status != sberbank.StatusRegistered:
		return fmt.Errorf("Заказ уже обработан")
	}
	o.MaskedPan = maskPAN(pan)
	if pan == CardDeclined {
		o.Status = sberbank.StatusDeclined
		return nil
	}
	o.Status, o.Deposited = sberbank.StatusPaid, amount
	b.fiscalise(o)
	if bind && o.ClientID != "" {
		bd := &binding{id: b.nextID(), clientID: o.ClientID, pan: o.MaskedPan, active: true}
		b.bindings[bd.id], o.BindingID = bd, bd.id
	}
	return nil
}

// withOrder appends orderId to a return URL, as the gateway does.
func withOrder(to, id string) string {
	u, err := url.Parse(to)
	if err != nil {
		return to
	}
	q := u.Query()
	q.Set("orderId", id)
	q.Set("lang", "ru")
	u.RawQuery = q.Encode()
	return u.String()
}
