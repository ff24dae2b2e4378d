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

func TestRequests(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		db := sqlstoretest.MustOpen(t, dsn, sqlstore.WithJobInserter(noJobs{}))
		db.Now = func() time.Time { return date(2026, 11, 27).Add(10 * time.Hour) }
		a := MustCreateAccount(t, db, "10103001857", "Иванов")
		u := MustCreateUser(t, db, a.ID, "i@example.org")
		branches, err := db.FindBranches(ctx)
		if err != nil || len(branches) < 5 || branches[0].Name != "Правобережное отделение (г. Иркутск)" {
			t.Fatalf("branches = %v, %v", branches, err)
		}
		docs := &kabinet.Request{Kind: kabinet.RequestDocuments, Status: kabinet.StatusNew, AccountID: a.ID, UserID: u.ID,
			FullName: "Иванов Иван Иванович", Topic: "Смена собственника", AnswerChannel: kabinet.AnswerCabinet,
			Attachments: []*kabinet.Attachment{{Name: "скан.pdf", ContentType: "application/pdf", Size: 1234, Key: "requests/ab/ab01"}}}
		if err := db.CreateRequest(ctx, docs, nil); err != nil {
			t.Fatal(err)
		}
		anon := &kabinet.Request{Kind: kabinet.RequestFeedback, Status: kabinet.StatusNew, BranchID: branches[0].ID,
			FullName: "Петров", Phone: "79501234567", AnswerChannel: kabinet.AnswerPhone, Topic: "Тема", Text: "Текст"}
		letter := &kabinet.Message{Channel: kabinet.ChannelEmail, Recipient: "i@example.org", Subject: "Акт",
			Attachments: []kabinet.MessageAttachment{{Name: "akt.pdf", ContentType: "application/pdf", Data: []byte("%PDF-1.4 x")}}}
		stmt := &kabinet.Request{Kind: kabinet.RequestStatement, Status: kabinet.StatusAnswered, AccountID: a.ID, UserID: u.ID,
			Service: kabinet.ServiceElectricity, From: date(2026, 1, 1), To: date(2026, 10, 31), AnswerChannel: kabinet.AnswerEmail,
			Answer: "Направлен", AnsweredAt: db.Now()}
		for _, r := range []*kabinet.Request{anon, stmt} {
			m := (*kabinet.Message)(nil)
			if r == stmt {
				m = letter
			}
			if err := db.CreateRequest(ctx, r, m); err != nil {
				t.Fatal(err)
			}
		}

		t.Run("FindByIDWithAttachments", func(t *testing.T) {
			got, err := db.FindRequestByID(ctx, docs.ID)
			if err != nil {
				t.Fatal(err)
			}
			if got.AccountID != a.ID || got.UserID != u.ID || got.Topic != "Смена собственника" || len(got.Attachments) != 1 ||
				got.Attachments[0].Key != "requests/ab/ab01" || got.Attachments[0].Size != 1234 {
				t.Errorf("request = %+v", got)
			}
			if !got.Deadline.Equal(date(2026, 12, 27).Add(10 * time.Hour)) {
				t.Errorf("deadline = %v", got.Deadline)
			}
		})
		t.Run("StatementDays", func(t *testing.T) {
			got, err := db.FindRequestByID(ctx, stmt.ID)
			if err != nil {
				t.Fatal(err)
			}
			if !got.From.Equal(date(2026, 1, 1)) || !got.To.Equal(date(2026, 10, 31)) || got.AnsweredAt.IsZero() {
				t.Errorf("statement = %v..%v answered %v", got.From, got.To, got.AnsweredAt)
			}
		})
		t.Run("LetterKeepsItsAttachment", func(t *testing.T) {
			m, err := db.FindMessageByID(ctx, letter.ID)
			if err != nil {
				t.Fatal(err)
			}
			if len(m.Attachments) != 1 || string(m.Attachments[0].Data) != "%PDF-1.4 x" || m.Attachments[0].Name != "akt.pdf" {
				t.Errorf("attachments = %+v", m.Attachments)
			}
		})
		t.Run("AccountListNewestFirst", func(t *testing.T) {
			rs, err := db.FindRequests(ctx, kabinet.RequestFilter{AccountID: a.ID})
			if err != nil {
				t.Fatal(err)
			}
			if len(rs) != 2 || rs[0].ID != stmt.ID || rs[1].ID != docs.ID || len(rs[1].Attachments) != 1 {
				t.Errorf("list = %v", rs)
			}
		})
		t.Run("QueuePhoneFirst", func(t *testing.T) {
			email := &kabinet.Request{Kind: kabinet.RequestFeedback, Status: kabinet.StatusNew, AnswerChannel: kabinet.AnswerEmail}
			if err := db.CreateRequest(ctx, email, nil); err != nil {
				t.Fatal(err)
			}
			rs, err := db.FindRequests(ctx, kabinet.RequestFilter{Kind: kabinet.RequestFeedback, Status: kabinet.StatusNew})
			if err != nil || len(rs) != 2 || rs[0].ID != anon.ID {
				t.Errorf("queue = %v, %v", rs, err)
			}
		})
		t.Run("UpdateAssignAnswer", func(t *testing.T) {
			op, answer, st := int64(7), "Ответ", kabinet.StatusAnswered
			if err := db.UpdateRequest(ctx, anon.ID, kabinet.RequestUpdate{AssigneeID: &op}); err != nil {
				t.Fatal(err)
			}
			if err := db.UpdateRequest(ctx, anon.ID, kabinet.RequestUpdate{Status: &st, Answer: &answer}); err != nil {
				t.Fatal(err)
			}
			got, _ := db.FindRequestByID(ctx, anon.ID)
			if got.AssigneeID != 7 || got.Status != st || got.Answer != answer || got.AnsweredAt.IsZero() {
				t.Errorf("updated = %+v", got)
			}
			none := int64(0)
			if err := db.UpdateRequest(ctx, anon.ID, kabinet.RequestUpdate{AssigneeID: &none}); err != nil {
				t.Fatal(err)
			}
			if got, _ := db.FindRequestByID(ctx, anon.ID); got.AssigneeID != 0 || got.Answer != answer {
				t.Errorf("unassigned = %+v", got)
			}
		})
		t.Run("AuditAndNoticeInTheSameTransaction", func(t *testing.T) {
			st := kabinet.StatusClosed
			bad := &kabinet.AuditEntry{OperatorID: 999999, OperatorLogin: "ghost", Action: kabinet.AuditChangeRequest}
			if err := db.UpdateRequest(ctx, docs.ID, kabinet.RequestUpdate{Status: &st, Audit: bad}); err == nil {
				t.Fatal("an audit entry of no operator was written")
			}
			if got, _ := db.FindRequestByID(ctx, docs.ID); got.Status == st {
				t.Errorf("the change stayed without its audit entry")
			}
			o := mustOperator(t, db, "req-op", kabinet.RoleOperator)
			e := &kabinet.AuditEntry{OperatorID: o.ID, OperatorLogin: o.Login, Action: kabinet.AuditChangeRequest, AccountID: a.ID}
			n := &kabinet.Notice{Notification: &kabinet.Notification{UserID: u.ID, Title: "Ответ", Text: "Текст"}}
			if err := db.UpdateRequest(ctx, docs.ID, kabinet.RequestUpdate{Status: &st, Audit: e, Notice: n}); err != nil {
				t.Fatal(err)
			}
			es, err := db.FindAuditEntries(ctx, kabinet.AuditFilter{OperatorID: o.ID})
			if err != nil || len(es) != 1 || es[0].Action != kabinet.AuditChangeRequest {
				t.Errorf("audit = %v, %v", es, err)
			}
			if ns, _ := db.FindNotifications(ctx, u.ID, 10); len(ns) != 1 || ns[0].Title != "Ответ" {
				t.Errorf("notifications = %v", ns)
			}
		})
		t.Run("ErrNotFound", func(t *testing.T) {
			_, err := db.FindRequestByID(ctx, 999999)
			wantCode(t, err, kabinet.ENOTFOUND)
			wantCode(t, db.UpdateRequest(ctx, 999999, kabinet.RequestUpdate{}), kabinet.ENOTFOUND)
		})
	})
}

// noJobs accepts delivery jobs without running them.
type noJobs struct{}

func (noJobs) InsertTx(context.Context, *sql.Tx, sqlstore.JobArgs) error { return nil }
