package notify_test

import (
	"context"
	"database/sql"
	"errors"
	"testing"

	"kabinet"
	"kabinet/notify"
	"kabinet/sqlstore"
	"kabinet/sqlstore/sqlstoretest"
)

var ctx = context.Background()

type noJobs struct{}

func (noJobs) InsertTx(context.Context, *sql.Tx, sqlstore.JobArgs) error { return nil }

// flaky fails with the errors in fail, one per call, then succeeds.
type flaky struct {
	fail  []error
	calls int
}

func (f *flaky) Send(_ context.Context, m *kabinet.Message) (string, error) {
	f.calls++
	if len(f.fail) > 0 {
		err := f.fail[0]
		f.fail = f.fail[1:]
		return "", err
	}
	return "provider-42", nil
}

func setup(t *testing.T, s kabinet.Sender) (*sqlstore.DB, *notify.Deliverer, *kabinet.Message) {
	t.Helper()
	db := sqlstoretest.MustOpen(t, sqlstoretest.SQLiteDSN(t), sqlstore.WithJobInserter(noJobs{}))
	m := &kabinet.Message{Channel: kabinet.ChannelSMS, Recipient: "79501234567", Text: "123456 — код"}
	if err := db.CreateMessage(ctx, m); err != nil {
		t.Fatal(err)
	}
	return db, &notify.Deliverer{Store: db, Senders: map[kabinet.Channel]kabinet.Sender{kabinet.ChannelSMS: s}}, m
}

func TestDeliverOnce(t *testing.T) {
	s := &flaky{}
	db, d, m := setup(t, s)
	if err := d.Deliver(ctx, m.ID); err != nil {
		t.Fatal(err)
	}
	if err := d.Deliver(ctx, m.ID); err != nil { // the job ran twice
		t.Fatal(err)
	}
	got, _ := db.FindMessageByID(ctx, m.ID)
	if s.calls != 1 || got.Status != kabinet.MessageSent || got.ProviderID != "provider-42" || got.SentAt.IsZero() {
		t.Errorf("calls = %d, message = %+v", s.calls, got)
	}
}

func TestDeliverRetriesTemporaryFailures(t *testing.T) {
	s := &flaky{fail: []error{errors.New("connection refused"), errors.New("gateway 220")}}
	db, d, m := setup(t, s)
	for i := range 2 {
		if err := d.Deliver(ctx, m.ID); err == nil {
			t.Fatalf("attempt %d: a temporary failure was not returned for retry", i+1)
		}
		got, _ := db.FindMessageByID(ctx, m.ID)
		if got.Status != kabinet.MessageQueued || got.LastError == "" || got.Attempts != i+1 {
			t.Fatalf("after attempt %d: %+v", i+1, got)
		}
	}
	if err := d.Deliver(ctx, m.ID); err != nil {
		t.Fatal(err)
	}
	if got, _ := db.FindMessageByID(ctx, m.ID); got.Status != kabinet.MessageSent || got.Attempts != 3 {
		t.Errorf("after recovery: %+v", got)
	}
}

func TestDeliverGivesUpOnPermanentFailures(t *testing.T) {
	s := &flaky{fail: []error{kabinet.Permanent(errors.New("202 wrong recipient"))}}
	db, d, m := setup(t, s)
	if err := d.Deliver(ctx, m.ID); err != nil {
		t.Fatalf("a permanent failure was returned for retry: %v", err)
	}
	if got, _ := db.FindMessageByID(ctx, m.ID); got.Status != kabinet.MessageFailed {
		t.Errorf("message = %+v", got)
	}
	d.Deliver(ctx, m.ID)
	if s.calls != 1 {
		t.Errorf("a failed message was sent again")
	}
}
