package sqlstore_test

import (
	"context"
	"database/sql"
	"testing"
	"time"

	"kabinet"
	"kabinet/sqlstore"
	"kabinet/sqlstore/sqlstoretest"
)

// jobCounter counts the jobs enqueued and remembers their args.
type jobCounter struct{ jobs []sqlstore.JobArgs }

func (j *jobCounter) InsertTx(_ context.Context, _ *sql.Tx, a sqlstore.JobArgs) error {
	j.jobs = append(j.jobs, a)
	return nil
}

func MustConsent(tb testing.TB, db *sqlstore.DB, accountID, userID int64) {
	tb.Helper()
	if err := db.CreateConsent(ctx, &kabinet.Consent{UserID: userID, AccountID: accountID, Purposes: "информирование",
		TextVersion: "1", GivenAt: date(2026, 1, 1), IP: "127.0.0.1"}); err != nil {
		tb.Fatal(err)
	}
}

func TestRecipientsAndInform(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		jobs := &jobCounter{}
		db := sqlstoretest.MustOpen(t, dsn, sqlstore.WithJobInserter(jobs))
		a := MustCreateAccount(t, db, "10103001857", "Иванов")
		MustCreateAccount(t, db, "10103001858", "Петров") // nobody registered: not a recipient
		c := MustCreateAccount(t, db, "10103001859", "Сидоров")
		u := MustCreateUser(t, db, a.ID, "i@example.org")
		MustConsent(t, db, a.ID, u.ID)
		sub := &kabinet.PushSubscription{UserID: u.ID, AccountID: a.ID, Endpoint: "https://push.example/1", P256dh: "k", Auth: "a"}
		if err := db.SavePushSubscription(ctx, sub, nil); err != nil {
			t.Fatal(err)
		}
		if _, err := db.SaveServiceSettings(ctx, &kabinet.ServiceSettings{AccountID: c.ID, SMS: true, Phone: "79500000000", BillPaper: true},
			&kabinet.ServiceSettings{AccountID: c.ID, BillPaper: true}, kabinet.ChangeSourceWeb, 0); err != nil {
			t.Fatal(err)
		}

		rs, err := db.FindRecipients(ctx, kabinet.RecipientFilter{FromID: a.ID, ToID: c.ID})
		if err != nil {
			t.Fatal(err)
		}
		if len(rs) != 2 || rs[0].AccountID != a.ID || rs[1].AccountID != c.ID {
			t.Fatalf("recipients = %+v", rs)
		}
		ra, rc := rs[0], rs[1]
		if len(ra.UserIDs) != 1 || !ra.Consent || len(ra.Pushes) != 1 || ra.Pushes[0] != sub.ID || ra.Settings == nil || !ra.Settings.Push {
			t.Errorf("the registered account: %+v (settings %+v)", ra, ra.Settings)
		}
		if len(rc.UserIDs) != 0 || rc.Consent || !rc.Settings.SMS {
			t.Errorf("the account with saved services: %+v", rc)
		}
		if rs, _ := db.FindRecipients(ctx, kabinet.RecipientFilter{FromID: a.ID, ToID: c.ID, District: "Нет такого"}); len(rs) != 0 {
			t.Errorf("district filter: %+v", rs)
		}

		key := &kabinet.ReminderKey{Rule: "readings_open", Period: "2026-11"}
		delivery := func() *kabinet.Delivery {
			return &kabinet.Delivery{AccountID: a.ID, Key: key,
				Notifications: []*kabinet.Notification{{UserID: u.ID, AccountID: a.ID, Title: "Передайте показания"}},
				Messages: []kabinet.Outgoing{{Message: &kabinet.Message{Channel: kabinet.ChannelSMS, AccountID: a.ID,
					Recipient: "79501234567", Text: "Передайте показания"}, NotBefore: date(2026, 11, 16)}}}
		}
		n, err := db.Inform(ctx, []*kabinet.Delivery{delivery(), delivery()})
		if err != nil || n != 1 {
			t.Fatalf("Inform: %d, %v; want one of two with the same key", n, err)
		}
		if n, _ := db.Inform(ctx, []*kabinet.Delivery{delivery()}); n != 0 {
			t.Errorf("the same reminder again: %d written", n)
		}
		if unread, _ := db.CountUnreadNotifications(ctx, u.ID); unread != 1 {
			t.Errorf("bell: %d", unread)
		}
		if len(jobs.jobs) != 1 || !jobs.jobs[0].(kabinet.DeliverMessage).NotBefore.Equal(date(2026, 11, 16)) {
			t.Fatalf("jobs = %+v", jobs.jobs)
		}
		m, err := db.FindMessageByID(ctx, jobs.jobs[0].(kabinet.DeliverMessage).MessageID)
		if err != nil || m.AccountID != a.ID || m.Channel != kabinet.ChannelSMS {
			t.Errorf("message = %+v, %v", m, err)
		}
	})
}

