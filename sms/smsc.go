package sms

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"

	"kabinet"
)

// SMSC sends through SMSC.ru: POST /sys/send.php with fmt=3 (JSON) and
// charset=utf-8, since SMSC otherwise reads the text as windows-1251
// (DOMAIN.md §6.2). Sender is an approved sender name and may be empty;
// BaseURL defaults to https://smsc.ru and HTTP to a 30-second client.
type SMSC struct {
	Login    string
	Password string
	Sender   string
	BaseURL  string
	HTTP     *http.Client
}

// smscAnswer is either {"id":…,"cnt":…} or {"error":…,"error_code":…}.
type smscAnswer struct {
	ID        json.Number `json:"id"`
	Count     int         `json:"cnt"`
	ErrorCode int         `json:"error_code"`
}

// Send sends text to phone and returns SMSC's message id.
func (s *SMSC) Send(ctx context.Context, phone, text string) (string, error) {
	fail := &Error{Gateway: "smsc"}
	phone, err := normalize(phone, fail)
	if err != nil {
		return "", err
	}
	fail.Phone = kabinet.MaskPhone(phone)
	form := url.Values{
		"login": {s.Login}, "psw": {s.Password}, "phones": {phone}, "mes": {text},
		"fmt": {"3"}, "charset": {"utf-8"},
	}
	if s.Sender != "" {
		form.Set("sender", s.Sender)
	}
	base := s.BaseURL
	if base == "" {
		base = "https://smsc.ru"
	}
	body, err := post(ctx, s.HTTP, base+"/sys/send.php", form, fail)
	if err != nil {
		return "", err
	}
	var a smscAnswer
	if err := json.Unmarshal(body, &a); err != nil {
		return "", badAnswer(fail, err)
	}
	switch {
	case a.ErrorCode != 0:
		return "", smscFailure(fail, a.ErrorCode)
	case a.ID == "":
		return "", badAnswer(fail, fmt.Errorf("no id"))
	}
	return a.ID.String(), nil
}

// smscFailure fills fail with an SMSC error_code and its class.
//
// Temporary: 3 (not enough money: staff top it up), 4 (IP blocked for a
// while after frequent errors: it lifts by itself) and 9 (duplicate request:
// SMSC refuses the same SMS within about a minute, so after a backoff it
// goes; we would rather send a code twice than not at all). Permanent: 1 and
// 5 (bad parameters), 2 (wrong login or password: configuration), 6
// (forbidden text or sender), 7 (wrong number), 8 (undeliverable) and any
// code not documented.
func smscFailure(fail *Error, code int) *Error {
	meanings := [...]string{"", "parameter error", "wrong login or password",
		"not enough money", "IP temporarily blocked", "wrong date format",
		"message forbidden", "wrong phone format", "undeliverable", "duplicate request"}
	fail.Code, fail.Meaning = code, "unknown code"
	if code > 0 && code < len(meanings) {
		fail.Meaning = meanings[code]
	}
	fail.Permanent = code != 3 && code != 4 && code != 9
	return fail
}
