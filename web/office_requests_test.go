package web

import (
	"bytes"
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"kabinet"
	"kabinet/web/htmltest"
)

// officeRequest saves an enquiry of account acc's owner, answered by
// e-mail, with a PDF attached, as the feedback form would.
func (p *portal) officeRequest(tb testing.TB, acc *kabinet.Account) *kabinet.Request {
	tb.Helper()
	ctx := context.Background()
	u, err := p.db.FindOwner(ctx, acc.ID)
	if err != nil {
		tb.Fatal(err)
	}
	key := "requests/test/" + acc.Display
	n, err := p.files.Put(ctx, key, bytes.NewReader(pdfFile))
	if err != nil {
		tb.Fatal(err)
	}
	r := &kabinet.Request{Kind: kabinet.RequestFeedback, Status: kabinet.StatusNew, AccountID: acc.ID, UserID: u.ID,
		FullName: acc.FullName(), Address: acc.Address, AccountNumber: acc.Display, Email: u.Email,
		AnswerChannel: kabinet.AnswerEmail, Topic: "Перерасчет", Text: "Прошу пересчитать ноябрь.",
		Attachments: []*kabinet.Attachment{{Name: "квитанция.pdf", ContentType: "application/pdf", Size: n, Key: key}}}
	if err := p.db.CreateRequest(ctx, r, nil); err != nil {
		tb.Fatal(err)
	}
	return r
}

// An operator answers an enquiry: finds it in the queue, takes it,
// answers; the customer reads the answer in «Мои обращения» and gets the
// letter; every step is in the audit log.
func TestOfficeAnswersEnquiry(t *testing.T) {
	p := newPortal(t, "http://portal.test", Config{})
	acc := p.registered(t, "10103001857", "Иванов", "Байкал-2026-омуль", "ivanov@example.ru")
	p.officeStaff(t)
	phone := &kabinet.Request{Kind: kabinet.RequestFeedback, Status: kabinet.StatusNew, FullName: "Петров Петр",
		Phone: "79501234567", AnswerChannel: kabinet.AnswerPhone, Topic: "Позвоните", Text: "Вопрос"}
	if err := p.db.CreateRequest(context.Background(), phone, nil); err != nil {
		t.Fatal(err)
	}
	req := p.officeRequest(t, acc)
	op := newAgent(t, p.Handler())
	p.officeSignIn(t, op, "operator")

	wantStatus(t, op.get("/office/requests"), http.StatusOK)
	rows := op.doc().Find(".queue-table tbody tr")
	if len(rows) != 2 || !strings.Contains(htmltest.Text(rows[0]), phone.Number()) || !strings.Contains(htmltest.Text(rows[1]), req.Number()) {
		t.Fatalf("queue, phone answers first:\n%v", texts(rows))
	}
	wantStatus(t, op.get("/office/requests?kind=feedback&status=answered"), http.StatusOK)
	if n := len(op.doc().Find(".queue-table tbody tr")); n != 0 {
		t.Errorf("%d answered requests before any answer", n)
	}
	page := officeRequestPath(req.ID)
	wantStatus(t, op.get(page), http.StatusOK)
	for _, want := range []string{"Иванов", "Прошу пересчитать ноябрь.", "Электронная почта", "квитанция.pdf"} {
		if !strings.Contains(op.doc().Text("main"), want) {
			t.Errorf("the request's page lacks %q", want)
		}
	}
	me, _ := htmltest.Attr(op.doc().One(".office-assign-me input[name=operator]"), "value")
	op.follow(op.post(page+"/assign", url.Values{"operator": {me}}), page)
	if got := op.doc().Text(".request-status"); got != "В работе" {
		t.Errorf("status after taking it = %q", got)
	}
	wantStatus(t, op.post(page+"/assign", url.Values{"operator": {"999"}}), http.StatusUnprocessableEntity)
	op.doc().One("#operator-error")
	wantStatus(t, op.post(page+"/status", url.Values{"status": {"answered"}}), http.StatusUnprocessableEntity)
	op.doc().One("#status-error")
	wantStatus(t, op.post(page+"/answer", url.Values{"answer": {"  "}}), http.StatusUnprocessableEntity)
	op.doc().One("#answer-error")
	op.follow(op.post(page+"/answer", url.Values{"answer": {"Перерасчет сделан, сумма уменьшена на 120 ₽."}}), page)
	if got := op.doc().Text(".request-status"); got != "Ответ дан" {
		t.Errorf("status after the answer = %q", got)
	}
	wantStatus(t, op.get("/office/requests?kind=feedback&status=answered"), http.StatusOK)
	if got := op.doc().Text(".queue-assignee"); got != "Козлов Сергей" {
		t.Errorf("assignee in the queue = %q", got)
	}

	customer := newAgent(t, p.Handler())
	customer.post("/login", url.Values{"account": {"10103001857"}, "secret": {"Байкал-2026-омуль"}})
	wantStatus(t, customer.get(accountPath(acc, "requests")), http.StatusOK)
	if got := customer.doc().Text(".request-answer"); !strings.Contains(got, "Перерасчет сделан") {
		t.Errorf("the customer reads %q", got)
	}
	ms, err := p.db.FindMessages(context.Background(), kabinet.ChannelEmail, 10)
	if err != nil || len(ms) != 1 || ms[0].Recipient != "ivanov@example.ru" {
		t.Fatalf("letters = %v, %v", ms, err)
	}

	es, err := p.db.FindAuditEntries(context.Background(), kabinet.AuditFilter{AccountID: acc.ID})
	if err != nil {
		t.Fatal(err)
	}
	var changes, views int
	for _, e := range es {
		switch e.Action {
		case kabinet.AuditChangeRequest:
			changes++
		case kabinet.AuditViewRequest:
			views++
		}
	}
	// Changes: taken, answered (refused forms change nothing). Views: the
	// page, its return after each change and each refusal.
	if changes != 2 || views < 3 {
		t.Errorf("audit: %d changes, %d views", changes, views)
	}
}

