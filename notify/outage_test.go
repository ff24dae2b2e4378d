package notify_test

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"kabinet"
	"kabinet/jobs"
	"kabinet/letters"
	"kabinet/mail"
	"kabinet/mail/mailpittest"
	"kabinet/notify"
	"kabinet/sms"
	"kabinet/sms/smstest"
	"kabinet/sqlstore"
	"kabinet/sqlstore/sqlstoretest"
)

// The adapters cmd/kabinet wires, in small.
type smtpSender struct{ smtp *mail.SMTP }

func (s smtpSender) Send(ctx context.Context, m *kabinet.Message) (string, error) {
	return s.smtp.Send(ctx, mail.Message{To: m.Recipient, Subject: m.Subject, Text: m.Text, HTML: m.HTML, ListUnsubscribe: m.Unsubscribe})
}

type smsSender struct{ gw sms.Gateway }

func (s smsSender) Send(ctx context.Context, m *kabinet.Message) (string, error) {
	id, err := s.gw.Send(ctx, m.Recipient, m.Text)
	if err != nil && sms.IsPermanent(err) {
		return "", kabinet.Permanent(err)
	}
	return id, err
}

// soon retries a failed job after a tenth of a second instead of River's
// attempt⁴ seconds.
type soon struct{}

func (soon) NextRetry(*rivertype.JobRow) time.Time { return time.Now().Add(100 * time.Millisecond) }

var irkutsk = mustLoad("Asia/Irkutsk")

func mustLoad(name string) *time.Location {
	l, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return l
}

// mustRecipients makes n registered accounts with SMS and e-mail
// informing ticked and a consent.
func mustRecipients(t *testing.T, db *sqlstore.DB, n int) []*kabinet.Account {
	t.Helper()
	var as []*kabinet.Account
	for i := range n {
		num := fmt.Sprintf("101030%05d", 1000+i)
		a := &kabinet.Account{Number: kabinet.MustParseAccountNumber(num), Display: num, Surname: "Иванов", FirstName: "Иван",
			Address: "г. Иркутск", District: "Кировский", Settlement: kabinet.SettlementCity, Housing: kabinet.HousingFlat}
		if err := db.CreateAccount(ctx, a, nil); err != nil {
			t.Fatal(err)
		}
		u := &kabinet.User{PasswordHash: "x", Email: fmt.Sprintf("u%d@example.org", i), ConfirmBy: kabinet.ConfirmByEmail}
		if err := db.CreateUser(ctx, u, a.ID); err != nil {
			t.Fatal(err)
		}
		s := &kabinet.ServiceSettings{AccountID: a.ID, SMS: true, Phone: fmt.Sprintf("795000%05d", i), EmailInfo: true,
			Email: u.Email, BillPaper: true}
		if _, err := db.SaveServiceSettings(ctx, s, &kabinet.ServiceSettings{AccountID: a.ID}, kabinet.ChangeSourceWeb, u.ID); err != nil {
			t.Fatal(err)
		}
		if err := db.CreateConsent(ctx, &kabinet.Consent{UserID: u.ID, AccountID: a.ID, Purposes: "информирование", TextVersion: "1",
			GivenAt: time.Now(), IP: "127.0.0.1"}); err != nil {
			t.Fatal(err)
		}
		as = append(as, a)
	}
	return as
}

func newInformer(t *testing.T, db *sqlstore.DB, now time.Time) *notify.Informer {
	t.Helper()
	cal := kabinet.Calendar{Location: irkutsk, Clock: func() time.Time { return now }}
	w, err := letters.NewWriter("ООО «Демо-Энергосбыт»", cal)
	if err != nil {
		t.Fatal(err)
	}
	return &notify.Informer{Store: db, Render: w.Notice, Unsubscribe: notify.NewSigner([]byte("k")),
		BaseURL: "https://lk.example.org", Calendar: cal}
}

// waitFor polls cond for up to a minute (a loaded machine is slow).
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatalf("timed out waiting until %s", what)
}

// countOutbox counts the messages of a channel by status.
func countOutbox(t *testing.T, db *sqlstore.DB, ch kabinet.Channel) map[string]int {
	ms, err := db.FindMessages(ctx, ch, 1000)
	if err != nil {
		t.Fatal(err)
	}
	n := map[string]int{}
	for _, m := range ms {
		n[m.Status]++
		if m.Status == kabinet.MessageQueued && m.Attempts > 0 {
			n["retried"]++
		}
	}
	return n
}

