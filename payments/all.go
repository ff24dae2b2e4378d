package payments

import (
	"context"

	"kabinet"
)

// Total is «Итого к оплате»: what the account owes its providers together.
// An overpayment to one provider is not set against the debt to another:
// each is a separate company with its own sub-account, and the money paid
// to one is not the other's.
func Total(balances []kabinet.Balance) kabinet.Money {
	var sum kabinet.Money
	for _, b := range balances {
		sum += max(b.Debt, 0)
	}
	return sum
}

// ErrTotalChanged refuses «Оплатить всё» when the debts are no longer
// the total the customer saw on the button (a payment or a bill came in
// between): he is shown the new total before anything is charged.
var ErrTotalChanged = kabinet.Errorf(kabinet.ECONFLICT,
	"Сумма к оплате изменилась, пока была открыта страница. Проверьте новую сумму и нажмите кнопку оплаты еще раз.")

// ErrNothingOwed refuses «Оплатить всё» of an account that owes nothing.
var ErrNothingOwed = kabinet.Errorf(kabinet.EINVALID, "Задолженности нет: оплачивать нечего.")

// PlaceAll places «Оплатить всё»: one order paying every provider its
// whole debt, split over their sub-accounts as the per-provider payments
// would be (one part and one receipt item each). seen is the total the
// customer was shown; debts that add up to anything else are
// ErrTotalChanged and no order is made. r's Amounts are ignored.
func (s *Service) PlaceAll(ctx context.Context, r Request, seen kabinet.Money) (*kabinet.PaymentOrder, error) {
	dues, err := s.Dues(ctx, r.AccountID)
	if err != nil {
		return nil, err
	}
	r.Amounts = DebtAmounts(dues)
	var total kabinet.Money
	for _, m := range r.Amounts {
		total += m
	}
	switch {
	case total != seen:
		return nil, ErrTotalChanged
	case total <= 0:
		return nil, ErrNothingOwed
	}
	return s.Place(ctx, r)
}

// DebtAmounts is what pays every debt of dues: each sub-account owed
// money, its whole debt.
func DebtAmounts(dues []Due) map[int64]kabinet.Money {
	amounts := map[int64]kabinet.Money{}
	for _, d := range dues {
		if d.Balance.Debt > 0 {
			amounts[d.Sub.ID] = d.Balance.Debt
		}
	}
	return amounts
}
