package requests

import (
	"context"
	"strings"

	"kabinet"
)

// AnswerFromBilling puts an answer of the supplier's billing on its
// request and tells the customer as an operator's answer does (Answer):
// in «Мои обращения» and the bell, and by e-mail when that was the
// channel chosen, in the transaction that records the answer's ID. An
// answer recorded before is ECONFLICT and changes nothing.
func (s *Service) AnswerFromBilling(ctx context.Context, a *kabinet.RequestAnswer) error {
	text := strings.TrimSpace(a.Text)
	if text == "" {
		return kabinet.Errorf(kabinet.EINVALID, "Пустой ответ")
	}
	r, err := s.store.FindRequestByID(ctx, a.RequestID)
	if err != nil {
		return err
	}
	st := a.Status
	n, err := s.answerNotice(r, st, text)
	if err != nil {
		return err
	}
	return s.store.UpdateRequest(ctx, r.ID, kabinet.RequestUpdate{Status: &st, Answer: &text, AnswerID: a.ID,
		AnsweredAt: a.At, Notice: n})
}
