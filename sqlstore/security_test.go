package sqlstore_test

import (
	"testing"

	"kabinet"
	"kabinet/sqlstore"
	"kabinet/sqlstore/sqlstoretest"
)

// A customer's own security in the store: sessions listed and ended by
// user (whatever their kind), the password changed with the other
// sessions ended, a contact changed by its token once, each audited.
func TestOwnSecurity(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		db := sqlstoretest.MustOpen(t, dsn, sqlstore.WithJobInserter(noJobs{}))
		a := MustCreateAccount(t, db, "10103001857", "Иванов")
		b := MustCreateAccount(t, db, "ИЭСБК0041300", "Петров")
		u := &kabinet.User{PasswordHash: "old", Email: "i@example.org", Phone: "79501234567", ConfirmBy: kabinet.ConfirmByEmail, ConfirmedAt: date(2026, 1, 1)}
		other := &kabinet.User{PasswordHash: "x", Email: "p@example.org", ConfirmBy: kabinet.ConfirmByEmail, ConfirmedAt: date(2026, 1, 1)}
		for i, x := range []*kabinet.User{u, other} {
			if err := db.CreateUser(ctx, x, []int64{a.ID, b.ID}[i]); err != nil {
				t.Fatal(err)
			}
		}
		session := func(hash string, userID, accountID int64, day int) {
			t.Helper()
			s := &kabinet.Session{TokenHash: hash, UserID: userID, AccountID: accountID, CreatedAt: date(2026, 11, day),
				SeenAt: date(2026, 11, day), IP: "10.0.0.1", UserAgent: "Chrome/140 Windows"}
			if err := db.CreateSession(ctx, s); err != nil {
				t.Fatal(err)
			}
		}
		hashes := func(userID int64) []string {
			t.Helper()
			ss, err := db.FindUserSessions(ctx, userID)
			if err != nil {
				t.Fatal(err)
			}
			var hs []string
			for _, s := range ss {
				hs = append(hs, s.TokenHash)
			}
			return hs
		}
		audit := func(action kabinet.AuditAction) *kabinet.AuditEntry {
			return &kabinet.AuditEntry{OperatorLogin: "клиент", Action: action, AccountID: a.ID, AccountNumber: a.Display, Detail: string(action), IP: "10.0.0.1"}
		}
		session("h1", u.ID, a.ID, 1)
		session("h2", u.ID, a.ID, 3)
		session("h3", u.ID, a.ID, 2)
		session("o1", other.ID, b.ID, 1)

		t.Run("ListedByUserLastSeenFirst", func(t *testing.T) {
			if got := hashes(u.ID); len(got) != 3 || got[0] != "h2" || got[1] != "h3" || got[2] != "h1" {
				t.Fatalf("sessions = %q", got)
			}
		})
		t.Run("EndOneOnlyOwn", func(t *testing.T) {
			wantCode(t, db.EndUserSession(ctx, u.ID, "o1", audit(kabinet.AuditCustomerSignOut)), kabinet.ENOTFOUND)
			if err := db.EndUserSession(ctx, u.ID, "h3", audit(kabinet.AuditCustomerSignOut)); err != nil {
				t.Fatal(err)
			}
			if got := hashes(u.ID); len(got) != 2 {
				t.Fatalf("sessions after ending h3 = %q", got)
			}
		})
		t.Run("PasswordKeepsOnlyThisSession", func(t *testing.T) {
			n := []*kabinet.Message{{Channel: kabinet.ChannelEmail, Recipient: u.Email, Subject: "Изменён пароль", Text: "…"}}
			if err := db.ChangePassword(ctx, u.ID, "new", "h1", n, audit(kabinet.AuditCustomerPassword)); err != nil {
				t.Fatal(err)
			}
			if got := hashes(u.ID); len(got) != 1 || got[0] != "h1" {
				t.Fatalf("sessions after the change = %q", got)
			}
			if got := hashes(other.ID); len(got) != 1 {
				t.Fatalf("another user's sessions = %q", got)
			}
			got, err := db.FindUserByID(ctx, u.ID)
			if err != nil || got.PasswordHash != "new" {
				t.Fatalf("user = %+v, %v", got, err)
			}
		})
		t.Run("ContactByTokenOnce", func(t *testing.T) {
			tok := &kabinet.Token{Hash: "t1", Kind: kabinet.TokenChangeEmail, UserID: u.ID, Target: "new@example.org",
				CreatedAt: date(2026, 11, 1), ExpiresAt: date(2026, 11, 2)}
			if err := db.CreateToken(ctx, tok, &kabinet.Message{Channel: kabinet.ChannelEmail, Recipient: tok.Target, Subject: "s", Text: "t"}); err != nil {
				t.Fatal(err)
			}
			if err := db.ChangeContact(ctx, tok, nil, audit(kabinet.AuditCustomerContact)); err != nil {
				t.Fatal(err)
			}
			got, err := db.FindOwner(ctx, a.ID)
			if err != nil || got.Email != "new@example.org" || got.Phone != "79501234567" {
				t.Fatalf("owner = %+v, %v", got, err)
			}
			wantCode(t, db.ChangeContact(ctx, tok, nil, audit(kabinet.AuditCustomerContact)), kabinet.ECONFLICT)
		})
		t.Run("EndAll", func(t *testing.T) {
			session("h4", u.ID, a.ID, 4)
			n, err := db.EndUserSessions(ctx, u.ID, "", audit(kabinet.AuditCustomerSignOut))
			if err != nil || n != 2 || len(hashes(u.ID)) != 0 || len(hashes(other.ID)) != 1 {
				t.Fatalf("EndUserSessions = %d, %v; left %q", n, err, hashes(u.ID))
			}
		})
		t.Run("Audited", func(t *testing.T) {
			es, err := db.FindAuditEntries(ctx, kabinet.AuditFilter{AccountID: a.ID})
			if err != nil || len(es) != 4 || es[0].Action != kabinet.AuditCustomerSignOut || es[0].OperatorID != 0 {
				t.Fatalf("audit = %d entries, %v", len(es), err)
			}
		})
	})
}
