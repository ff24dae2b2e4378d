package sberbank_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"kabinet/sberbank"
	"kabinet/sberbank/sberbanktest"
)

var key = []byte("callback-key")

// newBank serves the fake gateway and returns it with a client of it and
// the callbacks it sends.
func newBank(t *testing.T) (*sberbanktest.Bank, *sberbank.Client, chan url.Values) {
	t.Helper()
	mux := http.NewServeMux()
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	bank := sberbanktest.New(sberbanktest.Config{UserName: "kabinet-api", Password: "pw", Key: key, PublicURL: srv.URL})
	mux.Handle("/payment/", bank)
	calls := make(chan url.Values, 10)
	mux.HandleFunc("/callback", func(w http.ResponseWriter, r *http.Request) { calls <- r.URL.Query() })
	bank.SetCallbackURL(srv.URL + "/callback")
	return bank, &sberbank.Client{BaseURL: srv.URL, UserName: "kabinet-api", Password: "pw"}, calls
}

func register(t *testing.T, c *sberbank.Client, number string, amount int64) *sberbank.Registered {
	t.Helper()
	reg, err := c.Register(context.Background(), sberbank.RegisterRequest{OrderNumber: number, Amount: amount,
		ReturnURL: "https://portal.example/payments/return", JSONParams: map[string]string{"account": "10103001857"}})
	if err != nil {
		t.Fatal(err)
	}
	return reg
}

func TestRegisterPayStatus(t *testing.T) {
	ctx := context.Background()
	bank, c, calls := newBank(t)
	reg := register(t, c, "P1", 123456)
	if reg.OrderID == "" || !strings.Contains(reg.FormURL, "mdOrder="+reg.OrderID) {
		t.Fatalf("register = %+v", reg)
	}
	st, err := c.OrderStatus(ctx, reg.OrderID)
	if err != nil || !st.Is(sberbank.StatusRegistered) || st.Amount != 123456 || st.OrderNumber != "P1" {
		t.Fatalf("status before payment = %+v, %v", st, err)
	}
	if len(st.MerchantOrderParams) != 1 || st.MerchantOrderParams[0].Value != "10103001857" {
		t.Errorf("merchantOrderParams = %+v", st.MerchantOrderParams)
	}
	if err := bank.Pay(ctx, reg.OrderID, 123456); err != nil {
		t.Fatal(err)
	}
	st, err = c.OrderStatus(ctx, reg.OrderID)
	if err != nil || !st.Is(sberbank.StatusPaid) || st.PaymentAmountInfo.DepositedAmount != 123456 {
		t.Fatalf("status after payment = %+v, %v", st, err)
	}
	cb, err := sberbank.VerifyCallback(<-calls, key)
	if err != nil || cb.OrderID != reg.OrderID || cb.Operation != sberbank.OpDeposited || !cb.Success {
		t.Fatalf("callback = %+v, %v", cb, err)
	}
}

func TestRefund(t *testing.T) {
	ctx := context.Background()
	bank, c, _ := newBank(t)
	reg := register(t, c, "P2", 10000)
	var e *sberbank.Error
	if err := c.Refund(ctx, reg.OrderID, 100); !errors.As(err, &e) {
		t.Fatalf("refund of an unpaid order: %v", err)
	}
	bank.Pay(ctx, reg.OrderID, 10000)
	if err := c.Refund(ctx, reg.OrderID, 4000); err != nil {
		t.Fatal(err)
	}
	if err := c.Refund(ctx, reg.OrderID, 6001); !errors.As(err, &e) {
		t.Fatalf("refund past the payment: %v", err)
	}
	if err := c.Refund(ctx, reg.OrderID, 6000); err != nil {
		t.Fatal(err)
	}
	st, _ := c.OrderStatus(ctx, reg.OrderID)
	if !st.Is(sberbank.StatusRefunded) || st.PaymentAmountInfo.RefundedAmount != 10000 {
		t.Fatalf("status = %+v", st)
	}
}

func TestErrors(t *testing.T) {
	ctx := context.Background()
	_, c, _ := newBank(t)
	register(t, c, "P3", 100)
	var e *sberbank.Error
	_, err := c.Register(ctx, sberbank.RegisterRequest{OrderNumber: "P3", Amount: 100, ReturnURL: "https://x"})
	if !errors.As(err, &e) || e.Code != sberbank.CodeAlreadyRegistered {
		t.Errorf("a number registered twice: %v", err)
	}
	bad := *c
	bad.Password = "wrong"
	if _, err := bad.OrderStatus(ctx, "x"); !errors.As(err, &e) || e.Code != "5" {
		t.Errorf("wrong password: %v", err)
	}
	if _, err := c.OrderStatus(ctx, "no-such-order"); !errors.As(err, &e) {
		t.Errorf("unknown order: %v", err)
	}
}

// TestNumericErrorCode: the gateway sends errorCode as a number in some
// answers and as a string in others.
func TestNumericErrorCode(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`{"errorCode":7,"errorMessage":"Системная ошибка"}`))
	}))
	defer srv.Close()
	c := &sberbank.Client{BaseURL: srv.URL}
	var e *sberbank.Error
	if _, err := c.OrderStatus(context.Background(), "x"); !errors.As(err, &e) || e.Code != sberbank.CodeSystemError {
		t.Fatalf("err = %v", err)
	}
}

