package readings

import (
	"context"
	"errors"
	"slices"
	"time"

	"kabinet"
	"kabinet/billing"
)

// Store is what the service needs from the database. *sqlstore.DB has it.
type Store interface {
	FindMeters(ctx context.Context, accountID int64) ([]*kabinet.Meter, error)
	FindSubAccounts(ctx context.Context, accountID int64) ([]*kabinet.SubAccount, error)
	FindReadings(ctx context.Context, f kabinet.ReadingFilter) ([]*kabinet.Reading, error)
	SubmitReading(ctx context.Context, r *kabinet.Reading) error
	DeleteReading(ctx context.Context, meterID, readingID int64, session string) error
}

// Service passes, shows and deletes an account's meter readings. The
// caller has already checked that the customer reaches the account.
type Service struct {
	store   Store
	Rules   Rules
	Tariffs billing.Tariffs
	// Calendar is the clock and the supplier's time zone: the reading
	// window and a reading's day are in it.
	kabinet.Calendar
}

// New returns the service with the default rules and the demo tariffs.
func New(store Store, cal kabinet.Calendar) *Service {
	return &Service{store: store, Rules: DefaultRules(), Tariffs: billing.DemoTariffs(), Calendar: cal}
}

// Services returns the services the account is supplied with, in the
// order of its sub-accounts.
func (s *Service) Services(ctx context.Context, a *kabinet.Account) ([]kabinet.Service, error) {
	subs, err := s.store.FindSubAccounts(ctx, a.ID)
	if err != nil {
		return nil, err
	}
	var out []kabinet.Service
	for _, sub := range subs {
		for _, sv := range sub.Services {
			if !slices.Contains(out, sv) {
				out = append(out, sv)
			}
		}
	}
	return out, nil
}

// Meters returns the account's meters of one service.
func (s *Service) Meters(ctx context.Context, a *kabinet.Account, sv kabinet.Service) ([]*kabinet.Meter, error) {
	ms, err := s.store.FindMeters(ctx, a.ID)
	if err != nil {
		return nil, err
	}
	return slices.DeleteFunc(ms, func(m *kabinet.Meter) bool { return m.Service != sv }), nil
}

// Meter returns one of the account's meters; ENOTFOUND for anybody else's.
func (s *Service) Meter(ctx context.Context, a *kabinet.Account, id int64) (*kabinet.Meter, error) {
	ms, err := s.store.FindMeters(ctx, a.ID)
	if err != nil {
		return nil, err
	}
	for _, m := range ms {
		if m.ID == id {
			return m, nil
		}
	}
	return nil, kabinet.Errorf(kabinet.ENOTFOUND, "Прибор учета не найден")
}

// History returns a meter's readings taken in [from, to], newest first.
func (s *Service) History(ctx context.Context, m *kabinet.Meter, from, to time.Time) ([]*kabinet.Reading, error) {
	return s.store.FindReadings(ctx, kabinet.ReadingFilter{MeterID: m.ID, From: from, To: to, Limit: 500})
}

// Recent returns the readings the checks and the preview look at, newest
// first: the last real one and the six months before it, with room for a
// same-day reading and months charged by estimate. Submitting is the rush
// hour's hot path, so it reads no more rows than that.
func (s *Service) Recent(ctx context.Context, m *kabinet.Meter) ([]*kabinet.Reading, error) {
	return s.store.FindReadings(ctx, kabinet.ReadingFilter{MeterID: m.ID, Limit: recentReadings})
}

// recentReadings is how many readings Recent reads.
const recentReadings = 12

// Submission is a reading as a customer sent it.
type Submission struct {
	Account   *kabinet.Account
	MeterID   int64
	Typed     []string
	Confirmed []Confirm
	Session   string // hash of the customer's session
}

// Submit checks a reading and stores it; it returns the stored reading,
// committed, or a *Problem to show beside the button.
func (s *Service) Submit(ctx context.Context, sub Submission) (*Checked, error) {
	m, err := s.Meter(ctx, sub.Account, sub.MeterID)
	if err != nil {
		return nil, err
	}
	history, err := s.Recent(ctx, m)
	if err != nil {
		return nil, err
	}
	c, p := s.Rules.Check(Input{Meter: m, Housing: sub.Account.Housing, Typed: sub.Typed, Confirmed: sub.Confirmed,
		History: history, Now: s.Now(), Loc: s.Zone()})
	if p != nil {
		return nil, p
	}
	c.Reading.Session = sub.Session
	if err := s.store.SubmitReading(ctx, c.Reading); err != nil {
		return nil, err
	}
	return c, nil
}

// Delete deletes a reading the session passed, while its month is open.
func (s *Service) Delete(ctx context.Context, a *kabinet.Account, meterID, readingID int64, session string) error {
	if _, err := s.Meter(ctx, a, meterID); err != nil {
		return err
	}
	err := s.store.DeleteReading(ctx, meterID, readingID, session)
	if kabinet.ErrorCode(err) == kabinet.ENOTFOUND {
		return kabinet.Errorf(kabinet.ECONFLICT, "Показание нельзя удалить: оно уже рассчитано или передано в другом сеансе работы с личным кабинетом")
	}
	return err
}

// Deletable reports whether the session may still delete r (METER-5).
func Deletable(r *kabinet.Reading, session string) bool {
	return r.Source == kabinet.SourcePortal && r.Status == kabinet.ReadingAccepted && session != "" && r.Session == session
}

// AsProblem returns the *Problem in err, if any.
func AsProblem(err error) (*Problem, bool) {
	var p *Problem
	ok := errors.As(err, &p)
	return p, ok
}
