package main

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"kabinet"
	"kabinet/exchange"
	"kabinet/sqlstore/sqlstoretest"
)

// TestFullSnapshotTellsClosedAccounts: an account the billing system sent
// before and a full snapshot of accounts lacks is closed, and its
// customer is told in the bell and by e-mail (ticked in her services, with
// her consent);
// the same snapshot again closes and tells nothing more. Both engines.
func TestFullSnapshotTellsClosedAccounts(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		closedAndTold(t, dsn, "accounts?full=true",
			"account_id;account_number;surname;address;settlement;housing\nX1;ИЭСБК0099001;Орлова;г. Иркутск, ул. Мира, д. 9;city;flat\n")
	})
}

// TestDeltaLineTellsClosedAccount: a line of a delta of accounts with
// closed=true closes the account and tells its customer as a full
// snapshot does, once: the same delta again tells nothing more. Both
// engines.
func TestDeltaLineTellsClosedAccount(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		closedAndTold(t, dsn, "accounts",
			"account_id;account_number;surname;first_name;patronymic;address;settlement;housing;closed\n"+
				"A1;10103001857;Иванов;Иван;Иванович;г. Иркутск, ул. Карла Маркса, д. 15, кв. 42;city;flat;true\n")
	})
}

// closedAndTold posts snapshot to the exchange's path to close Иванов's
// account (the billing's A1), twice, and checks that it closes and that
// he is told once in the bell and once by e-mail.
func closedAndTold(t *testing.T, dsn, path, snapshot string) {
	t.Helper()
	m := MustRunMain(t, dsn)
	ctx := context.Background()
	c := newPortalCustomer(t, m)
	c.post(t, c.path("services"), url.Values{"email_info": {"on"}, "bill_paper": {"on"}, "email": {"ivanov@example.ru"}}, "/a/")
	db := m.app.DB
	if _, err := db.SQL().ExecContext(ctx, `UPDATE accounts SET external_id = 'A1' WHERE id = $1`, c.account.ID); err != nil {
		t.Fatal(err)
	}
	var user int64
	if err := db.SQL().QueryRowContext(ctx, `SELECT user_id FROM user_accounts WHERE account_id = $1`, c.account.ID).Scan(&user); err != nil {
		t.Fatal(err)
	}
	if err := db.CreateConsent(ctx, &kabinet.Consent{UserID: user, AccountID: c.account.ID, Purposes: "информирование",
		TextVersion: "1", GivenAt: testNow, IP: "127.0.0.1"}); err != nil {
		t.Fatal(err)
	}
	secret, _, err := exchange.NewTokens(db).Add(ctx, "billing", kabinet.ScopeExchange)
	if err != nil {
		t.Fatal(err)
	}
	post := func() int {
		req, _ := http.NewRequest(http.MethodPost, m.URL()+"/api/exchange/v1/"+path, strings.NewReader(snapshot))
		req.Header.Set("Authorization", "Bearer "+secret)
		req.Header.Set("Content-Type", "text/csv")
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		var sum struct{ Closed int }
		if err := json.NewDecoder(res.Body).Decode(&sum); err != nil || res.StatusCode != http.StatusOK {
			t.Fatalf("import: %d, %v", res.StatusCode, err)
		}
		return sum.Closed
	}
	if n := post(); n != 1 {
		t.Fatalf("the import closed %d accounts, want Ivanov's", n)
	}
	acc, err := db.FindAccountByID(ctx, c.account.ID)
	if err != nil || acc.ClosedOn.IsZero() {
		t.Fatalf("Ivanov's account is not closed: %v", err)
	}
	told := func() (bells, letters int) {
		ns, err := db.FindNotifications(ctx, user, 100)
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range ns {
			if n.Title == "Лицевой счет 10103001857 закрыт" && n.AccountID == c.account.ID {
				bells++
			}
		}
		ms, err := db.FindMessages(ctx, kabinet.ChannelEmail, 100)
		if err != nil {
			t.Fatal(err)
		}
		for _, msg := range ms {
			if msg.Recipient == "ivanov@example.ru" && strings.Contains(msg.Text, "закрыл лицевой счет 10103001857") {
				letters++
			}
		}
		return bells, letters
	}
	if b, l := told(); b != 1 || l != 1 {
		t.Fatalf("told %d times in the bell and %d by e-mail, want once each", b, l)
	}
	if n := post(); n != 0 {
		t.Errorf("the same file again closed %d accounts", n)
	}
	if b, l := told(); b != 1 || l != 1 {
		t.Errorf("after the same file again: told %d times in the bell and %d by e-mail, want once each", b, l)
	}
}
