package office

import (
	"context"
	"strconv"
	"strings"

	"kabinet"
)

// Search looks accounts up by number (however typed), by the owner's
// name, or by words of the address, and records the look-up in the audit
// log: the list shows names and addresses.
func (s *Service) Search(ctx context.Context, o *kabinet.Operator, q string, c Client) ([]*kabinet.Account, error) {
	q = strings.Join(strings.Fields(q), " ")
	if q == "" {
		return nil, nil
	}
	if err := s.store.CreateAuditEntry(ctx, s.entry(o, kabinet.AuditSearch, nil, q, c)); err != nil {
		return nil, err
	}
	if n, err := kabinet.ParseAccountNumber(q); err == nil {
		a, err := s.store.FindAccountByNumber(ctx, n)
		switch {
		case err == nil:
			return []*kabinet.Account{a}, nil
		case kabinet.ErrorCode(err) != kabinet.ENOTFOUND:
			return nil, err
		}
	}
	return s.store.SearchAccounts(ctx, kabinet.AccountSearch{Text: q, Limit: s.cfg.SearchLimit})
}

// entry is an audit entry of the operator's action now.
func (s *Service) entry(o *kabinet.Operator, action kabinet.AuditAction, a *kabinet.Account, detail string, c Client) *kabinet.AuditEntry {
	e := &kabinet.AuditEntry{OperatorID: o.ID, OperatorLogin: o.Login, Action: action, Detail: truncate(detail, 500), IP: c.IP}
	if a != nil {
		e.AccountID, e.AccountNumber = a.ID, a.Display
	}
	return e
}

// Card is what the back office shows of an account: the owner and the
// home, each provider's balance and recent ledger, the meters with their
// recent readings, the registration and the customers who reach it.
type Card struct {
	Account   *kabinet.Account
	Providers []*ProviderCard
	Meters    []*MeterCard
	// Owner is the account's registration, nil if none.
	Owner *kabinet.User
	// Users are the registrations that reach the account, the owner's
	// first, then those who linked it.
	Users []*kabinet.AccountUser
	// Informing is where the supplier's messages and bills go: the
	// services panel as the customer saved it, else its defaults.
	Informing *kabinet.ServiceSettings
}

// ProviderCard is one provider's sub-account of the account.
type ProviderCard struct {
	Provider   *kabinet.Provider
	SubAccount *kabinet.SubAccount
	Balance    kabinet.Balance
	// Ledger is the newest entries: charges, payments, penalties.
	Ledger []*kabinet.LedgerEntry
}

// MeterCard is a meter with its newest readings.
type MeterCard struct {
	Meter    *kabinet.Meter
	Readings []*kabinet.Reading
}

// How much of the history the card shows.
const (
	cardLedger   = 12
	cardReadings = 6
)

// Account returns the card of an account and records the view in the
// audit log first: no view goes unrecorded.
func (s *Service) Account(ctx context.Context, o *kabinet.Operator, id int64, c Client) (*Card, error) {
	a, err := s.store.FindAccountByID(ctx, id)
	if err != nil {
		return nil, err
	}
	if err := s.store.CreateAuditEntry(ctx, s.entry(o, kabinet.AuditViewAccount, a, "", c)); err != nil {
		return nil, err
	}
	card := &Card{Account: a}
	if card.Providers, err = s.providers(ctx, a); err != nil {
		return nil, err
	}
	if card.Meters, err = s.meters(ctx, a); err != nil {
		return nil, err
	}
	if card.Users, err = s.store.FindAccountUsers(ctx, a.ID); err != nil {
		return nil, err
	}
	if len(card.Users) > 0 && card.Users[0].Owner {
		card.Owner = card.Users[0].User
	}
	card.Informing, err = s.store.FindServiceSettings(ctx, a.ID)
	if kabinet.ErrorCode(err) == kabinet.ENOTFOUND {
		card.Informing, err = kabinet.DefaultServiceSettings(a, card.Owner), nil
	}
	return card, err
}

func (s *Service) providers(ctx context.Context, a *kabinet.Account) ([]*ProviderCard, error) {
	subs, err := s.store.FindSubAccounts(ctx, a.ID)
	if err != nil {
		return nil, err
	}
	all, err := s.store.FindProviders(ctx)
	if err != nil {
		return nil, err
	}
	byID := map[int64]*kabinet.Provider{}
	for _, p := range all {
		byID[p.ID] = p
	}
	var cards []*ProviderCard
	for _, sub := range subs {
		pc := &ProviderCard{Provider: byID[sub.ProviderID], SubAccount: sub}
		if pc.Provider == nil {
			pc.Provider = &kabinet.Provider{ID: sub.ProviderID, Name: "Исполнитель " + strconv.FormatInt(sub.ProviderID, 10)}
		}
		totals, err := s.store.FindTotals(ctx, sub.ID)
		if err != nil {
			return nil, err
		}
		pc.Balance = totals.Balance()
		if pc.Ledger, err = s.store.FindLedgerEntries(ctx, kabinet.LedgerFilter{SubAccountID: sub.ID, Limit: cardLedger}); err != nil {
			return nil, err
		}
		cards = append(cards, pc)
	}
	return cards, nil
}

func (s *Service) meters(ctx context.Context, a *kabinet.Account) ([]*MeterCard, error) {
	ms, err := s.store.FindMeters(ctx, a.ID)
	if err != nil {
		return nil, err
	}
	var cards []*MeterCard
	for _, m := range ms {
		rs, err := s.store.FindReadings(ctx, kabinet.ReadingFilter{MeterID: m.ID, Limit: cardReadings})
		if err != nil {
			return nil, err
		}
		cards = append(cards, &MeterCard{Meter: m, Readings: rs})
	}
	return cards, nil
}

// DeleteRegistration deletes the account's owner registration, with its
// sessions and tokens, so the customer can register again (AUTH-9); the
// audit row is written in the same transaction. ENOTFOUND if the account
// has no registration.
func (s *Service) DeleteRegistration(ctx context.Context, o *kabinet.Operator, accountID int64, c Client) error {
	a, err := s.store.FindAccountByID(ctx, accountID)
	if err != nil {
		return err
	}
	u, err := s.store.FindOwner(ctx, a.ID)
	if kabinet.ErrorCode(err) == kabinet.ENOTFOUND {
		return kabinet.Errorf(kabinet.ENOTFOUND, "У этого лицевого счета нет регистрации.")
	} else if err != nil {
		return err
	}
	detail := "регистрация №" + strconv.FormatInt(u.ID, 10) + ", " + kabinet.MaskEmail(u.Email)
	return s.store.DeleteUserAudited(ctx, u.ID, s.entry(o, kabinet.AuditDeleteRegistration, a, detail, c))
}
