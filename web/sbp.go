package web

import (
	"encoding/base64"
	"encoding/json"
	"html/template"
	"net/http"
	"strconv"

	"kabinet"
	"kabinet/payments"
)

// SBPPage is «Оплата через СБП»: the dynamic QR code to scan from a
// computer, the link that opens the choice of bank on a phone, and the
// payment's status, which sbp.js updates by itself and which, without
// scripts, the page updates by reloading.
type SBPPage struct {
	BasePage
	Order *kabinet.PaymentOrder
	// QR is the code's image as a data: URL; Link the payload link.
	QR   template.URL
	Link string
	SBPStatus
	// StatusURL is what sbp.js asks; Refresh the seconds between reloads
	// without scripts, 0 once the payment is over.
	StatusURL string
	Refresh   int
	Back      string
	// History is «История оплат» of the account, for a visitor who may
	// see it: the receipt is there.
	History string
}

// SBPStatus is the payment's state as the page and sbp.js show it.
type SBPStatus struct {
	Text   string `json:"text"`
	Paid   bool   `json:"paid"`
	Failed bool   `json:"failed"`
	Done   bool   `json:"done"`
}

// sbpRefresh is how often the page reloads itself without scripts.
const sbpRefresh = 5

func sbpPath(o *kabinet.PaymentOrder) string { return "/payments/sbp/" + o.Number }

// contactField is «E-mail или телефон для чека», prefilled with the
// signed-in customer's address or phone.
func contactField(r *http.Request) Field {
	f := Field{ID: "contact", Name: "contact", Label: "E-mail или телефон для чека", Type: "text", Required: true,
		Autocomplete: "email", Hint: "Сюда придет кассовый чек об оплате"}
	if v := visitor(r); v != nil && v.User != nil {
		f.Value = v.User.Email
		if f.Value == "" && v.User.Phone != "" {
			f.Value = "+" + v.User.Phone
		}
	}
	return f
}

func (s *portalSite) handleSBPShow(w http.ResponseWriter, r *http.Request) error {
	v, err := s.payments.SBP(r.Context(), r.PathValue("number"))
	if err != nil {
		return err
	}
	p := &SBPPage{BasePage: s.base(r, "Оплата через СБП"), Order: v.Order, SBPStatus: sbpStatus(v),
		StatusURL: sbpPath(v.Order) + "/status", Back: "/"}
	p.Scripts = []string{"sbp.js"}
	if !p.Done {
		p.Refresh = sbpRefresh
	}
	if v.QR != nil {
		p.QR = template.URL("data:image/png;base64," + base64.StdEncoding.EncodeToString(v.QR.Image))
		p.Link = v.QR.Payload
	}
	if vis := visitor(r); vis != nil && vis.Confirmed() {
		if _, err := s.auth.Reach(r.Context(), vis, v.Order.AccountID); err == nil {
			p.Back = "/a/" + strconv.FormatInt(v.Order.AccountID, 10) + "/"
			p.History = p.Back + "payments"
		}
	}
	return s.render(w, http.StatusOK, "sbp", p)
}

// handleSBPStatus is what sbp.js asks every few seconds: the status as
// JSON.
func (s *portalSite) handleSBPStatus(w http.ResponseWriter, r *http.Request) error {
	v, err := s.payments.SBP(r.Context(), r.PathValue("number"))
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	return json.NewEncoder(w).Encode(sbpStatus(v))
}

// sbpStatus is the sentence about the payment.
func sbpStatus(v *payments.SBPView) SBPStatus {
	switch {
	case v.Order.State == kabinet.PaymentPaid:
		return SBPStatus{Text: "Оплата зачислена на лицевой счет.", Paid: true, Done: true}
	case v.Order.State == kabinet.PaymentMismatch:
		return SBPStatus{Text: "Оплата на проверке: сумма, списанная банком, отличается от заказанной. Мы свяжемся с вами.", Done: true}
	case v.Order.State == kabinet.PaymentFailed:
		return SBPStatus{Text: "Оплата не прошла или время на оплату истекло. Деньги не списаны. Попробуйте еще раз.",
			Failed: true, Done: true}
	case v.QRState == kabinet.QRConfirmed:
		return SBPStatus{Text: "Банк принял оплату. Ждем подтверждения."}
	}
	return SBPStatus{Text: "Ожидаем оплату. Статус обновится сам, как только банк подтвердит платеж."}
}
