package sqlstore_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"kabinet"
	"kabinet/sqlstore"
	"kabinet/sqlstore/sqlstoretest"
)

func mustOperator(t *testing.T, db *sqlstore.DB, login string, role kabinet.Role) *kabinet.Operator {
	t.Helper()
	o := &kabinet.Operator{Login: login, Name: "Смирнова Ольга", Role: role, PasswordHash: "$argon2id$x", TOTPSecret: "JBSWY3DPEHPK3PXP"}
	if err := db.CreateOperator(ctx, o); err != nil {
		t.Fatal(err)
	}
	return o
}

func TestOperators(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		db := sqlstoretest.MustOpen(t, dsn)
		o := mustOperator(t, db, " Smirnova ", kabinet.RoleAdmin)
		got, err := db.FindOperatorByLogin(ctx, "SMIRNOVA")
		if err != nil || got.ID != o.ID || got.Login != "smirnova" || got.Role != kabinet.RoleAdmin || got.TOTPSecret != "JBSWY3DPEHPK3PXP" {
			t.Fatalf("FindOperatorByLogin = %+v, %v", got, err)
		}
		wantCode(t, db.CreateOperator(ctx, &kabinet.Operator{Login: "smirnova", Role: kabinet.RoleOperator}), kabinet.ECONFLICT)
		_, err = db.FindOperatorByLogin(ctx, "nobody")
		wantCode(t, err, kabinet.ENOTFOUND)

		t.Run("TOTPStepOnce", func(t *testing.T) {
			if err := db.UseTOTPStep(ctx, o.ID, 100); err != nil {
				t.Fatal(err)
			}
			wantCode(t, db.UseTOTPStep(ctx, o.ID, 100), kabinet.ECONFLICT)
			wantCode(t, db.UseTOTPStep(ctx, o.ID, 99), kabinet.ECONFLICT)
			// Ten sign-ins racing with the same code: one wins.
			var wg sync.WaitGroup
			var mu sync.Mutex
			won := 0
			for range 10 {
				wg.Go(func() {
					if db.UseTOTPStep(context.Background(), o.ID, 101) == nil {
						mu.Lock()
						won++
						mu.Unlock()
					}
				})
			}
			wg.Wait()
			if won != 1 {
				t.Errorf("%d of 10 racing uses of one code won, want 1", won)
			}
		})
		t.Run("Password", func(t *testing.T) {
			mustChange := &kabinet.Operator{Login: "new", Role: kabinet.RoleOperator, PasswordHash: "a", MustChangePassword: true}
			if err := db.CreateOperator(ctx, mustChange); err != nil {
				t.Fatal(err)
			}
			if err := db.SetOperatorPassword(ctx, mustChange.ID, "b"); err != nil {
				t.Fatal(err)
			}
			got, _ := db.FindOperatorByID(ctx, mustChange.ID)
			if got.PasswordHash != "b" || got.MustChangePassword {
				t.Errorf("after SetOperatorPassword: %+v", got)
			}
		})
		t.Run("Sessions", func(t *testing.T) {
			now := time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)
			s := &kabinet.OperatorSession{TokenHash: "h1", OperatorID: o.ID, CreatedAt: now, SeenAt: now, IP: "127.0.0.1", UserAgent: "test"}
			if err := db.CreateOperatorSession(ctx, s); err != nil {
				t.Fatal(err)
			}
			got, err := db.FindOperatorSession(ctx, "h1")
			if err != nil || got.OperatorID != o.ID || !got.CreatedAt.Equal(now) {
				t.Fatalf("FindOperatorSession = %+v, %v", got, err)
			}
			db.Now = func() time.Time { return now.Add(time.Hour) }
			defer func() { db.Now = nil }()
			if err := db.TouchOperatorSession(ctx, "h1"); err != nil {
				t.Fatal(err)
			}
			if got, _ := db.FindOperatorSession(ctx, "h1"); !got.SeenAt.Equal(now.Add(time.Hour)) {
				t.Errorf("seen at %v after touch", got.SeenAt)
			}
			if err := db.DeleteOperatorSession(ctx, "h1"); err != nil {
				t.Fatal(err)
			}
			_, err = db.FindOperatorSession(ctx, "h1")
			wantCode(t, err, kabinet.ENOTFOUND)
		})
	})
}

