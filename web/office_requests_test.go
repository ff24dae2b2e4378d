package web

import (
	"bytes"
	"context"
	"testing"

	"kabinet"
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
