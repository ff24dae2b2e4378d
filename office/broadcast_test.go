package office_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"testing"

	"kabinet"
	"kabinet/notify"
	"kabinet/office"
	"kabinet/sqlstore"
	"kabinet/sqlstore/sqlstoretest"
)

// batchQueue records the jobs the store enqueues; failNext makes the
// enqueue of that next batch fail, so its transaction rolls back after
// writing its deliveries: a sending killed mid-batch.
type batchQueue struct {
	batches  []kabinet.BroadcastBatch
	messages int
	failNext int
}

func (q *batchQueue) InsertTx(_ context.Context, _ *sql.Tx, a sqlstore.JobArgs) error {
	switch a := a.(type) {
	case kabinet.BroadcastBatch:
		if q.failNext != 0 && a.Batch == q.failNext {
			q.failNext = 0
			return errors.New("killed")
		}
		q.batches = append(q.batches, a)
	case kabinet.DeliverMessage:
		q.messages++
	}
	return nil
}

// work runs the batch jobs enqueued until none is left, as River would,
// a failed job staying to run again.
func (q *batchQueue) work(t *testing.T, b *notify.Broadcaster) (failures int) {
	t.Helper()
	for len(q.batches) > 0 {
		j := q.batches[0]
		if err := b.SendBatch(ctx, j.BroadcastID, j.Batch); err != nil {
			failures++
			if failures > 3 {
				t.Fatal(err)
			}
			continue
		}
		q.batches = q.batches[1:]
	}
	return failures
}

type broadcastWorld struct {
	*world
	q   *batchQueue
	bs  *office.Broadcasts
	snd *notify.Broadcaster
	acc []*kabinet.Account
}

// newBroadcastWorld makes seven accounts: 1-4 in «Кировский», 5-7 in
// «Ленинский»; 1, 2, 5, 6 registered; 3 with saved services only; 4 and
// 7 reach nobody. 1 takes SMS, 2 e-mail (with consents).
func newBroadcastWorld(t *testing.T, dsn string) *broadcastWorld {
	q := &batchQueue{}
	w := &broadcastWorld{world: newWorld(t, dsn, sqlstore.WithJobInserter(q)), q: q}
	for i := 1; i <= 7; i++ {
		district := "Кировский"
		if i > 4 {
			district = "Ленинский"
		}
		n := fmt.Sprintf("1010300100%d", i)
		a := &kabinet.Account{Number: kabinet.MustParseAccountNumber(n), Display: n, Surname: "Иванов", FirstName: "Иван",
			Address: "г. Иркутск", District: district, Settlement: kabinet.SettlementCity, Housing: kabinet.HousingFlat}
		if err := w.db.CreateAccount(ctx, a, nil); err != nil {
			t.Fatal(err)
		}
		w.acc = append(w.acc, a)
		var set *kabinet.ServiceSettings
		switch i {
		case 1:
			set = &kabinet.ServiceSettings{AccountID: a.ID, SMS: true, Phone: "79500000001"}
		case 2:
			set = &kabinet.ServiceSettings{AccountID: a.ID, EmailInfo: true, Email: "b@example.org"}
		case 3:
			set = &kabinet.ServiceSettings{AccountID: a.ID, BillPaper: true}
		}
		var userID int64
		if i == 1 || i == 2 || i == 5 || i == 6 {
			u := &kabinet.User{PasswordHash: "$argon2id$x", Email: fmt.Sprintf("u%d@example.org", i), ConfirmBy: kabinet.ConfirmByEmail}
			if err := w.db.CreateUser(ctx, u, a.ID); err != nil {
				t.Fatal(err)
			}
			userID = u.ID
			if err := w.db.CreateConsent(ctx, &kabinet.Consent{UserID: u.ID, AccountID: a.ID, Purposes: "информирование",
				TextVersion: "1", GivenAt: w.Now(), IP: "127.0.0.1"}); err != nil {
				t.Fatal(err)
			}
		}
		if set != nil {
			if _, err := w.db.SaveServiceSettings(ctx, set, &kabinet.ServiceSettings{AccountID: a.ID}, kabinet.ChangeSourceWeb, userID); err != nil {
				t.Fatal(err)
			}
		}
	}
	w.bs = office.NewBroadcasts(w.db)
	w.bs.BatchSize = 2
	in := &notify.Informer{Store: w.db, Unsubscribe: notify.NewSigner([]byte("0123456789abcdef0123456789abcdef")), BaseURL: "https://lk.example",
		Calendar: kabinet.Calendar{Clock: w.Now}, Render: func(to string, l notify.Letter) (*kabinet.Message, error) {
			return &kabinet.Message{Subject: l.Title, Text: l.Body + "\n" + l.Unsubscribe}, nil
		}}
	w.snd = &notify.Broadcaster{Store: w.db, Informer: in}
	return w
}