// The push tick follows the subscriptions: a device subscribing ticks it,
// the last device forgotten unticks it; e-mail unsubscribing unticks
// e-mail informing. Each change is in the change log.
func TestPushTickAndUnsubscribe(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		db := sqlstoretest.MustOpen(t, dsn)
		a := MustCreateAccount(t, db, "10103001857", "Иванов")
		u := MustCreateUser(t, db, a.ID, "i@example.org")
		subs := []*kabinet.PushSubscription{
			{UserID: u.ID, AccountID: a.ID, Endpoint: "https://push.example/1", P256dh: "k", Auth: "a"},
			{UserID: u.ID, AccountID: a.ID, Endpoint: "https://push.example/2", P256dh: "k", Auth: "a"},
		}
		for _, s := range subs {
			if err := db.SavePushSubscription(ctx, s, kabinet.DefaultServiceSettings(a, u)); err != nil {
				t.Fatal(err)
			}
		}
		if n, _ := db.CountPushSubscriptions(ctx, a.ID); n != 2 {
			t.Errorf("devices = %d", n)
		}
		push := func() bool {
			s, err := db.FindServiceSettings(ctx, a.ID)
			if err != nil {
				t.Fatal(err)
			}
			return s.Push
		}
		if !push() {
			t.Fatal("subscribing did not tick push")
		}
		if s, _ := db.FindServiceSettings(ctx, a.ID); s.Email != "ivanov@example.org" || s.Phone != "79501234567" {
			t.Errorf("the contacts on file were lost: %+v", s)
		}
		db.DeletePushSubscription(ctx, subs[0].ID)
		if !push() {
			t.Error("push went off with a device left")
		}
		db.DeletePushSubscription(ctx, subs[1].ID)
		if push() {
			t.Error("push stayed on without devices")
		}
		s, _ := db.FindServiceSettings(ctx, a.ID)
		s.EmailInfo = true
		if _, err := db.SaveServiceSettings(ctx, s, s, kabinet.ChangeSourceWeb, u.ID); err != nil {
			t.Fatal(err)
		}
		if err := db.UnsubscribeEmail(ctx, a.ID); err != nil {
			t.Fatal(err)
		}
		cs, _ := db.FindServiceChanges(ctx, a.ID)
		var sources []string
		for _, c := range cs {
			sources = append(sources, c.Field+":"+c.New+":"+c.Source)
		}
		want := []string{"push:true:web", "push:false:push", "email_info:true:web", "email_info:false:unsubscribe"}
		if len(sources) != len(want) {
			t.Fatalf("change log = %v, want %v", sources, want)
		}
		for i := range want {
			if sources[i] != want[i] {
				t.Errorf("change %d = %s, want %s", i, sources[i], want[i])
			}
		}
	})
}

func TestEnsureSecret(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		db := sqlstoretest.MustOpen(t, dsn)
		made := 0
		mk := func() (string, error) { made++; return time.Now().String(), nil }
		v1, err := db.EnsureSecret(ctx, "k", mk)
		if err != nil {
			t.Fatal(err)
		}
		v2, _ := db.EnsureSecret(ctx, "k", mk)
		if v1 != v2 || made != 1 {
			t.Errorf("%q then %q, made %d", v1, v2, made)
		}
	})
}
