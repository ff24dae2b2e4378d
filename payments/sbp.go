package payments

import (
	"context"
	"time"

	"kabinet"
)

// SBPView is the СБП page of an order: the order as it stands, its QR
// code and where the code stands with the payer's bank.
type SBPView struct {
	Order   *kabinet.PaymentOrder
	QR      *kabinet.SBPQR
	QRState string // kabinet.QRStarted …, "" if unknown
}

// SBP returns the СБП order with our number, first asking the acquirer
// about it (the order status, as the callback and the poller do, so a
// paid order is credited here too) unless it was asked within AskEvery.
// The number is the page's only key: it is random and told to nobody
// but the payer.
func (s *Service) SBP(ctx context.Context, number string) (*SBPView, error) {
	o, err := s.store.FindPaymentOrderByNumber(ctx, number)
	if err != nil {
		return nil, err
	}
	if o.Method != kabinet.MethodSBP {
		return nil, kabinet.Errorf(kabinet.ENOTFOUND, "Заказ не найден")
	}
	v := &SBPView{Order: o}
	if v.QR, err = s.store.FindSBPQR(ctx, o.ID); err != nil && kabinet.ErrorCode(err) != kabinet.ENOTFOUND {
		return nil, err
	}
	if o.State.Final() {
		s.asked.Delete(o.ID)
		return v, nil
	}
	if v.QR == nil || !s.mayAsk(o.ID) {
		return v, nil
	}
	if got, err := s.Resolve(ctx, o); err != nil {
		s.cfg.Logger.Warn("СБП order status", "order", o.Number, "err", err)
	} else {
		v.Order = got
	}
	if !v.Order.State.Final() {
		if v.QRState, err = s.bank.QRState(ctx, o.GatewayID, v.QR.QRID); err != nil {
			s.cfg.Logger.Warn("СБП QR status", "order", o.Number, "err", err)
		}
	}
	return v, nil
}

// mayAsk reports whether the acquirer may be asked about order id now,
// and if so notes that it is.
func (s *Service) mayAsk(id int64) bool {
	now := time.Now()
	if last, ok := s.asked.Load(id); ok && now.Sub(last.(time.Time)) < s.cfg.AskEvery {
		return false
	}
	s.asked.Store(id, now)
	return true
}

// OrderByGatewayID returns the order the acquirer knows as gatewayID.
func (s *Service) OrderByGatewayID(ctx context.Context, gatewayID string) (*kabinet.PaymentOrder, error) {
	return s.store.FindPaymentOrderByGatewayID(ctx, gatewayID)
}
