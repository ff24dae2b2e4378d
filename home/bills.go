package home

import (
	"context"

	"kabinet"
)

// Bill returns the account's bill for period p; a period without one is
// ENOTFOUND.
func (s *Service) Bill(ctx context.Context, a *kabinet.Account, p kabinet.Period) (*kabinet.Bill, error) {
	b, err := s.store.FindBill(ctx, a.ID, p)
	if kabinet.ErrorCode(err) == kabinet.ENOTFOUND {
		return nil, kabinet.Errorf(kabinet.ENOTFOUND, "Счета за %s нет", p.Title())
	}
	return b, err
}

// SupplierBillPDF returns the supplier's own PDF of the account's bill
// for period p (the exchange's bill_files); ENOTFOUND when it sent none,
// and Kabinet renders its ЕПД from the bill's data.
func (s *Service) SupplierBillPDF(ctx context.Context, a *kabinet.Account, p kabinet.Period) ([]byte, error) {
	return s.store.FindBillPDF(ctx, a.ID, p)
}

// Bills returns the account's last BillsShown bills, newest first, with
// what each asks to pay.
func (s *Service) Bills(ctx context.Context, a *kabinet.Account) ([]*kabinet.BillSummary, error) {
	return s.store.FindBillSummaries(ctx, a.ID, BillsShown)
}

// NewestBill returns the account's latest bill, the one the sample bill
// explains. An account without bills yet is ENOTFOUND.
func (s *Service) NewestBill(ctx context.Context, a *kabinet.Account) (*kabinet.Bill, error) {
	bs, err := s.store.FindBills(ctx, a.ID, 1)
	if err != nil {
		return nil, err
	}
	if len(bs) == 0 {
		return nil, kabinet.Errorf(kabinet.ENOTFOUND,
			"Счетов по этому лицевому счету ещё нет: образец появится вместе с первым счетом.")
	}
	return bs[0], nil
}
