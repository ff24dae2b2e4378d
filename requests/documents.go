package requests

import (
	"context"

	"kabinet"
)

// DocumentTopics are the questions documents are sent about (SVC-7).
var DocumentTopics = []string{"Заключение договора", "Смена собственника", "Количество проживающих", "Поверка прибора учета", "Другое"}

// DocumentsForm is «Направить документы он-лайн» as typed; the scans come
// in an Upload.
type DocumentsForm struct {
	Topic, Comment string
}

// Documents accepts scans of documents for account a (SVC-7): a topic, a
// comment and at least one file. A form with mistakes is auth.FormErrors
// by field ("files" for the scans); the upload is discarded then.
func (s *Service) Documents(ctx context.Context, from Sender, f DocumentsForm, up *Upload) (_ *kabinet.Request, err error) {
	defer func() {
		if err != nil {
			up.Discard(ctx)
		}
	}()
	a := from.Account
	c := newCheck()
	r := &kabinet.Request{Kind: kabinet.RequestDocuments, AnswerChannel: kabinet.AnswerCabinet,
		FullName: a.FullName(), Address: a.Address, AccountNumber: a.Display,
		Topic: c.oneOf("topic", f.Topic, "Выберите, по какому вопросу документы.", DocumentTopics),
		Text:  c.text("comment", f.Comment, "", 2000),
	}
	if r.Topic == "Другое" && r.Text == "" {
		c.set("comment", "Опишите, по какому вопросу документы.")
	}
	if msg := up.Refused(); msg != "" {
		c.set("files", msg)
	} else if len(up.Attachments()) == 0 {
		c.set("files", "Прикрепите хотя бы один скан документа.")
	}
	if err := c.err(); err != nil {
		return nil, err
	}
	if err := s.throttle(ctx, from); err != nil {
		return nil, err
	}
	set, err := s.settings.Settings(ctx, a, from.User)
	if err != nil {
		return nil, err
	}
	r.Phone, r.Email = set.Phone, set.Email
	return r, s.create(ctx, from, r, up, nil)
}
