package main

import (
	"crypto/rand"
	"flag"
	"fmt"
	"net/http"
	"net/http/httptest"
	"time"

	"kabinet/payments"
	"kabinet/sberbank"
	"kabinet/sberbank/sberbanktest"
)

// BankConfig chooses the card acquirer.
type BankConfig struct {
	// Provider is "demo" (a fake gateway served by the portal itself under
	// /dev/bank/, test cards only) or "sberbank".
	Provider string
	URL      string // the gateway; default Sberbank's test host
	User     string // the "-api" account
	Password string
	// CallbackKey is the merchant's symmetric key for callback checksums.
	CallbackKey string
	// PollEvery is how often orders whose callbacks never came are asked
	// about.
	PollEvery time.Duration
}

func (c *Config) bindBank(fs *flag.FlagSet, errs *[]error) {
	str(fs, &c.Bank.Provider, "bank", "KABINET_BANK", "card acquirer: demo (a test payment page served under /dev/bank/) or sberbank")
	str(fs, &c.Bank.URL, "bank-url", "KABINET_BANK_URL", "acquirer base URL (default: "+sberbank.TestURL+")")
	str(fs, &c.Bank.User, "bank-user", "KABINET_BANK_USER", "acquirer API user")
	str(fs, &c.Bank.Password, "bank-password", "KABINET_BANK_PASSWORD", "acquirer API password")
	str(fs, &c.Bank.CallbackKey, "bank-callback-key", "KABINET_BANK_CALLBACK_KEY", "symmetric key of the acquirer's callback checksums")
	str(fs, &c.AgentURL, "agent-url", "KABINET_AGENT_URL", "a payment agent's page («Система Город»), {account} standing for the account number (empty: no link)")
	*errs = append(*errs, dur(fs, &c.Bank.PollEvery, "bank-poll-every", "KABINET_BANK_POLL_EVERY", "how often unpaid orders are asked about"))
}

// newPayments builds the payments service on the configured acquirer.
// The demo's fake gateway is returned too, to be served and told where
// the callbacks go once the portal listens.
func (m *Main) newPayments() (*payments.Service, *sberbanktest.Bank, error) {
	cfg := payments.Config{ReturnURL: m.Config.BaseURL + "/payments/return", Calendar: m.cal, Logger: m.log}
	switch m.Config.Bank.Provider {
	case "demo", "":
		// Served by the portal, so relative addresses are right whatever
		// host the browser used.
		// The demo bank signs its callbacks with the configured key, so
		// the callback path is the production one; with none, a key of
		// this run.
		key := []byte(m.Config.Bank.CallbackKey)
		if len(key) == 0 {
			key = []byte(rand.Text())
		}
		bank := sberbanktest.New(sberbanktest.Config{UserName: "demo-api", Password: "demo", Key: key, PublicURL: "/dev/bank", Logger: m.log})
		cfg.ReturnURL = "/payments/return"
		gw := &sberbank.Gateway{Client: &sberbank.Client{BaseURL: "http://in-process", UserName: "demo-api", Password: "demo",
			HTTP: &http.Client{Transport: handlerTransport{bank}, Timeout: 10 * time.Second}}, Key: key}
		return payments.New(m.db, gw, cfg), bank, nil
	case "sberbank":
		b := m.Config.Bank
		if b.User == "" || b.Password == "" || b.CallbackKey == "" {
			return nil, nil, fmt.Errorf("bank: KABINET_BANK_USER, KABINET_BANK_PASSWORD and KABINET_BANK_CALLBACK_KEY are required for sberbank")
		}
		url := b.URL
		if url == "" {
			url = sberbank.TestURL
		}
		gw := &sberbank.Gateway{Client: &sberbank.Client{BaseURL: url, UserName: b.User, Password: b.Password}, Key: []byte(b.CallbackKey)}
		return payments.New(m.db, gw, cfg), nil, nil
	}
	return nil, nil, fmt.Errorf("bank %q: want demo or sberbank", m.Config.Bank.Provider)
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
