package sberbank_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"kabinet"
	"kabinet/sberbank"
)

// TestReceiptShapes: getReceiptStatus.do's answer is read whichever way
// the gateway's version names the receipts and the link.
func TestReceiptShapes(t *testing.T) {
	for name, c := range map[string]struct {
		body      string
		state     kabinet.ReceiptState
		uuid, url string
	}{
		"Partner": {`{"receipts":[{"receiptId":"r1","receiptType":"SELL","receiptStatus":3,"payload":{"ofdReceiptUrl":"https://ofd.example/r1"}}]}`,
			kabinet.ReceiptDone, "r1", "https://ofd.example/r1"},
		"Classic": {`{"errorCode":"0","receipt":[{"uuid":"u2","receiptStatus":3,"OFD_receipt_url":"https://ofd.example/u2"}]}`,
			kabinet.ReceiptDone, "u2", "https://ofd.example/u2"},
		"Sent":    {`{"receipts":[{"receiptId":"r3","receiptStatus":2}]}`, kabinet.ReceiptPending, "r3", ""},
		"Refused": {`{"receipts":[{"receiptId":"r4","receiptStatus":6}]}`, kabinet.ReceiptFailed, "r4", ""},
		"None":    {`{"errorCode":0,"receipts":[]}`, kabinet.ReceiptPending, "", ""},
		"RefundIgnored": {`{"receipts":[{"receiptId":"r5","receiptType":"SELL","receiptStatus":3,"payload":{"ofdReceiptUrl":"https://ofd.example/r5"}},` +
			`{"receiptId":"r6","receiptType":"SELL_REFUND","receiptStatus":2}]}`, kabinet.ReceiptDone, "r5", "https://ofd.example/r5"},
	} {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path != "/payment/rest/getReceiptStatus.do" {
				http.NotFound(w, r)
				return
			}
			w.Write([]byte(c.body))
		}))
		g := &sberbank.Gateway{Client: &sberbank.Client{BaseURL: srv.URL}}
		got, err := g.Receipt(context.Background(), "md")
		srv.Close()
		if err != nil || got.State != c.state || got.UUID != c.uuid || got.URL != c.url {
			t.Errorf("%s: %+v, %v", name, got, err)
		}
	}
}

// TestSBPOnTheFake: register.do, then the dynamic QR code and its state,
// over HTTP against the fake gateway.
func TestSBPOnTheFake(t *testing.T) {
	bank, c, _ := newBank(t)
	reg := register(t, c, "SBP1", 12345)
	qr, err := c.SBPDynamicQR(context.Background(), reg.OrderID, 300, "https://portal.example/payments/return")
	if err != nil || qr.QRID == "" || qr.RenderedQR == "" || qr.QRStatus != kabinet.QRStarted {
		t.Fatalf("qr = %+v, %v", qr, err)
	}
	if err := bank.PaySBP(context.Background(), reg.OrderID); err != nil {
		t.Fatal(err)
	}
	st, err := c.SBPStatus(context.Background(), reg.OrderID, qr.QRID)
	if err != nil || st.State() != kabinet.QRAccepted || st.TransactionState != "DEPOSITED" {
		t.Fatalf("status = %+v, %v", st, err)
	}
	if _, err := c.SBPDynamicQR(context.Background(), reg.OrderID, 300, ""); err == nil {
		t.Fatal("a QR code for a paid order")
	}
	os, err := c.OrderStatus(context.Background(), reg.OrderID)
	if err != nil || !os.Is(sberbank.StatusPaid) || os.Amount != 12345 {
		t.Fatalf("order status = %+v, %v", os, err)
	}
}