func TestSearchAccounts(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		db := sqlstoretest.MustOpen(t, dsn)
		ivanov := MustCreateAccount(t, db, "10103001857", "Иванов")
		MustCreateAccount(t, db, "ИЭСБК0041300", "Петрова")
		fedorov := &kabinet.Account{Number: kabinet.MustParseAccountNumber("ЕТСОО204646"), Display: "ЕТСОО204646", Surname: "Фёдоров",
			FirstName: "Пётр", Patronymic: "Ильич", Address: "Иркутский р-н, д. Хомутово, ул. 100%_Кирова, д. 7",
			Settlement: kabinet.SettlementRural, Housing: kabinet.HousingHouse}
		if err := db.CreateAccount(ctx, fedorov, nil); err != nil {
			t.Fatal(err)
		}
		for q, want := range map[string][]string{
			"иванов":            {"10103001857"},
			"ИВАНОВ ИВАН":       {"10103001857"},
			"иванов петр":       nil,
			"федоров":           {"ЕТСОО204646"}, // ё typed as е
			"Фёдоров Пётр":      {"ЕТСОО204646"},
			"ленина":            {"10103001857", "ИЭСБК0041300"},
			"ЛЕНИНА д. 1":       {"10103001857", "ИЭСБК0041300"},
			"хомутово кирова 7": {"ЕТСОО204646"},
			"100%_":             {"ЕТСОО204646"},
			"и%в":               nil, // a wildcard typed is a character
			"_ванов":            nil,
			"   ":               nil,
			"ванов":             nil, // names match from their start
		} {
			found, err := db.SearchAccounts(ctx, kabinet.AccountSearch{Text: q})
			if err != nil {
				t.Fatalf("%q: %v", q, err)
			}
			var got []string
			for _, a := range found {
				got = append(got, a.Display)
			}
			if !equalSets(got, want) {
				t.Errorf("search %q = %q, want %q", q, got, want)
			}
		}
		if found, _ := db.SearchAccounts(ctx, kabinet.AccountSearch{Text: "ленина", Limit: 1}); len(found) != 1 || found[0].ID != ivanov.ID {
			t.Errorf("limit 1: %v", found)
		}
	})
}

func equalSets(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	seen := map[string]int{}
	for _, s := range a {
		seen[s]++
	}
	for _, s := range b {
		seen[s]--
	}
	for _, n := range seen {
		if n != 0 {
			return false
		}
	}
	return true
}

