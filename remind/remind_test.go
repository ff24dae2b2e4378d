package remind_test

import (
	"context"
	"database/sql"
	"testing"
	"time"

	"kabinet"
	"kabinet/demo"
	"kabinet/letters"
	"kabinet/notify"
	"kabinet/remind"
	"kabinet/sqlstore"
	"kabinet/sqlstore/sqlstoretest"
)

var ctx = context.Background()

var irkutsk, _ = time.LoadLocation("Asia/Irkutsk")

// jobs records the delivery jobs instead of running them.
type jobs struct{ deliveries []kabinet.DeliverMessage }

func (j *jobs) InsertTx(_ context.Context, _ *sql.Tx, a sqlstore.JobArgs) error {
	if d, ok := a.(kabinet.DeliverMessage); ok {
		j.deliveries = append(j.deliveries, d)
	}
	return nil
}

// clock is the fake clock the store, the informer and the scan share.
type clock struct{ now time.Time }

func (c *clock) Now() time.Time { return c.now }

type world struct {
	db     *sqlstore.DB
	jobs   *jobs
	clock  *clock
	r      *remind.Reminders
	ivanov *kabinet.Account // registered, two meters' worth of registers, a debt
	userID int64
}

func newWorld(t *testing.T, start time.Time) *world {
	t.Helper()
	w := &world{jobs: &jobs{}, clock: &clock{now: start}}
	db := sqlstoretest.MustOpen(t, sqlstoretest.SQLiteDSN(t), sqlstore.WithJobInserter(w.jobs))
	w.db, db.Now = db, w.clock.Now
	if _, err := demo.Build(ctx, db, demo.Options{Accounts: 40, Seed: 1, Location: irkutsk, Today: start}); err != nil {
		t.Fatal(err)
	}
	a, err := db.FindAccountByNumber(ctx, kabinet.MustParseAccountNumber("10103001857"))
	if err != nil {
		t.Fatal(err)
	}
	w.ivanov = a
	rs, err := db.FindRecipients(ctx, kabinet.RecipientFilter{FromID: a.ID, ToID: a.ID})
	if err != nil || len(rs) != 1 || len(rs[0].UserIDs) != 1 {
		t.Fatalf("recipients of the demo's registered account: %+v, %v", rs, err)
	}
	w.userID = rs[0].UserIDs[0]
	set := &kabinet.ServiceSettings{AccountID: a.ID, SMS: true, Phone: "79501234567", BillPaper: true}
	if _, err := db.SaveServiceSettings(ctx, set, &kabinet.ServiceSettings{AccountID: a.ID}, kabinet.ChangeSourceWeb, w.userID); err != nil {
		t.Fatal(err)
	}
	if err := db.CreateConsent(ctx, &kabinet.Consent{UserID: w.userID, AccountID: a.ID, Purposes: "информирование",
		TextVersion: "1", GivenAt: start, IP: "127.0.0.1"}); err != nil {
		t.Fatal(err)
	}
	in := &notify.Informer{Store: db, Unsubscribe: notify.NewSigner([]byte("k")), BaseURL: "https://lk.example.org",
		Calendar: kabinet.Calendar{Location: irkutsk, Clock: w.clock.Now}}
	if w.r, err = remind.New(db, in, in.Calendar); err != nil {
		t.Fatal(err)
	}
	w.r.RangeSize = 16
	return w
}