func TestTimeout(t *testing.T) {
	block := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { <-block }))
	defer srv.Close()
	defer close(block)
	c := &sberbank.Client{BaseURL: srv.URL, HTTP: &http.Client{Timeout: 50 * time.Millisecond}}
	if _, err := c.OrderStatus(context.Background(), "x"); err == nil {
		t.Fatal("a gateway that does not answer: no error")
	}
}

func TestBindings(t *testing.T) {
	ctx := context.Background()
	bank, c, _ := newBank(t)
	if _, err := c.Bindings(ctx, "client-1"); err == nil {
		t.Fatal("bindings of a client without a saved card: no error")
	}
	reg, _ := c.Register(ctx, sberbank.RegisterRequest{OrderNumber: "P4", Amount: 100, ReturnURL: "https://x", ClientID: "client-1"})
	if err := bank.PayAndBind(ctx, reg.OrderID); err != nil {
		t.Fatal(err)
	}
	st, _ := c.OrderStatus(ctx, reg.OrderID)
	bs, err := c.Bindings(ctx, "client-1")
	if err != nil || len(bs) != 1 || bs[0].BindingID != st.BindingInfo.BindingID {
		t.Fatalf("bindings = %+v, %v; status binding %q", bs, err, st.BindingInfo.BindingID)
	}
	if err := c.UnBindCard(ctx, bs[0].BindingID); err != nil {
		t.Fatal(err)
	}
	if err := c.UnBindCard(ctx, bs[0].BindingID); err == nil {
		t.Fatal("unbinding twice: no error")
	}
}

// TestPaymentPage walks the fake's payment page as a browser would: a
// wrong card is refused beside the form, a good one pays and returns.
func TestPaymentPage(t *testing.T) {
	_, c, calls := newBank(t)
	reg := register(t, c, "P5", 5000)
	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := noRedirect.Get(reg.FormURL)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("page: %v %v", resp, err)
	}
	post := func(pan string) *http.Response {
		resp, err := noRedirect.PostForm(reg.FormURL, url.Values{"mdOrder": {reg.OrderID}, "pan": {pan}, "expiry": {"12/30"}, "cvc": {"123"}})
		if err != nil {
			t.Fatal(err)
		}
		return resp
	}
	if r := post("1234"); r.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("a wrong card: %d", r.StatusCode)
	}
	r := post(sberbanktest.CardOK)
	if r.StatusCode != http.StatusSeeOther || !strings.HasPrefix(r.Header.Get("Location"), "https://portal.example/payments/return?") {
		t.Fatalf("after paying: %d %s", r.StatusCode, r.Header.Get("Location"))
	}
	if _, err := sberbank.VerifyCallback(<-calls, key); err != nil {
		t.Fatal(err)
	}
	st, _ := c.OrderStatus(context.Background(), reg.OrderID)
	if !st.Is(sberbank.StatusPaid) {
		t.Fatalf("status = %+v", st)
	}
}

func TestRecurrentPayment(t *testing.T) {
	ctx := context.Background()
	bank, c, _ := newBank(t)
	reg, err := c.Register(ctx, sberbank.RegisterRequest{OrderNumber: "F1", Amount: 1000, ReturnURL: "https://portal.example/r", ClientID: "acc7"})
	if err != nil {
		t.Fatal(err)
	}
	if err := bank.PayAndBind(ctx, reg.OrderID); err != nil {
		t.Fatal(err)
	}
	st, err := c.OrderStatus(ctx, reg.OrderID)
	if err != nil || st.BindingInfo.BindingID == "" || st.BindingInfo.ClientID != "acc7" {
		t.Fatalf("status of the first payment = %+v, %v", st, err)
	}
	binding := st.BindingInfo.BindingID

	id, err := c.RecurrentPayment(ctx, sberbank.RecurrentRequest{OrderNumber: "R1", BindingID: binding, Amount: 54321})
	if err != nil || id == "" {
		t.Fatalf("recurrentPayment = %q, %v", id, err)
	}
	st, err = c.OrderStatusByNumber(ctx, "R1")
	if err != nil || !st.Is(sberbank.StatusPaid) || st.PaymentAmountInfo.DepositedAmount != 54321 || len(st.Attributes) != 1 || st.Attributes[0].Value != id {
		t.Fatalf("status by number = %+v, %v", st, err)
	}
	var e *sberbank.Error
	if _, err := c.RecurrentPayment(ctx, sberbank.RecurrentRequest{OrderNumber: "R1", BindingID: binding, Amount: 54321}); !errors.As(err, &e) || e.Code != sberbank.CodeAlreadyRegistered {
		t.Errorf("the same number again: %v", err)
	}
	if _, err := c.OrderStatusByNumber(ctx, "R2"); !errors.As(err, &e) || e.Code != sberbank.CodeNotFound {
		t.Errorf("status of an unknown number: %v", err)
	}
	bank.DeclineBinding(binding)
	if id, err := c.RecurrentPayment(ctx, sberbank.RecurrentRequest{OrderNumber: "R3", BindingID: binding, Amount: 100}); err != nil {
		t.Errorf("a declined charge is still an order: %v", err)
	} else if st, _ := c.OrderStatus(ctx, id); !st.Is(sberbank.StatusDeclined) {
		t.Errorf("declined charge status = %+v", st)
	}
	if err := c.UnBindCard(ctx, binding); err != nil {
		t.Fatal(err)
	}
	if _, err := c.RecurrentPayment(ctx, sberbank.RecurrentRequest{OrderNumber: "R4", BindingID: binding, Amount: 100}); !errors.As(err, &e) || e.Code != "2" {
		t.Errorf("charging an unbound card: %v", err)
	}
}
