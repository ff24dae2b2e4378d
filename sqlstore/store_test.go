package sqlstore_test

import (
	"context"
	"testing"
	"time"

	"kabinet"
	"kabinet/sqlstore"
	"kabinet/sqlstore/sqlstoretest"
)

// The contract suite: every test runs on SQLite, and on PostgreSQL when
// KABINET_TEST_POSTGRES is set.

var ctx = context.Background()

func TestOpenTwiceAppliesMigrationsOnce(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		db := sqlstoretest.MustOpen(t, dsn)
		MustCreateAccount(t, db, "ИЭСБК0041300", "Иванов")
		db.Close()
		db2 := sqlstoretest.MustOpen(t, dsn)
		if n, err := db2.CountAccounts(ctx); err != nil || n != 1 {
			t.Fatalf("CountAccounts after reopen = %d, %v; want 1", n, err)
		}
		if err := db2.Ping(ctx); err != nil {
			t.Fatal(err)
		}
	})
}

func MustCreateProvider(tb testing.TB, db *sqlstore.DB, code string) *kabinet.Provider {
	tb.Helper()
	p := &kabinet.Provider{Code: code, Name: "ООО «" + code + "»", INN: "3801999990", KPP: "380101001",
		BankName: "БАЙКАЛЬСКИЙ БАНК ПАО СБЕРБАНК", BIC: "042520607", CorrespAcc: "30101810900000000607",
		PersonalAcc: "40702810818350001234", Services: []kabinet.Service{kabinet.ServiceElectricity}}
	if err := db.CreateProvider(ctx, p); err != nil {
		tb.Fatalf("CreateProvider: %v", err)
	}
	return p
}

func MustCreateAccount(tb testing.TB, db *sqlstore.DB, number, surname string, subs ...*kabinet.SubAccount) *kabinet.Account {
	tb.Helper()
	a := &kabinet.Account{Number: kabinet.MustParseAccountNumber(number), Display: number, Surname: surname,
		FirstName: "Иван", Patronymic: "Иванович", Address: "г. Иркутск, ул. Ленина, д. 1, кв. 1", District: "Кировский",
		Settlement: kabinet.SettlementCity, Housing: kabinet.HousingFlat, Rooms: 2, Area: 5430, Residents: 3,
		Phone: "+79501234567", Email: "ivanov@example.org"}
	if err := db.CreateAccount(ctx, a, subs); err != nil {
		tb.Fatalf("CreateAccount(%s): %v", number, err)
	}
	return a
}

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	if got := kabinet.ErrorCode(err); got != code {
		t.Fatalf("error = %v (code %q), want code %q", err, got, code)
	}
}

func timeMonth(m int) time.Month { return time.Month(m) }
