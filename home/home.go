// Package home is the customer's «Главная» (HOME-1..3, SVC-1..4, PAY-4,
// BEY-1) as an application service: what each provider is owed with the
// penalty forecast, the payments, the bills, the additional services and
// their change log, the consumption by month, and the bell. It reads the
// ledger by the billing package's rules, the ones the month close uses,
// and knows nothing of HTTP. Who may see an account is decided before it
// is called (auth.Service.Reach).
package home

import (
	"context"

	"kabinet"
	"kabinet/billing"
)

// Store is what «Главная» reads and writes.
type Store interface {
	FindProviders(ctx context.Context) ([]*kabinet.Provider, error)
	FindSubAccounts(ctx context.Context, accountID int64) ([]*kabinet.SubAccount, error)
	FindBalances(ctx context.Context, accountID int64) ([]*kabinet.SubBalance, error)
	FindLedgerEntries(ctx context.Context, f kabinet.LedgerFilter) ([]*kabinet.LedgerEntry, error)
	FindBills(ctx context.Context, accountID int64, limit int) ([]*kabinet.Bill, error)
	FindBillSummaries(ctx context.Context, accountID int64, limit int) ([]*kabinet.BillSummary, error)
	FindBill(ctx context.Context, accountID int64, p kabinet.Period) (*kabinet.Bill, error)
	FindBillPDF(ctx context.Context, accountID int64, p kabinet.Period) ([]byte, error)
	// FindHome reads what Overview shows, at once.
	FindHome(ctx context.Context, accountID int64, bills int, since kabinet.Period) (*kabinet.AccountHome, error)

	FindServiceSettings(ctx context.Context, accountID int64) (*kabinet.ServiceSettings, error)
	SaveServiceSettings(ctx context.Context, s, defaults *kabinet.ServiceSettings, source string, userID int64) ([]kabinet.ServiceChange, error)

	CreateNotification(ctx context.Context, n *kabinet.Notification) error
	CountUnreadNotifications(ctx context.Context, userID int64) (int, error)
	FindNotifications(ctx context.Context, userID int64, limit int) ([]*kabinet.Notification, error)
	MarkNotificationsRead(ctx context.Context, userID, upTo int64) error
}

// Service answers for «Главная».
type Service struct {
	store Store
	// Due is the one source of due dates (imported bills' before the
	// rules), shared with the reminders.
	Due       *billing.DueSource
	Penalties billing.PenaltyRules
	// Calendar is the clock and the supplier's time zone: "today" of the
	// forecast and the chart's current month.
	kabinet.Calendar
}

// New returns the service with the default due-date and penalty rules,
// the ones billrun.New closes months with.
func New(store Store, cal kabinet.Calendar) *Service {
	return &Service{store: store, Due: billing.NewDueSource(nil), Penalties: billing.DefaultPenaltyRules(),
		Calendar: cal}
}

// BillsShown is how many periods' bills «Главная» lists: the manual keeps
// the last four.
const BillsShown = 4

// Overview is everything «Главная» shows about an account.
type Overview struct {
	Balances []*ProviderBalance
	// Bills are the periods of the last BillsShown bills, newest first.
	Bills       []kabinet.Period
	Consumption []*Series
	Settings    *kabinet.ServiceSettings
}

// Overview gathers «Главная» of account a for user u, from one read of
// the store (FindHome: one round trip on PostgreSQL).
func (s *Service) Overview(ctx context.Context, a *kabinet.Account, u *kabinet.User) (*Overview, error) {
	h, err := s.store.FindHome(ctx, a.ID, BillsShown, s.chartSince())
	if err != nil {
		return nil, err
	}
	o := &Overview{Bills: h.Bills, Consumption: Consumption(h.Usage), Settings: h.Settings}
	if o.Balances, err = s.balances(ctx, h.Balances, s.Due.Of(h.DueDates, owing(h.Balances))); err != nil {
		return nil, err
	}
	if o.Settings == nil {
		o.Settings = kabinet.DefaultServiceSettings(a, u)
	}
	return o, nil
}