func (w *broadcastWorld) count(t *testing.T, query string, args ...any) int {
	t.Helper()
	var n int
	if err := w.db.SQL().QueryRowContext(ctx, query, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// bells counts each account's bells of a title.
func (w *broadcastWorld) bells(t *testing.T, title string) map[int64]int {
	got := map[int64]int{}
	for _, a := range w.acc {
		if n := w.count(t, `SELECT count(*) FROM notifications WHERE account_id = $1 AND title = $2`, a.ID, title); n > 0 {
			got[a.ID] = n
		}
	}
	return got
}

func (w *broadcastWorld) draft(t *testing.T, d office.BroadcastDraft) *kabinet.Broadcast {
	t.Helper()
	b, err := w.bs.Create(ctx, w.admin, d, here)
	if err != nil {
		t.Fatalf("Create(%+v): %v", d, err)
	}
	return b
}

func TestBroadcastAudience(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		w := newBroadcastWorld(t, dsn)
		if _, err := w.bs.Create(ctx, w.op, office.BroadcastDraft{Title: "x", Text: "x", Audience: kabinet.AudienceAll}, here); err != office.ErrAdminOnly {
			t.Errorf("an operator wrote a broadcast: %v", err)
		}
		for _, c := range []struct {
			d    office.BroadcastDraft
			want int
		}{
			{office.BroadcastDraft{Audience: kabinet.AudienceAll}, 5},
			{office.BroadcastDraft{Audience: kabinet.AudienceDistrict, District: "Кировский"}, 3},
			{office.BroadcastDraft{Audience: kabinet.AudienceDistrict, District: "Ленинский"}, 2},
			{office.BroadcastDraft{Audience: kabinet.AudienceList, List: "10103001001\n\n 10103001004 \n101-030-010-05\n10103001001\r\n"}, 2},
		} {
			c.d.Title, c.d.Text = "Плановое отключение", "Завтра с 10 до 12 не будет света."
			b := w.draft(t, c.d)
			v, err := w.bs.Broadcast(ctx, w.admin, b.ID)
			if err != nil || v.Total != c.want || v.Sent() {
				t.Errorf("%s %q: preview counts %d (%v), want %d", c.d.Audience, c.d.District, v.Total, err, c.want)
			}
		}

		_, err := w.bs.Create(ctx, w.admin, office.BroadcastDraft{Title: "Т", Text: "Т", SMS: strings.Repeat("я", 71),
			Audience: kabinet.AudienceList, List: "10103001001\n99999999999\nчепуха\n10103001002"}, here)
		var bad office.InvalidDraft
		if !errors.As(err, &bad) || !strings.Contains(bad["list"], "строка 2 «99999999999»") || !strings.Contains(bad["list"], "строка 3 «чепуха»") ||
			strings.Contains(bad["list"], "10103001002") || bad["sms"] == "" {
			t.Errorf("bad lines: %v", err)
		}
		_, err = w.bs.Create(ctx, w.admin, office.BroadcastDraft{Audience: kabinet.AudienceDistrict, District: "Нет такого"}, here)
		if !errors.As(err, &bad) || bad["district"] == "" || bad["title"] == "" || bad["text"] == "" {
			t.Errorf("an empty draft to an unknown district: %v", err)
		}
		if n := w.count(t, `SELECT count(*) FROM broadcasts`); n != 4 {
			t.Errorf("%d broadcasts saved, want the 4 valid", n)
		}
		if n := w.count(t, `SELECT count(*) FROM audit_log WHERE action = 'broadcast_create'`); n != 4 {
			t.Errorf("%d broadcasts in the audit log, want 4", n)
		}
	})
}

