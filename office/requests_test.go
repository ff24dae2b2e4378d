package office_test

import (
	"testing"

	"kabinet"
	"kabinet/filestore"
	"kabinet/office"
	"kabinet/requests"
	"kabinet/sqlstore/sqlstoretest"
)

// The office, not only its web guard, refuses request work to anybody who
// is not an active operator; an operator's every step is audited.
func TestRequestWork(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		w := newWorld(t, dsn)
		files, err := filestore.NewDir(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		w.svc.UseRequests(requests.New(w.db, files, nil, nil, nil, requests.DefaultConfig(), kabinet.Calendar{}))
		r := &kabinet.Request{Kind: kabinet.RequestFeedback, Status: kabinet.StatusNew, FullName: "Петров",
			Phone: "79501234567", AnswerChannel: kabinet.AnswerPhone, Topic: "Тема", Text: "Текст"}
		if err := w.db.CreateRequest(ctx, r, nil); err != nil {
			t.Fatal(err)
		}
		disabled := *w.op
		disabled.Disabled = true
		c := office.Client{IP: "192.0.2.1"}
		for name, o := range map[string]*kabinet.Operator{"nobody": nil, "disabled": &disabled, "no role": {ID: w.op.ID}} {
			t.Run("ErrRefused/"+name, func(t *testing.T) {
				_, err := w.svc.Queue(ctx, o, office.QueueQuery{Kind: kabinet.RequestFeedback}, c)
				wantRefused(t, err)
				_, err = w.svc.Request(ctx, o, r.ID, c)
				wantRefused(t, err)
				wantRefused(t, w.svc.Assign(ctx, o, r.ID, w.op.ID, c))
				wantRefused(t, w.svc.SetStatus(ctx, o, r.ID, kabinet.StatusClosed, c))
				wantRefused(t, w.svc.Answer(ctx, o, r.ID, "Ответ", c))
				_, _, err = w.svc.Attachment(ctx, o, r.ID, 1, c)
				wantRefused(t, err)
				if got, _ := w.db.FindRequestByID(ctx, r.ID); got.Status != kabinet.StatusNew || got.AssigneeID != 0 {
					t.Errorf("changed by %s: %+v", name, got)
				}
			})
		}
		t.Run("OperatorAudited", func(t *testing.T) {
			if err := w.svc.Assign(ctx, w.op, r.ID, w.admin.ID, c); err != nil {
				t.Fatal(err)
			}
			if err := w.svc.Answer(ctx, w.op, r.ID, "Перезвонили, объяснили.", c); err != nil {
				t.Fatal(err)
			}
			got, _ := w.db.FindRequestByID(ctx, r.ID)
			if got.Status != kabinet.StatusAnswered || got.Answer != "Перезвонили, объяснили.\n\nОтвет дан по телефону +7 (950) 123-45-67." {
				t.Errorf("answered = %q %q", got.Status, got.Answer)
			}
			es, err := w.db.FindAuditEntries(ctx, kabinet.AuditFilter{OperatorID: w.op.ID})
			if err != nil || len(es) != 2 || es[1].Detail != "№ "+r.Number()+", назначено: admin" || es[1].IP != "192.0.2.1" {
				t.Errorf("audit = %+v, %v", es, err)
			}
			if err := w.svc.Assign(ctx, w.op, r.ID, 999999, c); kabinet.ErrorCode(err) != kabinet.EINVALID {
				t.Errorf("assigned to nobody known: %v", err)
			}
		})
	})
}

func wantRefused(t *testing.T, err error) {
	t.Helper()
	if err != office.ErrNotOperator {
		t.Errorf("err = %v, want ErrNotOperator", err)
	}
}
