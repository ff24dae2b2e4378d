package sberbanktest

import (
	"cmp"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"strings"

	"kabinet/sberbank"
)

// page is the fake's payment page, laid out as an acquirer's: the
// merchant and the amount above a card form, and a banner that says it
// is a test gateway. No scripts; its styles are a file of its own
// (bank.css), which a strict CSP allows.
var page = template.Must(template.New("page").Parse(`<!doctype html>
<html lang="ru"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Оплата заказа — демо-банк</title><link rel="stylesheet" href="bank.css"></head>
<body>
<p class="test-banner" role="note"><strong>Тестовый платёжный шлюз</strong> — учебная страница демо-версии, деньги не списываются</p>
<header class="bank-header"><span class="bank-logo" aria-hidden="true">ДБ</span> <span class="bank-name">Демо-банк</span></header>
<main class="bank-card">
<h1>Демо-банк: оплата картой</h1>
<dl class="order"><dt>Магазин</dt><dd class="merchant">{{.Merchant}}</dd><dt>Заказ</dt><dd>{{.Number}}</dd>
<dt>Назначение</dt><dd>{{.Description}}</dd>
<dt>Сумма к оплате</dt><dd class="amount">{{.Sum}} ₽</dd></dl>
{{if .Done}}<p class="done" role="status">{{.Done}}</p>{{else}}
{{with .Error}}<p class="error" role="alert">{{.}}</p>{{end}}
<form class="card-form" method="post">
<input type="hidden" name="mdOrder" value="{{.ID}}">
<p><label for="pan">Номер карты</label><input id="pan" name="pan" inputmode="numeric" autocomplete="cc-number" value="{{.PAN}}" required></p>
<div class="card-row">
<p><label for="expiry">Срок действия (ММ/ГГ)</label><input id="expiry" name="expiry" autocomplete="cc-exp" value="12/30" required></p>
<p><label for="cvc">CVC</label><input id="cvc" name="cvc" inputmode="numeric" autocomplete="cc-csc" value="123" required></p>
</div>
{{if .ClientID}}<p class="bind"><input type="checkbox" id="bind" name="bind" value="1" checked> <label for="bind">Сохранить карту для автоплатежа</label></p>{{end}}
<p><button class="pay" type="submit">Оплатить {{.Sum}} ₽</button></p>
</form>
<p class="hint">Тестовые карты: {{.OK}} — оплата проходит; {{.Declined}} — банк отказывает.</p>
<form method="post"><input type="hidden" name="mdOrder" value="{{.ID}}"><input type="hidden" name="cancel" value="1">
<button class="cancel" type="submit">Отказаться от оплаты</button></form>{{end}}
</main>
<footer class="bank-footer"><p>Платёжная страница банка-эквайера. Данные карты вводятся здесь, а не в личном кабинете.</p></footer>
</body></html>`))

// css is bank.css, the page's styles.
const css = `body{margin:0;background:#eef1f4;color:#1b1f24;font:16px/1.5 Arial,Helvetica,sans-serif}
.test-banner{margin:0;padding:.5rem 1rem;background:#ffd84d;color:#1b1f24;text-align:center;font-size:.9rem}
.bank-header{display:flex;align-items:center;gap:.5rem;max-width:28rem;margin:1rem auto 0;padding:0 1rem}
.bank-logo{display:inline-flex;align-items:center;justify-content:center;width:2.25rem;height:2.25rem;border-radius:50%;background:#1a7f37;color:#fff;font-weight:700}
.bank-name{font-size:1.25rem;font-weight:700}
.bank-card{max-width:28rem;margin:1rem auto;padding:1.25rem;background:#fff;border-radius:.75rem;box-shadow:0 2px 12px rgba(0,0,0,.08)}
h1{margin:0 0 1rem;font-size:1.25rem}
.order{display:grid;grid-template-columns:auto 1fr;gap:.25rem 1rem;margin:0 0 1.25rem;padding-bottom:1rem;border-bottom:1px solid #d0d7de}
.order dt{color:#57606a}.order dd{margin:0;overflow-wrap:anywhere}
.order .amount{font-size:1.5rem;font-weight:700}
.card-form p{margin:0 0 1rem}
label{display:block;margin-bottom:.25rem;color:#57606a;font-size:.9rem}
.bind label{display:inline;color:inherit;font-size:1rem}
input:not([type]),input[inputmode],input[autocomplete]{box-sizing:border-box;width:100%;min-height:2.75rem;padding:.5rem .75rem;border:1px solid #8c959f;border-radius:.5rem;font:inherit;letter-spacing:.05em}
.card-row{display:grid;grid-template-columns:1fr 1fr;gap:1rem;align-items:end}
button{min-height:2.75rem;font:inherit;border-radius:.5rem;cursor:pointer}
.pay{width:100%;border:0;background:#1a7f37;color:#fff;font-weight:700;font-size:1.1rem}
.cancel{width:100%;border:1px solid #8c959f;background:#fff;color:#1b1f24}
.hint{color:#57606a;font-size:.9rem}
.error{padding:.5rem .75rem;border-radius:.5rem;background:#ffebe9;color:#a40e26}
.done{padding:.5rem .75rem;border-radius:.5rem;background:#dafbe1}
.bank-footer{max-width:28rem;margin:0 auto 2rem;padding:0 1rem;color:#57606a;font-size:.85rem}
`

func (b *Bank) handleCSS(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/css; charset=utf-8")
	w.Write([]byte(css))
}

type pageData struct {
	Order
	Sum, PAN, Error, Done string
	Merchant              string
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
	d := pageData{Order: o, Merchant: cmp.Or(b.cfg.MerchantName, b.cfg.UserName), Sum: fmt.Sprintf("%d,%02d", o.Amount/100, o.Amount%100), PAN: pan, Error: errText,
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
