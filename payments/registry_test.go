package payments_test

import (
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"

	"kabinet"
	"kabinet/payments"
	"kabinet/sqlstore/sqlstoretest"
)

const registry = `#TYPE 7
#SERVICE 1
g1;05.03.2026;10103001857;IES;1000,00;022026
g2;05.03.2026;10103001857;bek;500;
g1;05.03.2026;10103001857;IES;1000,00;022026
g3;05.03.2026;99999999999;IES;10,00;
g4;31.02.2026;10103001857;IES;10,00;
g5;05.03.2026;10103001857;;10,00;
g6;05.03.2026;10103001857;IES;-5;
g7;05.03.2026;10103001857;IES
g8;05.03.2026;10103001857;XYZ;10,00;
`

func TestImportRegistry(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		f := newFixture(t, dsn)
		format := payments.DefaultRegistryFormat()
		rep, err := payments.ImportRegistry(ctx, f.db, format, strings.NewReader(registry))
		if err != nil {
			t.Fatal(err)
		}
		if rep.Credited != 2 || rep.Sum != 150000 || rep.Duplicates != 1 || len(rep.Rejected) != 6 {
			t.Fatalf("report = %+v", rep)
		}
		for i, want := range []struct {
			line   int
			reason string
		}{{6, "не найден"}, {7, "неверная дата"}, {8, "поставщик не указан"}, {9, "неверная сумма"}, {10, "полей"}, {11, "неизвестный поставщик"}} {
			if got := rep.Rejected[i]; got.Line != want.line || !strings.Contains(got.Reason, want.reason) {
				t.Errorf("rejected[%d] = %+v, want line %d with %q", i, got, want.line, want.reason)
			}
		}
		if d := f.debts(t); d != [2]kabinet.Money{50000, 0} {
			t.Fatalf("debts = %v", d)
		}
		es, _ := f.db.FindLedgerEntries(ctx, kabinet.LedgerFilter{SubAccountID: f.subs[0].ID, Kind: kabinet.EntryPayment})
		if len(es) != 1 || es[0].Channel != kabinet.ChannelAgent || es[0].Period != (kabinet.Period{Year: 2026, Month: 2}) {
			t.Fatalf("IES payments = %+v", es)
		}

		t.Run("AgainChangesNothing", func(t *testing.T) {
			rep, err := payments.ImportRegistry(ctx, f.db, format, strings.NewReader(registry))
			if err != nil || rep.Credited != 0 || rep.Duplicates != 3 {
				t.Fatalf("report = %+v, %v", rep, err)
			}
			if d := f.debts(t); d != [2]kabinet.Money{50000, 0} {
				t.Fatalf("debts = %v", d)
			}
		})
		t.Run("ErrFileSum", func(t *testing.T) {
			_, err := payments.ImportRegistry(ctx, f.db, format, strings.NewReader("#FILESUM 100,00\nh1;06.03.2026;10103001857;IES;99,99;\n"))
			if kabinet.ErrorCode(err) != kabinet.EINVALID {
				t.Fatalf("err = %v", err)
			}
			if d := f.debts(t); d != [2]kabinet.Money{50000, 0} {
				t.Fatalf("debts = %v", d)
			}
		})
		t.Run("Windows1251", func(t *testing.T) {
			a := &kabinet.Account{Number: kabinet.MustParseAccountNumber("ИЭСБК0041300"), Display: "ИЭСБК0041300", Surname: "Петрова",
				Address: "г. Иркутск", Settlement: kabinet.SettlementCity, Housing: kabinet.HousingFlat}
			if err := f.db.CreateAccount(ctx, a, []*kabinet.SubAccount{{ProviderID: f.subs[0].ProviderID, Number: "П1",
				Services: []kabinet.Service{kabinet.ServiceElectricity}}}); err != nil {
				t.Fatal(err)
			}
			file, err := charmap.Windows1251.NewEncoder().String("w1;07.03.2026;ИЭСБК0041300;IES;12,34;\n")
			if err != nil {
				t.Fatal(err)
			}
			if rep, err := payments.ImportRegistry(ctx, f.db, format, strings.NewReader(file)); err != nil || rep.Credited != 0 {
				t.Fatalf("read as UTF-8: %+v, %v", rep, err)
			}
			cp := format
			cp.Encoding = "windows-1251"
			rep, err := payments.ImportRegistry(ctx, f.db, cp, strings.NewReader(file))
			if err != nil || rep.Credited != 1 || rep.Sum != 1234 {
				t.Fatalf("report = %+v, %v", rep, err)
			}
			cp.Encoding = "koi8"
			if _, err := payments.ImportRegistry(ctx, f.db, cp, strings.NewReader(file)); kabinet.ErrorCode(err) != kabinet.EINVALID {
				t.Errorf("unknown encoding: %v", err)
			}
		})
		t.Run("OtherFormat", func(t *testing.T) {
			format := payments.RegistryFormat{Agent: "post", Delimiter: '|', Columns: []string{"account", "amount", "date", "fio", "id", "provider"}}
			rep, err := payments.ImportRegistry(ctx, f.db, format, strings.NewReader("10103001857|100.5|07.03.2026|Иванов И.И.|p-1|IES\n"))
			if err != nil || rep.Credited != 1 || rep.Sum != 10050 {
				t.Fatalf("report = %+v, %v", rep, err)
			}
		})
	})
}
