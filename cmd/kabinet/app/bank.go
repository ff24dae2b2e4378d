package app

import (
	"context"
	"crypto/rand"
	"fmt"
	"net/http"
	"net/http/httptest"
	"time"

	"kabinet/payments"
	"kabinet/sberbank"
	"kabinet/sberbank/sberbanktest"
	"kabinet/sqlstore"
)

// newPayments builds the payments service on the configured acquirer.
// The demo's fake gateway is returned too, to be served by the site.
func (a *App) newPayments() (*payments.Service, *sberbanktest.Bank, error) {
	cfg := payments.Config{ReturnURL: a.Config.BaseURL + "/payments/return", Calendar: a.Calendar, Logger: a.Log}
	fiscal := sberbank.Fiscal{TaxSystem: a.Config.Bank.TaxSystem, TaxType: a.Config.Bank.TaxType}
	if fiscal.TaxSystem < 0 || fiscal.TaxSystem > 5 || fiscal.TaxType < 0 || fiscal.TaxType > 10 {
		return nil, nil, fmt.Errorf("receipts: taxSystem %d (want 0-5) or VAT %d (want 0-10) out of range", fiscal.TaxSystem, fiscal.TaxType)
	}
	switch a.Config.Bank.Provider {
	case "demo", "":
		// Served by the portal, so relative addresses are right whatever
		// host the browser used.
		// The demo bank signs its callbacks with the configured key, so
		// the callback path is the production one; with none, a key of
		// this run.
		key := []byte(a.Config.Bank.CallbackKey)
		if len(key) == 0 {
			key = []byte(rand.Text())
		}
		// The СБП links lead to the demo bank's page standing for the
		// payer's bank app.
		bcfg := sberbanktest.Config{UserName: "demo-api", Password: "demo", MerchantName: a.Config.SupplierName, Key: key, PublicURL: "/dev/bank", AppURL: "/dev/bank", Logger: a.Log}
		if a.DB.Engine() == "postgres" {
			// Several servers may share the database: their banks are one
			// bank. SQLite has one server, whose memory is enough.
			bcfg.Shared = demoBank{a.DB}
		}
		bank := sberbanktest.New(bcfg)
		if a.Config.Bank.CallbackURL != "" {
			bank.SetCallbackURL(a.Config.Bank.CallbackURL)
		}
		cfg.ReturnURL = "/payments/return"
		gw := &sberbank.Gateway{Client: &sberbank.Client{BaseURL: "http://in-process", UserName: "demo-api", Password: "demo",
			HTTP: &http.Client{Transport: handlerTransport{bank}, Timeout: 10 * time.Second}}, Key: key, Fiscal: fiscal}
		return payments.New(a.DB, gw, cfg), bank, nil
	case "sberbank":
		b := a.Config.Bank
		if b.User == "" || b.Password == "" || b.CallbackKey == "" {
			return nil, nil, fmt.Errorf("bank: KABINET_BANK_USER, KABINET_BANK_PASSWORD and KABINET_BANK_CALLBACK_KEY are required for sberbank")
		}
		url := b.URL
		if url == "" {
			url = sberbank.TestURL
		}
		gw := &sberbank.Gateway{Client: &sberbank.Client{BaseURL: url, UserName: b.User, Password: b.Password}, Key: []byte(b.CallbackKey),
			Fiscal: fiscal}
		return payments.New(a.DB, gw, cfg), nil, nil
	}
	return nil, nil, fmt.Errorf("bank %q: want demo or sberbank", a.Config.Bank.Provider)
}

// demoBank keeps the demo bank's state in the database.
type demoBank struct{ db *sqlstore.DB }

func (d demoBank) Lock(ctx context.Context) ([]byte, func([]byte) error, error) {
	return d.db.LockDemoBank(ctx)
}

// handlerTransport lets the client reach the demo gateway in the same
// process without a network hop: the same requests and answers, served by
// the handler directly.
type handlerTransport struct{ h http.Handler }

func (t handlerTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	rec := httptest.NewRecorder()
	t.h.ServeHTTP(rec, r)
	return rec.Result(), nil
}
