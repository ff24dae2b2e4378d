package sms

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"

	"kabinet"
)

// SMSRu sends through SMS.ru: POST /sms/send with json=1 (DOMAIN.md §6.1).
// From is an approved sender name and may be empty; BaseURL defaults to
// https://sms.ru and HTTP to a client with a 30-second timeout.
type SMSRu struct {
	APIID   string
	From    string
	BaseURL string
	HTTP    *http.Client
}

// smsruAnswer is the JSON answer: a request-level status and one entry per
// number, each with its own status.
type smsruAnswer struct {
	Status     string `json:"status"`
	StatusCode int    `json:"status_code"`
	SMS        map[string]struct {
		Status     string `json:"status"`
		StatusCode int    `json:"status_code"`
		SMSID      string `json:"sms_id"`
	} `json:"sms"`
}

// Send sends text to phone and returns SMS.ru's sms_id.
func (s *SMSRu) Send(ctx context.Context, phone, text string) (string, error) {
	fail := &Error{Gateway: "sms.ru"}
	phone, err := normalize(phone, fail)
	if err != nil {
		return "", err
	}
	fail.Phone = kabinet.MaskPhone(phone)
	form := url.Values{"api_id": {s.APIID}, "to": {phone}, "msg": {text}, "json": {"1"}}
	if s.From != "" {
		form.Set("from", s.From)
	}
	base := s.BaseURL
	if base == "" {
		base = "https://sms.ru"
	}
	body, err := post(ctx, s.HTTP, base+"/sms/send", form, fail)
	if err != nil {
		return "", err
	}
	var a smsruAnswer
	if err := json.Unmarshal(body, &a); err != nil {
		return "", badAnswer(fail, err)
	}
	if a.Status != "OK" {
		return "", smsruFailure(fail, a.StatusCode)
	}
	n, ok := a.SMS[phone]
	switch {
	case !ok:
		return "", badAnswer(fail, fmt.Errorf("no status for the number"))
	case n.Status != "OK":
		return "", smsruFailure(fail, n.StatusCode)
	case n.SMSID == "":
		return "", badAnswer(fail, fmt.Errorf("no sms_id"))
	}
	return n.SMSID, nil
}
