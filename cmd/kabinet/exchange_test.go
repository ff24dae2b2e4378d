package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"kabinet"
	"kabinet/exchange"
	"kabinet/sqlstore/sqlstoretest"
)

// TestExportCarriesCustomersActions: a portalCustomer of the running program
// passes a reading, changes a service, calls a specialist and pays by card
// through the demo bank; the billing system's export after its last cursor
// carries exactly those actions, and the export after the new cursor
// carries nothing. Both engines.
func TestExportCarriesCustomersActions(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		m := MustRunMain(t, dsn)
		ctx := context.Background()
		secret, _, err := exchange.NewTokens(m.app.DB).Add(ctx, "billing", kabinet.ScopeExchange)
		if err != nil {
			t.Fatal(err)
		}
		billing := &exchangeClient{t: t, url: m.URL(), bearer: "Bearer " + secret}
		before, _ := billing.export("0")

		c := newPortalCustomer(t, m)
		reading := c.passReading(t)
		changes := c.changeServices(t)
		c.callSpecialist(t)
		order := c.payByCard(t)

		cursor, got := billing.export(before)
		want := map[string]int{"portal_readings": 1, "requests": 1, "card_payments": len(order)}
		for _, ch := range changes {
			if ch.Field == kabinet.SettingEmail || ch.Field == kabinet.SettingPhone {
				want["contact_changes"]++
			} else {
				want["service_changes"]++
			}
		}
		for kind, n := range want {
			if len(got[kind]) != n {
				t.Errorf("%s: %d records, want %d: %v", kind, len(got[kind]), n, got[kind])
			}
		}
		for kind, recs := range got {
			if _, ok := want[kind]; !ok {
				t.Errorf("%s: %d records the customer did not make: %v", kind, len(recs), recs)
			}
			for _, r := range recs {
				if r["account_number"] != "10103001857" {
					t.Errorf("%s record of account %v, want 10103001857", kind, r["account_number"])
				}
			}
		}
		if r := got["portal_readings"]; len(r) == 1 && r[0]["reading_id"] != float64(reading) {
			t.Errorf("reading %v exported, want %d", r[0]["reading_id"], reading)
		}
		if r := got["requests"]; len(r) == 1 && r[0]["kind"] != "specialist" {
			t.Errorf("request of kind %v, want specialist", r[0]["kind"])
		}
		for _, p := range got["card_payments"] {
			if !slices.Contains(order, p["payment_id"].(string)) {
				t.Errorf("card payment %v, want one of %v", p["payment_id"], order)
			}
		}
		if _, again := billing.export(cursor); len(again) != 0 {
			t.Errorf("export after cursor %s carries %v, want nothing", cursor, again)
		}
	})
}

// exchangeClient is the billing system on the exchange API.
type exchangeClient struct {
	t           *testing.T
	url, bearer string
}

// export takes the export after since and returns the new cursor and the
// records by kind.
func (c *exchangeClient) export(since string) (string, map[string][]map[string]any) {
	c.t.Helper()
	req, _ := http.NewRequest(http.MethodGet, c.url+"/api/exchange/v1/export?since="+since, nil)
	req.Header.Set("Authorization", c.bearer)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		c.t.Fatalf("export since %s: %d", since, res.StatusCode)
	}
	recs := map[string][]map[string]any{}
	cursor := ""
	sc := bufio.NewScanner(res.Body)
	for sc.Scan() {
		var line struct {
			Kind   string
			Record map[string]any
			Cursor string
		}
		if err := json.Unmarshal(sc.Bytes(), &line); err != nil {
			c.t.Fatalf("export line %q: %v", sc.Text(), err)
		}
		if line.Cursor != "" {
			cursor = line.Cursor
			continue
		}
		recs[line.Kind] = append(recs[line.Kind], line.Record)
	}
	if cursor == "" || cursor != res.Header.Get("Exchange-Cursor") {
		c.t.Fatalf("export since %s ended without its cursor (header %q)", since, res.Header.Get("Exchange-Cursor"))
	}
	return cursor, recs
}

// portalCustomer is the demo's registered portalCustomer signed in to the portal.
type portalCustomer struct {
	m       *Main
	http    *http.Client
	account *kabinet.Account
}

func newPortalCustomer(t *testing.T, m *Main) *portalCustomer {
	jar, _ := cookiejar.New(nil)
	c := &portalCustomer{m: m, http: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}}
	var err error
	if c.account, err = m.app.DB.FindAccountByNumber(context.Background(), kabinet.MustParseAccountNumber("10103001857")); err != nil {
		t.Fatal(err)
	}
	c.post(t, "/login", url.Values{"account": {"10103001857"}, "secret": {"demo2026"}}, "/")
	return c
}

// post sends a form and wants a redirect to a path starting with to.
func (c *portalCustomer) post(t *testing.T, path string, form url.Values, to string) string {
	t.Helper()
	res, err := c.http.PostForm(c.m.URL()+path, form)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	loc := res.Header.Get("Location")
	if res.StatusCode != http.StatusSeeOther || !strings.Contains(loc, to) {
		t.Fatalf("POST %s: %d → %q, want 303 → %s", path, res.StatusCode, loc, to)
	}
	return loc
}

func (c *portalCustomer) path(rest string) string {
	return "/a/" + strconv.FormatInt(c.account.ID, 10) + "/" + rest
}

