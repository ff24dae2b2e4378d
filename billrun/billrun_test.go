package billrun_test

import (
	"context"
	"testing"
	"time"

	"kabinet"
	"kabinet/billrun"
	"kabinet/sqlstore"
	"kabinet/sqlstore/sqlstoretest"
)

var (
	ctx = context.Background()
	nov = kabinet.Period{Year: 2025, Month: time.November}
	dec = kabinet.Period{Year: 2025, Month: time.December}
)

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

type world struct {
	db       *sqlstore.DB
	engine   *billrun.Engine
	ies, bek *kabinet.Provider
	now      time.Time
}

func newWorld(t *testing.T, dsn string) *world {
	w := &world{db: sqlstoretest.MustOpen(t, dsn), now: day(2025, 12, 2)}
	w.db.Now = func() time.Time { return w.now }
	w.ies = provider(t, w.db, "IES", kabinet.ServiceElectricity)
	w.bek = provider(t, w.db, "BEK", kabinet.ServiceHeat)
	w.engine = billrun.New(w.db, kabinet.Calendar{Clock: func() time.Time { return w.now }})
	w.engine.ChunkSize = 2
	return w
}

func provider(t *testing.T, db *sqlstore.DB, code string, s kabinet.Service) *kabinet.Provider {
	p := &kabinet.Provider{Code: code, Name: "ООО «" + code + "»", INN: "3801999990", KPP: "380101001", BankName: "Банк",
		BIC: "042520607", CorrespAcc: "30101810900000000607", PersonalAcc: "40702810818350001234", Services: []kabinet.Service{s}}
	if err := db.CreateProvider(ctx, p); err != nil {
		t.Fatal(err)
	}
	return p
}

// flat is a city flat of 54,30 m² with three residents, electricity and
// heat, and a meter of the given zoning (none for ZoningSingle-0).
func (w *world) flat(t *testing.T, number string, heat bool) (*kabinet.Account, []*kabinet.SubAccount) {
	subs := []*kabinet.SubAccount{{ProviderID: w.ies.ID, Number: "Э" + number, Services: []kabinet.Service{kabinet.ServiceElectricity}}}
	if heat {
		subs = append(subs, &kabinet.SubAccount{ProviderID: w.bek.ID, Number: "Т" + number, Services: []kabinet.Service{kabinet.ServiceHeat}})
	}
	a := &kabinet.Account{Number: kabinet.MustParseAccountNumber(number), Display: number, Surname: "Иванов", FirstName: "Иван",
		Address: "г. Иркутск", Settlement: kabinet.SettlementCity, Housing: kabinet.HousingFlat, Rooms: 2, Area: 5430, Residents: 3}
	if err := w.db.CreateAccount(ctx, a, subs); err != nil {
		t.Fatal(err)
	}
	return a, subs
}

func (w *world) meter(t *testing.T, a *kabinet.Account, sub *kabinet.SubAccount, z kabinet.Zoning) *kabinet.Meter {
	m := &kabinet.Meter{AccountID: a.ID, SubAccountID: sub.ID, Service: kabinet.ServiceElectricity, Model: "Меркурий 200.02",
		Serial: "0001", Zoning: z, Digits: 5, Decimals: 1, AccuracyClass: "1,0", Ratio: 1, Phases: 1,
		InstalledOn: day(2019, 1, 1), VerifiedOn: day(2019, 1, 1), NextVerifiedOn: day(2035, 1, 1)}
	if err := w.db.CreateMeter(ctx, m); err != nil {
		t.Fatal(err)
	}
	return m
}

func (w *world) read(t *testing.T, m *kabinet.Meter, p kabinet.Period, taken time.Time, status kabinet.ReadingStatus, values, used []int64) {
	r := &kabinet.Reading{MeterID: m.ID, TakenOn: taken, Period: p, Values: values, Consumption: used,
		Source: kabinet.SourcePortal, Status: status}
	if err := w.db.CreateReading(ctx, r); err != nil {
		t.Fatal(err)
	}
}

// entries returns a sub-account's entries of a kind for a period.
func (w *world) entries(t *testing.T, sub *kabinet.SubAccount, kind kabinet.EntryKind, p kabinet.Period) []*kabinet.LedgerEntry {
	es, err := w.db.FindLedgerEntries(ctx, kabinet.LedgerFilter{SubAccountID: sub.ID, Kind: kind})
	if err != nil {
		t.Fatal(err)
	}
	var out []*kabinet.LedgerEntry
	for _, e := range es {
		if e.Period == p {
			out = append(out, e)
		}
	}
	return out
}

func (w *world) close(t *testing.T, p kabinet.Period) {
	t.Helper()
	c, err := w.engine.Close(ctx, p)
	if err != nil {
		t.Fatalf("close %s: %v", p, err)
	}
	if c.State != kabinet.CloseDone {
		t.Fatalf("close %s: state %s", p, c.State)
	}
}

func amounts(es []*kabinet.LedgerEntry) []kabinet.Money {
	var out []kabinet.Money
	for _, e := range es {
		out = append(out, e.Amount)
	}
	return out
}
