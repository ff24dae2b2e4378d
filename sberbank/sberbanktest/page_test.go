package sberbanktest

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"testing"
)

// The payment page looks like an acquirer's: the merchant and the amount
// above the card form, its own stylesheet (no inline styles a strict CSP
// refuses), and a banner that it is a test gateway (issue 20).
func TestPaymentPageLooksLikeABank(t *testing.T) {
	srv := httptest.NewUnstartedServer(nil)
	bank := New(Config{UserName: "u", Password: "p", MerchantName: "ООО «Иркутскэнергосбыт»", PublicURL: "http://" + srv.Listener.Addr().String()})
	srv.Config.Handler = bank
	srv.Start()
	t.Cleanup(srv.Close)
	resp, err := http.PostForm(srv.URL+"/payment/rest/register.do", url.Values{"userName": {"u"}, "password": {"p"},
		"orderNumber": {"K-1"}, "amount": {"226246"}, "returnUrl": {"http://shop.test/back"}, "description": {"Оплата по счету 10103001857"}})
	if err != nil {
		t.Fatal(err)
	}
	var reg struct{ FormURL string }
	json.NewDecoder(resp.Body).Decode(&reg)
	resp.Body.Close()
	page := fetch(t, reg.FormURL, "text/html")
	if os.Getenv("KABINET_SHOTS") != "" {
		os.WriteFile(os.Getenv("KABINET_SHOTS")+"/bank.html", []byte(page), 0o644)
	}
	for _, want := range []string{"Тестовый платёжный шлюз", "ООО «Иркутскэнергосбыт»", "2262,46 ₽", "Оплатить 2262,46 ₽",
		`<link rel="stylesheet" href="bank.css">`, "Номер карты", "CVC"} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	if strings.Contains(page, "style=") || strings.Contains(page, "<style") {
		t.Error("the page has inline styles, which the portal's CSP refuses")
	}
	css := fetch(t, strings.Replace(reg.FormURL, "payment_ru.html", "bank.css", 1), "text/css")
	if !strings.Contains(css, ".test-banner") {
		t.Errorf("bank.css: %.80s", css)
	}
}

func fetch(t *testing.T, u, contentType string) string {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), contentType) {
		t.Fatalf("GET %s: %d %s", u, resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	return string(b)
}
