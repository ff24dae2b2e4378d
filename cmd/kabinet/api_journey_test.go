package main

import (
	"bytes"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"kabinet/api"
	"kabinet/api/apitest"
	"kabinet/sberbank/sberbanktest"
	"kabinet/sqlstore/sqlstoretest"
)

// TestAPIJourney is the mobile app's way through the JSON API on each
// engine, every answer held to openapi.json: the first visit handed over
// to the portal, sign in, the accounts, the balances, a reading passed,
// the debt paid through the demo bank and the credit seen, a bill's PDF,
// sign out — after which the token no longer works.
func TestAPIJourney(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		m := MustRunMain(t, dsn)
		c := apitest.New(t, m.URL())

		res := c.Do("POST", "/api/v1/sessions", map[string]string{"account": "ЕТСОО204646", "secret": "Сидоров", "device": "Тест"})
		if p := res.Problem(t); res.StatusCode != http.StatusForbidden || p.Code != "register_first" {
			t.Fatalf("first visit by surname: %d %+v", res.StatusCode, p)
		}
		res = c.Do("POST", "/api/v1/sessions", map[string]string{"account": "10103001857", "secret": "не тот", "device": "Тест"})
		if p := res.Problem(t); res.StatusCode != http.StatusUnauthorized || p.Detail != "Неверный номер лицевого счета или фамилия / пароль." {
			t.Fatalf("wrong password: %d %+v", res.StatusCode, p)
		}

		var tok struct {
			Token     string `json:"token"`
			AccountID int64  `json:"account_id"`
		}
		res = c.Do("POST", "/api/v1/sessions", map[string]string{"account": "10103001857", "secret": "demo2026", "device": "Телефон Ивана"})
		if res.StatusCode != http.StatusCreated {
			t.Fatalf("sign in: %d %s", res.StatusCode, res.Body)
		}
		res.JSON(t, &tok)
		c.Token = tok.Token
		acc := "/api/v1/accounts/" + strconv.FormatInt(tok.AccountID, 10)

		var accounts struct {
			Accounts []struct {
				ID    int64 `json:"id"`
				Owner bool  `json:"owner"`
			} `json:"accounts"`
		}
		c.Do("GET", "/api/v1/accounts", nil).JSON(t, &accounts)
		if len(accounts.Accounts) == 0 || accounts.Accounts[0].ID != tok.AccountID || !accounts.Accounts[0].Owner {
			t.Fatalf("accounts = %+v", accounts)
		}

		debts := apiDebts(t, c, acc)
		if len(debts) == 0 {
			t.Fatal("the demo's debtor owes nothing")
		}
		apiPassReading(t, c, acc)
		apiPay(t, c, m, acc, debts)
		if after := apiDebts(t, c, acc); len(after) != 0 {
			t.Errorf("debts after paying = %v, want none", after)
		}
		var hist struct {
			Providers []struct {
				Payments []struct {
					Channel string `json:"channel"`
				} `json:"payments"`
			} `json:"providers"`
		}
		c.Do("GET", acc+"/payments", nil).JSON(t, &hist)
		if len(hist.Providers) == 0 || len(hist.Providers[0].Payments) == 0 || hist.Providers[0].Payments[0].Channel != "Банковская карта" {
			t.Errorf("payments history = %+v", hist)
		}
		apiBillPDF(t, c, acc)
		apiBrowserTokenRefused(t, c, m)

		if res := c.Do("DELETE", "/api/v1/sessions/current", nil); res.StatusCode != http.StatusNoContent {
			t.Fatalf("sign out: %d %s", res.StatusCode, res.Body)
		}
		res = c.Do("GET", "/api/v1/accounts", nil)
		if p := res.Problem(t); res.StatusCode != http.StatusUnauthorized || p.Code != "session_ended" {
			t.Errorf("after sign-out: %d %+v", res.StatusCode, p)
		}
		if c.Checked < 14 {
			t.Errorf("only %d answers were validated", c.Checked)
		}
	})
}

// apiDebts returns what the account owes each sub-account, in kopecks,
// leaving out those owed nothing.
func apiDebts(t *testing.T, c *apitest.Client, acc string) map[int64]int64 {
	t.Helper()
	var b struct {
		Balances []struct {
			SubAccountID int64 `json:"sub_account_id"`
			Debt         struct {
				Kopecks int64 `json:"kopecks"`
			} `json:"debt"`
		} `json:"balances"`
	}
	c.Do("GET", acc+"/balances", nil).JSON(t, &b)
	if len(b.Balances) == 0 {
		t.Fatal("no balances")
	}
	debts := map[int64]int64{}
	for _, x := range b.Balances {
		if x.Debt.Kopecks > 0 {
			debts[x.SubAccountID] = x.Debt.Kopecks
		}
	}
	return debts
}