// passReading passes a reading a little above the last one of the
// account's first meter and returns its ID.
func (c *portalCustomer) passReading(t *testing.T) int64 {
	ctx := context.Background()
	ms, err := c.m.app.DB.FindMeters(ctx, c.account.ID)
	if err != nil || len(ms) == 0 {
		t.Fatalf("meters: %v, %v", ms, err)
	}
	last, err := c.m.app.DB.FindReadings(ctx, kabinet.ReadingFilter{MeterID: ms[0].ID, Limit: 1})
	if err != nil || len(last) == 0 {
		t.Fatalf("last reading: %v, %v", last, err)
	}
	form := url.Values{}
	for i, v := range last[0].Values {
		form.Set("v"+strconv.Itoa(i), strconv.FormatInt(v+20, 10))
	}
	c.post(t, c.path("readings/"+strconv.FormatInt(ms[0].ID, 10)), form, "/a/")
	now, err := c.m.app.DB.FindReadings(ctx, kabinet.ReadingFilter{MeterID: ms[0].ID, Limit: 1})
	if err != nil || len(now) == 0 || now[0].Source != kabinet.SourcePortal {
		t.Fatalf("the reading passed is not there: %v, %v", now, err)
	}
	return now[0].ID
}

// changeServices ticks «счет по e-mail» with an address and no phone, and
// returns the changes logged (services and contacts).
func (c *portalCustomer) changeServices(t *testing.T) []kabinet.ServiceChange {
	c.post(t, c.path("services"), url.Values{"bill_paper": {"on"}, "bill_email": {"on"}, "email": {"ivanov@example.ru"}}, "/a/")
	cs, err := c.m.app.DB.FindServiceChanges(context.Background(), c.account.ID)
	if err != nil || len(cs) == 0 {
		t.Fatalf("no service changes logged: %v", err)
	}
	return cs
}

func (c *portalCustomer) callSpecialist(t *testing.T) {
	c.post(t, c.path("specialist"), url.Values{"full_name": {"Иванов Иван Иванович"}, "address": {c.account.Address}, "contract": {"10103001857"},
		"phone": {"+7 950 123-45-67"}, "service": {"electricity"}, "purpose": {"Проверка прибора учета"},
		"comment": {"Проверьте счётчик"}}, "/requests")
}

var (
	amountField = regexp.MustCompile(`name="(amount-\d+)"`)
	keyField    = regexp.MustCompile(`name="key" value="([^"]+)"`)
)

// payByCard pays 100 ₽ to each provider through the demo bank with the
// good test card, waits until the portal has credited the order, and
// returns the payment IDs the export should name.
func (c *portalCustomer) payByCard(t *testing.T) []string {
	res, err := c.http.Get(c.m.URL() + c.path("pay"))
	if err != nil {
		t.Fatal(err)
	}
	var page strings.Builder
	bufio.NewReader(res.Body).WriteTo(&page)
	res.Body.Close()
	key := keyField.FindStringSubmatch(page.String())
	amounts := amountField.FindAllStringSubmatch(page.String(), -1)
	if key == nil || len(amounts) == 0 {
		t.Fatalf("the pay page has no key or amounts:\n%.2000s", page.String())
	}
	form := url.Values{"key": {key[1]}}
	for _, a := range amounts {
		form.Set(a[1], "100,00")
	}
	bank, err := url.Parse(c.post(t, c.path("pay"), form, "mdOrder="))
	if err != nil {
		t.Fatal(err)
	}
	id := bank.Query().Get("mdOrder")
	c.post(t, strings.TrimPrefix(bank.Path, ""), url.Values{"mdOrder": {id}, "pan": {"4111 1111 1111 1111"}}, "/payments/return")
	o, err := c.m.app.DB.FindPaymentOrderByGatewayID(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(15 * time.Second); o.State != kabinet.PaymentPaid && time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		o, _ = c.m.app.DB.FindPaymentOrderByGatewayID(context.Background(), id)
	}
	if o.State != kabinet.PaymentPaid {
		t.Fatalf("order %s is %s after the bank paid it, want paid", o.Number, o.State)
	}
	var ids []string
	for _, p := range o.Parts {
		ids = append(ids, fmt.Sprintf("card:%s:%d", o.Number, p.SubAccountID))
	}
	return ids
}

// TestServeImportsInbox: a file dropped in --exchange-inbox is imported by
// the running program's job and filed in done/ with its report.
func TestServeImportsInbox(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		inbox := t.TempDir()
		providers := "provider_id;code;name;inn;bank_name;bic;corresp_account;settlement_account;services\n" +
			"P9;NEW;ООО «Новый поставщик»;3808166404;Байкальский банк;042520607;30101810900000000607;40702810918350007537;electricity\n"
		if err := os.WriteFile(filepath.Join(inbox, "providers.csv"), []byte(providers), 0o644); err != nil {
			t.Fatal(err)
		}
		m := MustRunMain(t, dsn, func(c *Config) { c.ExchangeInbox = inbox })
		var done []os.DirEntry
		for deadline := time.Now().Add(30 * time.Second); len(done) < 2 && time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
			done, _ = os.ReadDir(filepath.Join(inbox, exchange.InboxDone))
		}
		if len(done) != 2 || !strings.HasSuffix(done[0].Name(), "providers.csv") {
			t.Fatalf("done/ holds %v, want providers.csv and its report", done)
		}
		ps, err := m.app.DB.FindProviders(context.Background())
		if err != nil || !slices.ContainsFunc(ps, func(p *kabinet.Provider) bool { return p.Code == "NEW" }) {
			t.Errorf("the inbox's provider is not imported: %v", err)
		}
	})
}