// With the SMTP server down, informing e-mails wait in the outbox and are
// all delivered once it is back, none twice; an SMS gateway that answers
// «service unavailable» gets every text once it recovers.
func TestInformThroughOutages(t *testing.T) {
	const n = 5
	var q *jobs.Queue
	db := sqlstoretest.MustOpen(t, sqlstoretest.SQLiteDSN(t), sqlstore.WithJobs(func(ctx context.Context, engine string, pool *sql.DB) (sqlstore.JobInserter, error) {
		var err error
		q, err = jobs.New(ctx, jobs.Config{Engine: engine, DB: pool, Workers: river.NewWorkers(), PollInterval: 50 * time.Millisecond, Retry: soon{}})
		return q, err
	}))
	accounts := mustRecipients(t, db, n)
	mp := mailpittest.Start(t)
	mp.Stop(t)
	gw := smstest.NewSMSRu(t)
	gw.FailNext(2*n, 220)

	d := &notify.Deliverer{Store: db, Senders: map[kabinet.Channel]kabinet.Sender{
		kabinet.ChannelEmail: smtpSender{mail.NewSMTP(mail.SMTPConfig{Host: "127.0.0.1", Port: mp.SMTPPort(), TLS: "none",
			From: "noreply@kabinet.local", Timeout: 2 * time.Second})},
		kabinet.ChannelSMS: smsSender{&sms.SMSRu{APIID: gw.APIID, BaseURL: gw.URL}},
	}}
	river.AddWorker(q.Workers(), &jobs.DeliverWorker{Deliver: d.Deliver})
	if err := q.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { q.Stop(context.Background()) })

	in := newInformer(t, db, time.Date(2026, 11, 16, 12, 0, 0, 0, irkutsk))
	for _, a := range accounts {
		ok, err := in.Inform(ctx, &notify.Informing{AccountID: a.ID, Title: "Счет готов", Text: "Счет за ноябрь готов.",
			SMS: "Счет за ноябрь готов", Link: "/a/1/"})
		if err != nil || !ok {
			t.Fatalf("Inform: %v, %v", ok, err)
		}
	}

	waitFor(t, "every SMS is sent after the gateway's failures", func() bool { return len(gw.Messages()) == n })
	waitFor(t, "every letter was tried while the server is down", func() bool { return countOutbox(t, db, kabinet.ChannelEmail)["retried"] == n })
	if got := countOutbox(t, db, kabinet.ChannelEmail); got[kabinet.MessageSent] != 0 {
		t.Fatalf("letters sent with the server down: %v", got)
	}
	mp.Restart(t)
	waitFor(t, "every letter is sent", func() bool { return countOutbox(t, db, kabinet.ChannelEmail)[kabinet.MessageSent] == n })
	time.Sleep(500 * time.Millisecond) // a duplicate would arrive by now

	if got := mp.Messages(t); len(got) != n {
		t.Errorf("mailpit has %d letters, want %d", len(got), n)
	}
	phones := map[string]bool{}
	for _, m := range gw.Messages() {
		phones[m.Phone] = true
	}
	if len(phones) != n || len(gw.Messages()) != n || gw.Requests() != 3*n {
		t.Errorf("SMS: %d messages to %d phones, %d requests", len(gw.Messages()), len(phones), gw.Requests())
	}
	for _, ch := range []kabinet.Channel{kabinet.ChannelEmail, kabinet.ChannelSMS} {
		ms, _ := db.FindMessages(ctx, ch, 100)
		for _, m := range ms {
			if m.Status != kabinet.MessageSent || m.ProviderID == "" || m.AccountID == 0 || m.Attempts < 2 {
				t.Errorf("%s message: %+v", ch, m)
			}
		}
	}
	full := mp.Message(t, mp.Messages(t)[0].ID)
	if !strings.Contains(full.Text, "https://lk.example.org/unsubscribe?t=") || full.ListUnsubscribe.Header == "" {
		t.Errorf("no unsubscribe link: %q, header %+v", full.Text, full.ListUnsubscribe)
	}
}
