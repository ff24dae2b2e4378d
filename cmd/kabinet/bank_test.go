package main

import (
	"context"
	"net/url"
	"testing"

	"kabinet/payments"
	"kabinet/sberbank"
	"kabinet/sqlstore/sqlstoretest"
)

// The demo bank and the portal share --bank-callback-key: a callback
// signed with it passes the portal's check, one signed otherwise does not
// (issue 14).
func TestDemoBankUsesTheCallbackKey(t *testing.T) {
	m := MustRunMain(t, sqlstoretest.SQLiteDSN(t), func(c *Config) { c.Bank.CallbackKey = "demo-callback-key-2026" })
	params := url.Values{"mdOrder": {"no-such-order"}, "orderNumber": {"1"}, "operation": {"deposited"}, "status": {"1"}}
	signed := url.Values{}
	for k, v := range params {
		signed[k] = v
	}
	signed.Set("checksum", sberbank.Checksum(params, []byte("demo-callback-key-2026")))
	if err := m.app.Payments.Callback(context.Background(), signed); err == payments.ErrCallback {
		t.Fatal("a callback signed with --bank-callback-key was refused")
	}
	params.Set("checksum", sberbank.Checksum(params, []byte("another key")))
	if err := m.app.Payments.Callback(context.Background(), params); err != payments.ErrCallback {
		t.Fatalf("a callback signed with another key: %v", err)
	}
}