func TestAuditAndDeleteRegistration(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		db := sqlstoretest.MustOpen(t, dsn)
		now := time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)
		db.Now = func() time.Time { return now }
		op := mustOperator(t, db, "operator", kabinet.RoleOperator)
		admin := mustOperator(t, db, "admin", kabinet.RoleAdmin)
		own := MustCreateAccount(t, db, "10103001857", "Иванов")
		other := MustCreateAccount(t, db, "ИЭСБК0041300", "Петрова")
		u := &kabinet.User{PasswordHash: "$argon2id$x", Email: "i@example.org", ConfirmBy: kabinet.ConfirmByEmail}
		if err := db.CreateUser(ctx, u, own.ID); err != nil {
			t.Fatal(err)
		}
		linker := &kabinet.User{PasswordHash: "$argon2id$x", Email: "p@example.org", ConfirmBy: kabinet.ConfirmByEmail}
		if err := db.CreateUser(ctx, linker, other.ID); err != nil {
			t.Fatal(err)
		}
		if err := db.LinkAccount(ctx, linker.ID, own.ID, nil); err != nil {
			t.Fatal(err)
		}
		users, err := db.FindAccountUsers(ctx, own.ID)
		if err != nil || len(users) != 2 || !users[0].Owner || users[0].User.ID != u.ID || users[1].Owner ||
			users[1].User.Email != "p@example.org" || users[1].Registered != "ИЭСБК0041300" {
			t.Fatalf("FindAccountUsers = %+v, %v", users, err)
		}

		view := &kabinet.AuditEntry{OperatorID: op.ID, OperatorLogin: op.Login, Action: kabinet.AuditViewAccount,
			AccountID: own.ID, AccountNumber: own.Display, IP: "10.0.0.7"}
		if err := db.CreateAuditEntry(ctx, view); err != nil || view.ID == 0 || !view.At.Equal(now) {
			t.Fatalf("CreateAuditEntry: %v %+v", err, view)
		}
		now = now.Add(24 * time.Hour)
		search := &kabinet.AuditEntry{OperatorID: admin.ID, OperatorLogin: admin.Login, Action: kabinet.AuditSearch, Detail: "иванов"}
		if err := db.CreateAuditEntry(ctx, search); err != nil {
			t.Fatal(err)
		}
		now = now.Add(time.Hour)
		del := &kabinet.AuditEntry{OperatorID: op.ID, OperatorLogin: op.Login, Action: kabinet.AuditDeleteRegistration,
			AccountID: own.ID, AccountNumber: own.Display}
		if err := db.DeleteUserAudited(ctx, u.ID, del); err != nil {
			t.Fatal(err)
		}
		_, err = db.FindOwner(ctx, own.ID)
		wantCode(t, err, kabinet.ENOTFOUND)
		// A registration that is gone: nothing deleted, nothing audited.
		wantCode(t, db.DeleteUserAudited(ctx, u.ID, &kabinet.AuditEntry{OperatorID: op.ID, Action: kabinet.AuditDeleteRegistration}), kabinet.ENOTFOUND)
		// An audit row that cannot be written takes the deletion with it.
		if err := db.DeleteUserAudited(ctx, linker.ID, &kabinet.AuditEntry{OperatorID: 999999, Action: kabinet.AuditDeleteRegistration}); err == nil {
			t.Fatal("an audit row naming no operator was written")
		}
		if _, err := db.FindOwner(ctx, other.ID); err != nil {
			t.Errorf("the deletion was kept without its audit row: %v", err)
		}

		day := time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)
		for _, c := range []struct {
			name string
			f    kabinet.AuditFilter
			want []int64
		}{
			{"All", kabinet.AuditFilter{}, []int64{del.ID, search.ID, view.ID}},
			{"Operator", kabinet.AuditFilter{OperatorID: op.ID}, []int64{del.ID, view.ID}},
			{"Account", kabinet.AuditFilter{AccountID: own.ID}, []int64{del.ID, view.ID}},
			{"Day", kabinet.AuditFilter{From: day, To: day.Add(24 * time.Hour)}, []int64{del.ID, search.ID}},
			{"Before", kabinet.AuditFilter{To: day}, []int64{view.ID}},
			{"Limit", kabinet.AuditFilter{Limit: 1}, []int64{del.ID}},
		} {
			es, err := db.FindAuditEntries(ctx, c.f)
			if err != nil {
				t.Fatal(err)
			}
			var got []int64
			for _, e := range es {
				got = append(got, e.ID)
			}
			if len(got) != len(c.want) || (len(got) > 0 && got[0] != c.want[0]) || len(got) > 1 && got[len(got)-1] != c.want[len(c.want)-1] {
				t.Errorf("%s: entries %v, want %v", c.name, got, c.want)
			}
		}
		es, _ := db.FindAuditEntries(ctx, kabinet.AuditFilter{AccountID: own.ID})
		if e := es[len(es)-1]; e.OperatorLogin != "operator" || e.Action != kabinet.AuditViewAccount || e.IP != "10.0.0.7" || e.AccountNumber != "10103001857" {
			t.Errorf("the view as read back: %+v", e)
		}
	})
}
