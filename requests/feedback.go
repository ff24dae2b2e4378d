package requests

import (
	"context"
	"strconv"

	"kabinet"
)

// AnswerChannels are «Способ получения ответа» of an enquiry (FEED-1).
var AnswerChannels = []kabinet.AnswerChannel{kabinet.AnswerPhone, kabinet.AnswerEmail, kabinet.AnswerPost}

// FeedbackForm is «Форма обратной связи» as typed; the files come in an
// Upload.
type FeedbackForm struct {
	Branch                     string // a branch's ID
	FullName, Address, Account string
	Phone, Email               string
	AnswerChannel, Topic, Text string
	Consent                    bool
}

// FeedbackDefaults prefills the form for a signed-in customer.
func (s *Service) FeedbackDefaults(ctx context.Context, a *kabinet.Account, u *kabinet.User) (FeedbackForm, error) {
	f := FeedbackForm{FullName: a.FullName(), Address: a.Address, Account: a.Display}
	set, err := s.settings.Settings(ctx, a, u)
	if err != nil {
		return f, err
	}
	if set.Phone != "" {
		f.Phone = kabinet.FormatPhone(set.Phone)
	}
	f.Email = set.Email
	return f, nil
}

// Feedback accepts an enquiry (FEED-1..3), from a signed-in customer or
// anybody else; every field is required. A form with mistakes is
// auth.FormErrors by field; past the rate limit it is ErrTooMany. Either
// way the upload is discarded.
func (s *Service) Feedback(ctx context.Context, from Sender, f FeedbackForm, up *Upload) (_ *kabinet.Request, err error) {
	defer func() {
		if err != nil {
			up.Discard(ctx)
		}
	}()
	branches, err := s.store.FindBranches(ctx)
	if err != nil {
		return nil, err
	}
	ids := make([]string, len(branches))
	for i, b := range branches {
		ids[i] = strconv.FormatInt(b.ID, 10)
	}
	channels := make([]string, len(AnswerChannels))
	for i, ch := range AnswerChannels {
		channels[i] = string(ch)
	}
	c := newCheck()
	branch, _ := strconv.ParseInt(c.oneOf("branch", f.Branch, "Выберите отделение.", ids), 10, 64)
	r := &kabinet.Request{Kind: kabinet.RequestFeedback, BranchID: branch,
		FullName:      c.text("full_name", f.FullName, "Укажите фамилию, имя и отчество.", 200),
		Address:       c.text("address", f.Address, "Укажите адрес.", 300),
		AccountNumber: c.account("account", f.Account),
		Phone:         c.phone("phone", f.Phone),
		Email:         c.email("email", f.Email),
		AnswerChannel: kabinet.AnswerChannel(c.oneOf("answer_channel", f.AnswerChannel, "Выберите способ получения ответа.", channels)),
		Topic:         c.text("topic", f.Topic, "Укажите тему обращения.", 200),
		Text:          c.text("text", f.Text, "Напишите текст обращения.", 5000),
	}
	if msg := up.Refused(); msg != "" {
		c.set("files", msg)
	}
	if !f.Consent {
		c.set("consent", "Без согласия на обработку персональных данных обращение не отправить.")
	}
	if err := c.err(); err != nil {
		return nil, err
	}
	if err := s.throttle(ctx, from); err != nil {
		return nil, err
	}
	return r, s.create(ctx, from, r, up, nil)
}

// account requires an account number in the supplier's format.
func (c *fieldCheck) account(field, v string) string {
	v = c.text(field, v, "Укажите номер лицевого счета.", 40)
	if v == "" {
		return ""
	}
	n, err := kabinet.ParseAccountNumber(v)
	if err != nil {
		c.set(field, kabinet.ErrorMessage(err))
		return v
	}
	return n.String()
}