// The operator sees the branch («Отделение») the customer chose in the
// feedback form, in the queue and on the request (issue 20).
func TestOfficeSeesBranch(t *testing.T) {
	p := newPortal(t, "http://portal.test", Config{})
	p.officeStaff(t)
	ctx := context.Background()
	branches, err := p.db.FindBranches(ctx)
	if err != nil || len(branches) < 2 {
		t.Fatalf("branches %v, %v", branches, err)
	}
	b := branches[1]
	req := &kabinet.Request{Kind: kabinet.RequestFeedback, Status: kabinet.StatusNew, BranchID: b.ID, FullName: "Петров Петр",
		Email: "petrov@example.ru", AnswerChannel: kabinet.AnswerEmail, Topic: "Показания", Text: "Вопрос"}
	if err := p.db.CreateRequest(ctx, req, nil); err != nil {
		t.Fatal(err)
	}
	op := newAgent(t, p.Handler())
	p.officeSignIn(t, op, "operator")
	wantStatus(t, op.get("/office/requests"), http.StatusOK)
	if got := op.doc().Text(".queue-table .queue-branch"); got != b.Name {
		t.Errorf("the queue's «Отделение» = %q, want %q", got, b.Name)
	}
	wantStatus(t, op.get(officeRequestPath(req.ID)), http.StatusOK)
	facts := op.doc().Find(".request-given > div")
	if len(facts) == 0 || strings.Join(strings.Fields(htmltest.Text(facts[0])), " ") != "Отделение "+b.Name {
		t.Errorf("the request's first fact is %q, want «Отделение» %q", texts(facts), b.Name)
	}
	wantStatus(t, op.get("/office/requests?kind=documents"), http.StatusOK)
	if op.doc().Has(".queue-branch") {
		t.Error("documents, which have no branch, show «Отделение»")
	}
}

// The access matrix over attachments: the owner through «Мои обращения»,
// another customer through their own account's path, an operator through
// the office, nobody at all. Only the owner and the operator get the file.
func TestAttachmentAccessMatrix(t *testing.T) {
	p := newPortal(t, "http://portal.test", Config{})
	acc := p.registered(t, "10103001857", "Иванов", "Байкал-2026-омуль", "ivanov@example.ru")
	other := p.registered(t, "10103001858", "Петров", "Ангара-2026-хариус", "petrov@example.ru")
	p.officeStaff(t)
	req := p.officeRequest(t, acc)
	att := strconv.FormatInt(req.Attachments[0].ID, 10)
	tail := "requests/" + strconv.FormatInt(req.ID, 10) + "/files/" + att
	office := officeRequestPath(req.ID) + "/files/" + att
	signIn := func(number, pw string) *agent {
		a := newAgent(t, p.Handler())
		a.post("/login", url.Values{"account": {number}, "secret": {pw}})
		return a
	}
	operator := newAgent(t, p.Handler())
	p.officeSignIn(t, operator, "operator")
	owner, stranger := signIn("10103001857", "Байкал-2026-омуль"), signIn("10103001858", "Ангара-2026-хариус")
	cases := []struct {
		who    string
		a      *agent
		path   string
		served bool
	}{
		{"owner", owner, accountPath(acc, tail), true},
		{"owner via the office", owner, office, false},
		{"another customer, owner's path", stranger, accountPath(acc, tail), false},
		{"another customer, own account", stranger, accountPath(other, tail), false},
		{"another customer via the office", stranger, office, false},
		{"operator", operator, office, true},
		{"anonymous", newAgent(t, p.Handler()), accountPath(acc, tail), false},
		{"anonymous via the office", newAgent(t, p.Handler()), office, false},
	}
	for _, c := range cases {
		res := c.a.get(c.path)
		got := res.Code == http.StatusOK && bytes.Equal(res.Body.Bytes(), pdfFile)
		if got != c.served || !c.served && res.Code == http.StatusOK {
			t.Errorf("%s GET %s: %d, file served %v, want %v", c.who, c.path, res.Code, got, c.served)
		}
	}
	es, _ := p.db.FindAuditEntries(context.Background(), kabinet.AuditFilter{AccountID: acc.ID})
	if len(es) != 1 || es[0].Action != kabinet.AuditDownloadFile || !strings.Contains(es[0].Detail, "квитанция.pdf") {
		t.Errorf("audit of the download: %+v", es)
	}
}

func texts(ns []*html.Node) string {
	var b strings.Builder
	for _, n := range ns {
		b.WriteString(strings.Join(strings.Fields(htmltest.Text(n)), " ") + "\n")
	}
	return b.String()
}