// apiPassReading passes a reading a little above the meter's last one and
// reads its receipt, then one below it, which is refused.
func apiPassReading(t *testing.T, c *apitest.Client, acc string) {
	t.Helper()
	var ms struct {
		Meters []struct {
			ID        int64    `json:"id"`
			Registers []string `json:"registers"`
		} `json:"meters"`
	}
	c.Do("GET", acc+"/meters", nil).JSON(t, &ms)
	if len(ms.Meters) == 0 {
		t.Fatal("no meters")
	}
	path := acc + "/meters/" + strconv.FormatInt(ms.Meters[0].ID, 10) + "/readings"
	var hist struct {
		Readings []struct {
			Values []int64 `json:"values"`
		} `json:"readings"`
	}
	c.Do("GET", path, nil).JSON(t, &hist)
	low, next := make([]string, len(ms.Meters[0].Registers)), make([]string, len(ms.Meters[0].Registers))
	for i := range next {
		last := int64(0)
		if len(hist.Readings) > 0 {
			last = hist.Readings[0].Values[i]
		}
		next[i], low[i] = strconv.FormatInt(last+40, 10), strconv.FormatInt(max(last-1, 0), 10)
	}
	res := c.Do("POST", path, map[string]any{"values": next})
	var rc struct {
		Number  string `json:"number"`
		Reading struct {
			Deletable bool `json:"deletable"`
		} `json:"reading"`
	}
	if res.StatusCode != http.StatusCreated {
		t.Fatalf("pass a reading %v: %d %s", next, res.StatusCode, res.Body)
	}
	res.JSON(t, &rc)
	if rc.Number == "" || !rc.Reading.Deletable {
		t.Errorf("receipt = %s", res.Body)
	}
	if hist.Readings != nil {
		res = c.Do("POST", path, map[string]any{"values": low})
		if p := res.Problem(t); res.StatusCode != http.StatusUnprocessableEntity || p.Code != "reading_refused" {
			t.Errorf("a reading below the last: %d %+v", res.StatusCode, p)
		}
	}
}

// apiPay orders the debts and pays the order on the demo bank's page
// with its test card, as the app's browser would.
func apiPay(t *testing.T, c *apitest.Client, m *Main, acc string, debts map[int64]int64) {
	t.Helper()
	var amounts []map[string]int64
	for sub, k := range debts {
		amounts = append(amounts, map[string]int64{"sub_account_id": sub, "kopecks": k})
	}
	res := c.Do("POST", acc+"/orders", map[string]any{"key": "journey-1", "amounts": amounts, "contact": "ivanov@example.ru"})
	var o struct {
		FormURL string `json:"form_url"`
	}
	if res.StatusCode != http.StatusCreated {
		t.Fatalf("order: %d %s", res.StatusCode, res.Body)
	}
	res.JSON(t, &o)
	page, err := url.Parse(o.FormURL)
	if err != nil || !strings.HasPrefix(o.FormURL, m.URL()+"/dev/bank/") {
		t.Fatalf("form_url = %q", o.FormURL)
	}
	form := url.Values{"mdOrder": {page.Query().Get("mdOrder")}, "pan": {sberbanktest.CardOK}}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	paid, err := client.PostForm(page.Scheme+"://"+page.Host+page.Path, form)
	if err != nil {
		t.Fatal(err)
	}
	paid.Body.Close()
	if paid.StatusCode != http.StatusSeeOther {
		t.Fatalf("the bank's page answered %d", paid.StatusCode)
	}
}

// apiBillPDF fetches the newest bill's PDF.
func apiBillPDF(t *testing.T, c *apitest.Client, acc string) {
	t.Helper()
	var bills struct {
		Bills []struct {
			PDF string `json:"pdf"`
		} `json:"bills"`
	}
	c.Do("GET", acc+"/bills", nil).JSON(t, &bills)
	if len(bills.Bills) == 0 || !strings.HasPrefix(bills.Bills[0].PDF, api.Prefix) {
		t.Fatalf("bills = %+v", bills)
	}
	res := c.Do("GET", bills.Bills[0].PDF, nil)
	if res.StatusCode != http.StatusOK || !bytes.HasPrefix(res.Body, []byte("%PDF")) {
		t.Errorf("bill PDF: %d %q", res.StatusCode, res.Body[:min(len(res.Body), 40)])
	}
}

// apiBrowserTokenRefused: the portal's cookie is no bearer token of the
// API — only a device session's is.
func apiBrowserTokenRefused(t *testing.T, c *apitest.Client, m *Main) {
	t.Helper()
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := client.PostForm(m.URL()+"/login", url.Values{"account": {"10103001857"}, "secret": {"demo2026"}})
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	var cookie string
	for _, ck := range res.Cookies() {
		if ck.Value != "" && ck.HttpOnly {
			cookie = ck.Value
		}
	}
	if cookie == "" {
		t.Fatalf("the portal set no session cookie: %d", res.StatusCode)
	}
	req, _ := http.NewRequest("GET", m.URL()+"/api/v1/accounts", nil)
	req.Header.Set("Authorization", "Bearer "+cookie)
	if r := c.Send(req); r.StatusCode != http.StatusUnauthorized {
		t.Errorf("a browser's session token as a bearer token: %d %s", r.StatusCode, r.Body)
	}
}
