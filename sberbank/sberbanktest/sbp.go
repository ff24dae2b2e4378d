package sberbanktest

import (
	"context"
	"encoding/base64"
	"fmt"
	"hash/crc32"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"kabinet"
	"kabinet/sberbank"

	"rsc.io/qr"
)

// СБП in the fake: sbp/c2b/qr/dynamic/get.do makes a QR code for a
// registered order, sbp/c2b/qr/status.do tells its state, and a page
// standing for the payer's bank app (/sbp/app/{qrId}) pays or declines it.

// SetClock sets the fake's clock, which ends orders at their lifetime.
func (b *Bank) SetClock(now func() time.Time) {
	defer b.hold()()
	b.now = now
}

// expire ends an unpaid order whose lifetime is over, as the gateway
// does (declinedByTimeout); the bank held.
func (b *Bank) expire(o *Order) {
	if o.Status == sberbank.StatusRegistered && !o.Expires.IsZero() && b.now().After(o.Expires) {
		o.Status = sberbank.StatusDeclined
		if o.QRID != "" {
			o.QRStatus = kabinet.QRRejected
		}
	}
}

func (b *Bank) sbpGet(p url.Values) any {
	defer b.hold()()
	o := b.find(p)
	switch {
	case o == nil:
		return fail{"6", "Заказ не найден"}
	case o.Status != sberbank.StatusRegistered:
		return fail{"7", "Заказ уже обработан"}
	}
	if o.QRID == "" {
		o.QRID = fmt.Sprintf("AD%030X", b.seq*7919+len(b.orders))
		o.QRStatus, o.RedirectURL = kabinet.QRStarted, p.Get("redirectUrl")
	}
	payload := b.payload(o)
	code, err := qr.Encode(payload, qr.M)
	if err != nil {
		return fail{"7", err.Error()}
	}
	if size, _ := strconv.Atoi(p.Get("qrWidth")); size > 0 {
		code.Scale = max(1, size/(code.Size+8))
	}
	return map[string]string{"errorCode": "0", "qrId": o.QRID, "payload": payload, "qrStatus": o.QRStatus,
		"renderedQr": base64.StdEncoding.EncodeToString(code.PNG())}
}

// payload is the link the QR code holds: the demo's bank-app page, or one
// shaped like the real СБП link.
func (b *Bank) payload(o *Order) string {
	if b.cfg.AppURL != "" {
		return b.cfg.AppURL + "/sbp/app/" + o.QRID
	}
	u := "https://qr.nspk.ru/" + o.QRID + "?type=02&bank=100000000111&sum=" + strconv.FormatInt(o.Amount, 10) + "&cur=RUB"
	return u + fmt.Sprintf("&crc=%04X", crc32.ChecksumIEEE([]byte(u))&0xffff)
}

func (b *Bank) sbpStatus(p url.Values) any {
	defer b.hold()()
	o := b.find(p)
	if o == nil || o.QRID == "" || p.Get("qrId") != "" && p.Get("qrId") != o.QRID {
		return fail{"6", "QR-код не найден"}
	}
	return map[string]string{"errorCode": "0", "qrStatus": o.QRStatus, "qrType": "DYNAMIC",
		"transactionState": stateName(o.Status)}
}

// byQR returns the order of a QR code; the bank held.
func (b *Bank) byQR(id string) *Order {
	for _, o := range b.orders {
		if o.QRID == id && id != "" {
			b.expire(o)
			return o
		}
	}
	return nil
}

// PaySBP pays an order by its СБП QR code, as the payer's bank app does,
// and sends the callback unless callbacks are dropped.
func (b *Bank) PaySBP(ctx context.Context, id string) error { return b.answerSBP(ctx, id, true) }

// DeclineSBP declines an order's СБП payment, as a payer who refuses it
// in their bank app.
func (b *Bank) DeclineSBP(ctx context.Context, id string) error { return b.answerSBP(ctx, id, false) }

func (b *Bank) answerSBP(ctx context.Context, id string, pay bool) error {
	release := b.hold()
	o := b.orders[id]
	if o != nil {
		b.expire(o)
	}
	switch {
	case o == nil || o.QRID == "":
		release()
		return fmt.Errorf("no СБП order %s", id)
	case o.Status != sberbank.StatusRegistered:
		release()
		return fmt.Errorf("Заказ уже обработан")
	}
	if pay {
		o.Status, o.Deposited, o.QRStatus = sberbank.StatusPaid, o.Amount, kabinet.QRAccepted
		b.fiscalise(o)
	} else {
		o.Status, o.QRStatus = sberbank.StatusDeclined, kabinet.QRRejected
	}
	release()
	return b.notify(ctx, id, sberbank.OpDeposited, pay)
}

// app is the page standing for the payer's bank app: the payment the QR
// code asks for, «Оплатить» and «Отклонить».
var app = template.Must(template.New("app").Parse(`<!doctype html>
<html lang="ru"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Оплата по QR-коду — демо-банк</title></head>
<body><main>
<h1>Демо-банк: оплата через СБП</h1>
<p>Эта страница заменяет в демо-версии приложение вашего банка. Деньги не списываются.</p>
<dl><dt>Получатель</dt><dd>{{.Description}}</dd><dt>Заказ</dt><dd>{{.Number}}</dd><dt>Сумма</dt><dd>{{.Sum}} ₽</dd></dl>
{{if .Done}}<p role="status">{{.Done}}</p>
{{with .RedirectURL}}<p><a href="{{.}}">Вернуться в личный кабинет</a></p>{{end}}
{{else}}<form method="post">
<p><button type="submit" name="answer" value="pay">Оплатить {{.Sum}} ₽</button></p>
<p><button type="submit" name="answer" value="decline">Отклонить</button></p>
</form>{{end}}
</main></body></html>`))

func (b *Bank) handleApp(w http.ResponseWriter, r *http.Request) {
	release := b.hold()
	o := b.byQR(r.PathValue("qr"))
	var d struct {
		Order
		Sum, Done string
	}
	if o != nil {
		d.Order, d.Sum = *o, fmt.Sprintf("%d,%02d", o.Amount/100, o.Amount%100)
	}
	release()
	if o == nil {
		http.Error(w, "QR-код не найден", http.StatusNotFound)
		return
	}
	switch d.Status {
	case sberbank.StatusRegistered:
	case sberbank.StatusPaid:
		d.Done = "Оплата выполнена."
	default:
		d.Done = "Оплата отклонена или время на оплату истекло."
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	app.Execute(w, d)
}

// handleAppPay takes the payer's answer in the bank app, then shows the
// page again with the result and the way back.
func (b *Bank) handleAppPay(w http.ResponseWriter, r *http.Request) {
	release := b.hold()
	o := b.byQR(r.PathValue("qr"))
	id := ""
	if o != nil {
		id = o.ID
	}
	release()
	if o == nil {
		http.Error(w, "QR-код не найден", http.StatusNotFound)
		return
	}
	b.answerSBP(r.Context(), id, r.PostFormValue("answer") == "pay")
	http.Redirect(w, r, b.cfg.PublicURL+"/sbp/app/"+r.PathValue("qr"), http.StatusSeeOther)
}