// Scanning every hour of November 2026 with a fake clock: the readings
// window opens on the 15th (not a minute before), the second reminder
// comes on the 23rd, each rule reminds once in its period however many
// scans there are, and the SMS written at midnight waits until 09:00.
func TestRemindersAcrossAMonth(t *testing.T) {
	start := time.Date(2026, 11, 1, 0, 0, 0, 0, irkutsk)
	w := newWorld(t, start)
	first := map[string]time.Time{} // a notification title to the scan that made it
	count := map[string]int{}
	seen := 0
	for now := start; now.Before(start.AddDate(0, 1, 0)); now = now.Add(time.Hour) {
		w.clock.now = now
		if _, err := w.r.Run(ctx); err != nil {
			t.Fatalf("%s: %v", now, err)
		}
		ns, err := w.db.FindNotifications(ctx, w.userID, 1000)
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range ns[:len(ns)-seen] {
			if _, ok := first[n.Title]; !ok {
				first[n.Title] = now
			}
			count[n.Title]++
		}
		seen = len(ns)
	}
	day := func(d, h int) time.Time { return time.Date(2026, 11, d, h, 0, 0, 0, irkutsk) }
	want := map[string]time.Time{
		letters.Reminders[remind.RuleReadingsOpen].Title:  day(15, 0),
		letters.Reminders[remind.RuleReadingsAgain].Title: day(23, 0),
	}
	for title, at := range want {
		if !first[title].Equal(at) || count[title] != 1 {
			t.Errorf("%q: first at %s, %d times; want once at %s", title, first[title], count[title], at)
		}
	}
	for title, n := range count {
		if n != 1 {
			t.Errorf("%q came %d times in the month", title, n)
		}
	}
	if count[letters.Reminders[remind.RuleDebtOverdue].Title] != 1 {
		t.Errorf("the demo's debt was not reminded: %v", count)
	}
	t.Logf("reminders in November: %v", count)

	held := 0
	for _, d := range w.jobs.deliveries {
		m, err := w.db.FindMessageByID(ctx, d.MessageID)
		if err != nil {
			t.Fatal(err)
		}
		if m.Channel != kabinet.ChannelSMS {
			continue
		}
		if d.NotBefore.IsZero() {
			continue
		}
		if h := d.NotBefore.In(irkutsk); h.Hour() != 9 || h.Minute() != 0 {
			t.Errorf("an SMS held until %s", h)
		}
		held++
	}
	if held == 0 {
		t.Error("no SMS written at night was held until 09:00")
	}
}

// The window's edges, a reading given, the verification horizon.
func TestJudge(t *testing.T) {
	j := &remind.Judge{Schedule: remind.DefaultSchedule()}
	day := func(m time.Month, d int) time.Time { return time.Date(2026, m, d, 0, 0, 0, 0, time.UTC) }
	rules := func(f *kabinet.ReminderFacts, today time.Time) map[string]string {
		hs, err := j.Hits(f, today)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]string{}
		for _, h := range hs {
			out[h.Rule] = h.Period
		}
		return out
	}
	meters := &kabinet.ReminderFacts{Meters: 1}
	for _, c := range []struct {
		f     *kabinet.ReminderFacts
		today time.Time
		want  []string
	}{
		{meters, day(11, 14), nil},
		{meters, day(11, 15), []string{remind.RuleReadingsOpen}},
		{meters, day(11, 23), []string{remind.RuleReadingsOpen, remind.RuleReadingsAgain}},
		{meters, day(11, 26), nil},
		{&kabinet.ReminderFacts{Meters: 1, Read: true}, day(11, 23), nil},
		{&kabinet.ReminderFacts{}, day(11, 15), nil},
		{&kabinet.ReminderFacts{NextVerification: day(12, 31)}, day(11, 1), []string{remind.RuleVerificationDue}},
		{&kabinet.ReminderFacts{NextVerification: day(12, 31)}, day(10, 31), nil}, // 61 days ahead
		{&kabinet.ReminderFacts{LastBill: kabinet.Period{Year: 2026, Month: 10}}, day(11, 2), []string{remind.RuleBillReady}},
		{&kabinet.ReminderFacts{LastBill: kabinet.Period{Year: 2026, Month: 9}}, day(11, 2), nil},
	} {
		got := rules(c.f, c.today)
		if len(got) != len(c.want) {
			t.Errorf("%+v on %s: %v, want %v", c.f, c.today.Format(time.DateOnly), got, c.want)
			continue
		}
		for _, r := range c.want {
			if _, ok := got[r]; !ok {
				t.Errorf("%+v on %s: %v, want %v", c.f, c.today.Format(time.DateOnly), got, c.want)
			}
		}
	}
}
