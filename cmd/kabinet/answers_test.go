package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"kabinet"
	"kabinet/sqlstore/sqlstoretest"
)

// TestImportAnswers: the billing's answer to a specialist call lands on
// the request, reads in «Мои обращения» and rings the customer's bell as
// an operator's answer does; the same file again changes nothing, and an
// answer to a request that is not there is a bad line. Both engines.
func TestImportAnswers(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		m := MustRunMain(t, dsn)
		ctx := context.Background()
		c := newPortalCustomer(t, m)
		c.callSpecialist(t)
		var id, user int64
		db := m.app.DB
		if err := db.SQL().QueryRowContext(ctx, `SELECT id, user_id FROM requests WHERE account_id = $1 ORDER BY id DESC`, c.account.ID).Scan(&id, &user); err != nil {
			t.Fatal(err)
		}
		file := filepath.Join(t.TempDir(), "answers.csv")
		text := "answer_id;request_id;answered_at;status;text\n" +
			"AN1;" + strconv.FormatInt(id, 10) + ";2026-11-27T03:00:00Z;done;Мастер придёт 1 декабря с 9 до 13 часов.\n" +
			"AN2;999999;2026-11-27T03:00:00Z;done;Ответ на чужое обращение\n"
		if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		im := m.app.Importer()
		s, err := im.ImportFile(ctx, file, nil)
		if err != nil || s.Inserted != 1 || s.Refused != 1 || s.Errors[0].Line != 3 || s.Errors[0].Field != "request_id" {
			t.Fatalf("import: %v, %v %v", s, err, s.Errors)
		}
		r, err := db.FindRequestByID(ctx, id)
		if err != nil || r.Status != kabinet.StatusAnswered || !strings.HasPrefix(r.Answer, "Мастер придёт 1 декабря") {
			t.Fatalf("the request after the answer: %+v, %v", r, err)
		}
		res, err := c.http.Get(m.URL() + c.path("requests"))
		if err != nil {
			t.Fatal(err)
		}
		page, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if !strings.Contains(string(page), "Мастер придёт 1 декабря с 9 до 13 часов.") {
			t.Errorf("«Мои обращения» does not show the answer")
		}
		bells := func() int {
			ns, err := db.FindNotifications(ctx, user, 100)
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for _, x := range ns {
				if x.Title == "Ответ на обращение № "+r.Number() {
					n++
				}
			}
			return n
		}
		if n := bells(); n != 1 {
			t.Errorf("the bell rang %d times for the answer, want once", n)
		}
		im.Again = true
		if s, err := im.ImportFile(ctx, file, nil); err != nil || s.Inserted != 0 || bells() != 1 {
			t.Errorf("the same answers again: %v, %v, bell %d", s, err, bells())
		}
	})
}