func TestBroadcastSendsOnce(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		w := newBroadcastWorld(t, dsn)
		b := w.draft(t, office.BroadcastDraft{Title: "Кировский", Text: "Текст", SMS: "Коротко",
			Audience: kabinet.AudienceDistrict, District: "Кировский"})
		if _, err := w.bs.Send(ctx, w.op, b.ID, here); err != office.ErrAdminOnly {
			t.Errorf("an operator sent a broadcast: %v", err)
		}
		sent, err := w.bs.Send(ctx, w.admin, b.ID, here)
		if err != nil || sent.Total != 3 || sent.Batches != 2 {
			t.Fatalf("Send = %+v, %v; want 3 accounts in 2 batches of 2 IDs", sent, err)
		}
		if _, err := w.bs.Send(ctx, w.admin, b.ID, here); err != kabinet.ErrBroadcastSent {
			t.Errorf("sent twice: %v", err)
		}
		w.q.work(t, w.snd)
		// The job of each batch runs again, as after a crash before River
		// marked it done.
		for k := range 2 {
			if err := w.snd.SendBatch(ctx, b.ID, k); err != nil {
				t.Fatal(err)
			}
		}
		want := map[int64]int{w.acc[0].ID: 1, w.acc[1].ID: 1}
		if got := w.bells(t, "Кировский"); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("bells %v, want %v", got, want)
		}
		// Progress lost (as if the row were restored from before): the
		// once-per-account key still holds.
		if _, err := w.db.SQL().ExecContext(ctx, `UPDATE broadcasts SET batches_done = 0, finished_at = NULL WHERE id = $1`, b.ID); err != nil {
			t.Fatal(err)
		}
		for k := range 2 {
			if err := w.snd.SendBatch(ctx, b.ID, k); err != nil {
				t.Fatal(err)
			}
		}
		if got := w.bells(t, "Кировский"); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("after a rerun: bells %v, want %v", got, want)
		}
		v, err := w.bs.Broadcast(ctx, w.admin, b.ID)
		if err != nil || !v.Done() || v.Informed != 2 || v.BatchesDone != 2 || v.Messages != (kabinet.BroadcastMessages{Queued: 2}) {
			t.Fatalf("progress %+v %+v, %v; want done, 2 informed, an SMS and a letter queued", v.Broadcast, v.Messages, err)
		}
		if w.q.messages != 2 {
			t.Errorf("%d deliveries enqueued, want 2", w.q.messages)
		}

		// Delivery: the SMS gateway refuses the number, the letter goes.
		d := &notify.Deliverer{Store: w.db, Senders: map[kabinet.Channel]kabinet.Sender{
			kabinet.ChannelSMS:   sender{err: kabinet.Permanent(errors.New("bad number"))},
			kabinet.ChannelEmail: sender{},
		}}
		rows, err := w.db.SQL().QueryContext(ctx, `SELECT id FROM outbox WHERE broadcast_id = $1`, b.ID)
		if err != nil {
			t.Fatal(err)
		}
		var ids []int64
		for rows.Next() {
			var id int64
			rows.Scan(&id)
			ids = append(ids, id)
		}
		rows.Close()
		for _, id := range ids {
			if err := d.Deliver(ctx, id); err != nil {
				t.Fatal(err)
			}
		}
		if v, _ := w.bs.Broadcast(ctx, w.admin, b.ID); v.Messages != (kabinet.BroadcastMessages{Sent: 1, Failed: 1}) {
			t.Errorf("after delivery %+v, want one sent and one failed", v.Messages)
		}
		if n := w.count(t, `SELECT count(*) FROM audit_log WHERE action = 'broadcast_send' AND detail LIKE '%3 получателей%'`); n != 1 {
			t.Errorf("%d sendings in the audit log, want 1", n)
		}
	})
}

func TestBroadcastResumesAfterKill(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		w := newBroadcastWorld(t, dsn)
		b := w.draft(t, office.BroadcastDraft{Title: "Всем", Text: "Текст", Audience: kabinet.AudienceAll})
		if _, err := w.bs.Send(ctx, w.admin, b.ID, here); err != nil {
			t.Fatal(err)
		}
		// Batch 1 dies after writing its deliveries, before it commits.
		w.q.failNext = 2
		if f := w.q.work(t, w.snd); f != 1 {
			t.Errorf("%d failed runs, want the one killed", f)
		}
		want := map[int64]int{}
		for _, i := range []int{0, 1, 4, 5} { // 3 has nothing ticked and nobody registered
			want[w.acc[i].ID] = 1
		}
		if got := w.bells(t, "Всем"); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("bells %v, want %v", got, want)
		}
		v, err := w.bs.Broadcast(ctx, w.admin, b.ID)
		if err != nil || !v.Done() || v.Informed != 4 || v.Total != 5 || v.BatchesDone != 4 {
			t.Errorf("progress %+v, %v; want 4 of 5 in 4 batches", v.Broadcast, err)
		}
	})
}

type sender struct{ err error }

func (s sender) Send(context.Context, *kabinet.Message) (string, error) { return "p-1", s.err }
