package sberbank_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"kabinet/sberbank"
	"kabinet/sberbank/sberbanktest"
)

// memShared is a Shared store in memory: what the database's is to
// several servers, for several fakes in one test.
type memShared struct {
	mu    sync.Mutex
	state []byte
}

func (m *memShared) Lock(context.Context) ([]byte, func([]byte) error, error) {
	m.mu.Lock()
	return m.state, func(next []byte) error {
		if next != nil {
			m.state = next
		}
		m.mu.Unlock()
		return nil
	}, nil
}

// TestSharedBank: two fakes on one shared store are one bank: an order
// registered through one is paid on the other, and its status, saved
// card and number are known to both.
func TestSharedBank(t *testing.T) {
	ctx := context.Background()
	shared := &memShared{}
	var banks [2]*sberbanktest.Bank
	var clients [2]*sberbank.Client
	for i := range banks {
		mux := http.NewServeMux()
		srv := httptest.NewServer(mux)
		t.Cleanup(srv.Close)
		banks[i] = sberbanktest.New(sberbanktest.Config{UserName: "kabinet-api", Password: "pw", Key: key, PublicURL: srv.URL, Shared: shared})
		mux.Handle("/payment/", banks[i])
		clients[i] = &sberbank.Client{BaseURL: srv.URL, UserName: "kabinet-api", Password: "pw"}
	}
	reg, err := clients[0].Register(ctx, sberbank.RegisterRequest{OrderNumber: "S1", Amount: 5000, ClientID: "u1",
		ReturnURL: "https://portal.example/payments/return"})
	if err != nil {
		t.Fatal(err)
	}
	if err := banks[1].PayAndBind(ctx, reg.OrderID); err != nil {
		t.Fatalf("the second fake does not know the first's order: %v", err)
	}
	st, err := clients[0].OrderStatus(ctx, reg.OrderID)
	if err != nil || !st.Is(sberbank.StatusPaid) || st.PaymentAmountInfo.DepositedAmount != 5000 {
		t.Fatalf("status on the first fake = %+v, %v; want paid", st, err)
	}
	if bs, err := clients[0].Bindings(ctx, "u1"); err != nil || len(bs) != 1 {
		t.Errorf("bindings on the first fake = %+v, %v", bs, err)
	}
	_, err = clients[1].Register(ctx, sberbank.RegisterRequest{OrderNumber: "S1", Amount: 5000, ReturnURL: "https://portal.example/r"})
	if err == nil {
		t.Error("the second fake registered a number the first had")
	}
	if o, ok := banks[1].Order(reg.OrderID); !ok || o.Deposited != 5000 {
		t.Errorf("Order on the second fake = %+v, %v", o, ok)
	}
}
