package smstest_test

import (
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"kabinet/sms/smstest"
)

func TestParts(t *testing.T) {
	for _, tc := range []struct {
		text string
		want int
	}{
		{strings.Repeat("a", 160), 1}, {strings.Repeat("a", 161), 2},
		{strings.Repeat("я", 70), 1}, {strings.Repeat("я", 71), 2},
		{strings.Repeat("я", 134), 2}, {strings.Repeat("я", 135), 3},
	} {
		if got := smstest.Parts(tc.text); got != tc.want {
			t.Errorf("Parts(%d × %q) = %d, want %d", len([]rune(tc.text)), tc.text[:1], got, tc.want)
		}
	}
}

// post sends form to the fake and returns the answer's body.
func post(t *testing.T, endpoint string, form url.Values) string {
	t.Helper()
	resp, err := http.PostForm(endpoint, form)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(string(b))
}

// TestWire pins the answers' exact JSON, as DOMAIN.md §6 shows them.
func TestWire(t *testing.T) {
	ru := smstest.NewSMSRu(t)
	got := post(t, ru.URL+"/sms/send", url.Values{"api_id": {ru.APIID}, "to": {"79501234567,79001"}, "msg": {"Привет"}, "json": {"1"}})
	want := `{"balance":10,"sms":{"79001":{"status":"ERROR","status_code":202,"status_text":"Неправильно указан номер телефона получателя, либо на него нет маршрута"},"79501234567":{"sms_id":"000000-10000001","status":"OK","status_code":100}},"status":"OK","status_code":100}`
	if got != want {
		t.Errorf("SMS.ru answer:\n%s\nwant\n%s", got, want)
	}
	ru.FailNext(1, 220)
	got = post(t, ru.URL+"/sms/send", url.Values{"api_id": {ru.APIID}, "to": {"79501234567"}, "msg": {"Привет"}, "json": {"1"}})
	if want := `{"status":"ERROR","status_code":220,"status_text":"Сервис временно недоступен, попробуйте чуть позже"}`; got != want {
		t.Errorf("SMS.ru 220 answer:\n%s\nwant\n%s", got, want)
	}

	c := smstest.NewSMSC(t)
	form := url.Values{"login": {c.Login}, "psw": {c.Password}, "phones": {"79501234567;79501234568"},
		"mes": {"Привет"}, "fmt": {"3"}, "charset": {"utf-8"}}
	if got := post(t, c.URL+"/sys/send.php", form); got != `{"cnt":2,"id":1}` {
		t.Errorf("SMSC answer: %s", got)
	}
	form.Set("phones", "8950")
	if got := post(t, c.URL+"/sys/send.php", form); got != `{"error":"invalid phone","error_code":7,"id":2}` {
		t.Errorf("SMSC wrong phone answer: %s", got)
	}
	if n := len(c.Messages()); n != 2 {
		t.Errorf("SMSC recorded %d messages, want one per phone: 2", n)
	}
}
