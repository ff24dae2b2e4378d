package sqlstore_test

import (
	"testing"

	"kabinet"
	"kabinet/sqlstore"
	"kabinet/sqlstore/sqlstoretest"
)

func MustCreateUser(tb testing.TB, db *sqlstore.DB, accountID int64, email string) *kabinet.User {
	tb.Helper()
	u := &kabinet.User{PasswordHash: "$argon2id$x", Email: email, Phone: "79501234567",
		ConfirmBy: kabinet.ConfirmByEmail, ConfirmedAt: date(2026, 1, 1)}
	if err := db.CreateUser(ctx, u, accountID); err != nil {
		tb.Fatal(err)
	}
	return u
}

func TestServiceSettings(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		db := sqlstoretest.MustOpen(t, dsn)
		a := MustCreateAccount(t, db, "10103001857", "Иванов")
		u := MustCreateUser(t, db, a.ID, "i@example.org")
		defaults := kabinet.DefaultServiceSettings(a, u)
		save := func(s *kabinet.ServiceSettings) []kabinet.ServiceChange {
			t.Helper()
			cs, err := db.SaveServiceSettings(ctx, s, defaults, kabinet.ChangeSourceWeb, u.ID)
			if err != nil {
				t.Fatal(err)
			}
			return cs
		}

		t.Run("ErrNothingSaved", func(t *testing.T) {
			_, err := db.FindServiceSettings(ctx, a.ID)
			wantCode(t, err, kabinet.ENOTFOUND)
		})
		t.Run("FirstSaveLogsWhatDiffersFromDefaults", func(t *testing.T) {
			s := *defaults
			s.SMS, s.BillEmail, s.Email = true, true, "new@example.org"
			cs := save(&s)
			if len(cs) != 3 || cs[0].Field != kabinet.SettingSMS || cs[2].Old != "ivanov@example.org" || cs[2].New != "new@example.org" {
				t.Fatalf("changes = %+v", cs)
			}
			got, err := db.FindServiceSettings(ctx, a.ID)
			if err != nil || !got.SMS || !got.BillEmail || !got.BillPaper || got.Email != "new@example.org" || got.Phone != "79501234567" || got.UpdatedAt.IsZero() {
				t.Fatalf("saved = %+v, %v", got, err)
			}
		})
		t.Run("SameAgainLogsNothing", func(t *testing.T) {
			got, _ := db.FindServiceSettings(ctx, a.ID)
			if cs := save(got); len(cs) != 0 {
				t.Errorf("changes = %+v, want none", cs)
			}
		})
		t.Run("ChangeLogForTheBilling", func(t *testing.T) {
			got, _ := db.FindServiceSettings(ctx, a.ID)
			got.BillPaper = false
			save(got)
			cs, err := db.FindServiceChanges(ctx, a.ID)
			if err != nil || len(cs) != 4 {
				t.Fatalf("logged = %+v, %v", cs, err)
			}
			last := cs[3]
			if last.Field != kabinet.SettingBillPaper || last.Old != "true" || last.New != "false" ||
				last.Source != kabinet.ChangeSourceWeb || last.UserID != u.ID || last.ChangedAt.IsZero() {
				t.Errorf("last change = %+v", last)
			}
		})
	})
}

func TestNotifications(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		db := sqlstoretest.MustOpen(t, dsn)
		a := MustCreateAccount(t, db, "10103001857", "Иванов")
		u := MustCreateUser(t, db, a.ID, "i@example.org")
		other := MustCreateUser(t, db, MustCreateAccount(t, db, "ИЭСБК0041300", "Петров").ID, "p@example.org")
		for _, n := range []*kabinet.Notification{
			{UserID: u.ID, AccountID: a.ID, Title: "Счет за ноябрь готов", Link: "/a/1/"},
			{UserID: u.ID, Title: "Плановые работы"},
			{UserID: other.ID, Title: "Чужое"},
		} {
			if err := db.CreateNotification(ctx, n); err != nil || n.ID == 0 {
				t.Fatalf("CreateNotification: %v", err)
			}
		}
		t.Run("ErrNoTitle", func(t *testing.T) {
			wantCode(t, db.CreateNotification(ctx, &kabinet.Notification{UserID: u.ID}), kabinet.EINVALID)
		})
		t.Run("UnreadCountIsTheUsers", func(t *testing.T) {
			if n, err := db.CountUnreadNotifications(ctx, u.ID); err != nil || n != 2 {
				t.Fatalf("unread = %d, %v; want 2", n, err)
			}
		})
		t.Run("NewestFirstAndMarkRead", func(t *testing.T) {
			ns, err := db.FindNotifications(ctx, u.ID, 10)
			if err != nil || len(ns) != 2 || ns[0].Title != "Плановые работы" || ns[1].AccountID != a.ID || !ns[0].Unread() {
				t.Fatalf("notifications = %+v, %v", ns, err)
			}
			if err := db.MarkNotificationsRead(ctx, u.ID, ns[1].ID); err != nil {
				t.Fatal(err)
			}
			if n, _ := db.CountUnreadNotifications(ctx, u.ID); n != 1 {
				t.Errorf("unread after marking the older = %d, want 1", n)
			}
			if n, _ := db.CountUnreadNotifications(ctx, other.ID); n != 1 {
				t.Errorf("the other user's unread = %d, want 1", n)
			}
		})
	})
}
