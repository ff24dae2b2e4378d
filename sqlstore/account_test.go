package sqlstore_test

import (
	"testing"

	"kabinet"
	"kabinet/sqlstore/sqlstoretest"
)

func TestAccounts(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		db := sqlstoretest.MustOpen(t, dsn)
		p1, p2 := MustCreateProvider(t, db, "IES"), MustCreateProvider(t, db, "BEK")
		a := MustCreateAccount(t, db, "ИЭСБК0041300", "Петров",
			&kabinet.SubAccount{ProviderID: p2.ID, Number: "ETCOO204646", Services: []kabinet.Service{kabinet.ServiceHeat}},
			&kabinet.SubAccount{ProviderID: p1.ID, Number: "ИЭСБК0041300", Services: []kabinet.Service{kabinet.ServiceElectricity}})
		MustCreateAccount(t, db, "10103001857", "Иванов")

		t.Run("FindByID", func(t *testing.T) {
			got, err := db.FindAccountByID(ctx, a.ID)
			if err != nil {
				t.Fatal(err)
			}
			if got.Number != a.Number || got.FullName() != "Петров Иван Иванович" || got.Area != 5430 || got.Settlement != kabinet.SettlementCity {
				t.Errorf("got %+v", got)
			}
		})
		t.Run("FindByNumberHoweverTyped", func(t *testing.T) {
			for _, typed := range []string{"ИЭСБК0041300", " иэсбк-0041300", "ИЭCБK0041300", "0041300"} {
				got, err := db.FindAccountByNumber(ctx, kabinet.MustParseAccountNumber(typed))
				if err != nil || got.ID != a.ID {
					t.Errorf("FindAccountByNumber(%q) = %v, %v; want account %d", typed, got, err, a.ID)
				}
			}
		})
		t.Run("ErrNotFound", func(t *testing.T) {
			_, err := db.FindAccountByNumber(ctx, kabinet.MustParseAccountNumber("ИЭСБК9999999"))
			wantCode(t, err, kabinet.ENOTFOUND)
			_, err = db.FindAccountByID(ctx, 987654)
			wantCode(t, err, kabinet.ENOTFOUND)
		})
		t.Run("ErrDigitsAmbiguousWithoutLetters", func(t *testing.T) {
			MustCreateAccount(t, db, "ЕТСОО0041300", "Сидоров")
			_, err := db.FindAccountByNumber(ctx, kabinet.MustParseAccountNumber("0041300"))
			wantCode(t, err, kabinet.ENOTFOUND)
		})
		t.Run("ErrDuplicateNumber", func(t *testing.T) {
			dup := &kabinet.Account{Number: kabinet.MustParseAccountNumber("иэсбк 0041300"), Display: "x", Surname: "X",
				Address: "x", Settlement: kabinet.SettlementRural, Housing: kabinet.HousingHouse}
			wantCode(t, db.CreateAccount(ctx, dup, nil), kabinet.ECONFLICT)
		})
		t.Run("ErrInvalid", func(t *testing.T) {
			bad := &kabinet.Account{Number: kabinet.MustParseAccountNumber("12345678"), Surname: "", Address: "x", Settlement: kabinet.SettlementCity}
			wantCode(t, db.CreateAccount(ctx, bad, nil), kabinet.EINVALID)
		})
		t.Run("SubAccountsInProviderOrder", func(t *testing.T) {
			subs, err := db.FindSubAccounts(ctx, a.ID)
			if err != nil {
				t.Fatal(err)
			}
			if len(subs) != 2 || subs[0].ProviderID != p1.ID || subs[1].Number != "ETCOO204646" || subs[1].Services[0] != kabinet.ServiceHeat {
				t.Errorf("got %+v %+v", subs[0], subs[1])
			}
		})
	})
}
