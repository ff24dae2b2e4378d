package auth

import (
	"context"
	"strconv"

	"kabinet"
)

// ErrPayee is the one refusal of «Оплата другого лицевого счета» for a
// wrong number or surname: the answer does not tell which.
var ErrPayee = kabinet.Errorf(kabinet.EUNAUTHORIZED, "Неверный номер лицевого счета или фамилия.")

// FindPayee finds the account somebody wants to pay for (PAY-3) by its
// number and the owner's surname, without signing in. It could be used to
// probe numbers, so it answers like the first visit: one refusal for a
// wrong number or surname, with attempts limited per address (PayeePerIP) and per
// account (ErrTooMany past either).
func (s *Service) FindPayee(ctx context.Context, number, surname string, c Client) (*kabinet.Account, error) {
	n, err := kabinet.ParseAccountNumber(number)
	if err != nil {
		return nil, err
	}
	if err := s.limit(ctx, "payee:ip:"+c.IP, s.cfg.PayeePerIP, ErrTooMany); err != nil {
		return nil, err
	}
	account, err := s.store.FindAccountByNumber(ctx, n)
	key := "payee:number:" + n.String()
	if err == nil {
		key = "payee:account:" + strconv.FormatInt(account.ID, 10)
	} else if kabinet.ErrorCode(err) != kabinet.ENOTFOUND {
		return nil, err
	}
	if err := s.limit(ctx, key, s.cfg.AccountFailures, ErrTooMany); err != nil {
		return nil, err
	}
	if account == nil || !kabinet.SurnameMatches(surname, account.Surname) {
		return nil, ErrPayee
	}
	return account, nil
}
