package exchange

import (
	"context"

	"kabinet"
)

// Answerer puts the billing's answers on customers' requests and tells
// the customers. *requests.Service satisfies it.
type Answerer interface {
	AnswerFromBilling(ctx context.Context, a *kabinet.RequestAnswer) error
}

// answerStatuses are the request's statuses after an answer of each of
// the kind's statuses: a refusal closes the request.
var answerStatuses = map[string]kabinet.RequestStatus{
	"in_progress": kabinet.StatusInProgress,
	"done":        kabinet.StatusAnswered,
	"rejected":    kabinet.StatusClosed,
}

// loadAnswers gives each new answer through the Answerer, one
// transaction an answer (the text on the request, the customer's notice,
// the answer's ID); a known answer_id changes nothing, so a resumed
// import gives no answer twice.
func loadAnswers(ctx context.Context, run *fileRun, recs []*Record, _ kabinet.Batch) error {
	run.unique(recs, "answer_id")
	known, err := run.known(ctx, "request_answers", recs, "answer_id")
	if err != nil {
		return err
	}
	for _, r := range run.good(recs) {
		if _, ok := known[r.Get("answer_id")]; ok {
			continue
		}
		a, err := run.answer(ctx, r)
		if err != nil {
			return err
		}
		if a == nil {
			continue
		}
		if run.check || run.im.DryRun {
			run.inserted("request_answers", a.ID)
			continue
		}
		if run.im.Answers == nil {
			return kabinet.Errorf(kabinet.EINVALID, "Ответы на обращения здесь не загружаются")
		}
		switch err := run.im.Answers.AnswerFromBilling(ctx, a); kabinet.ErrorCode(err) {
		case "":
			run.inserted("request_answers", a.ID)
		case kabinet.ECONFLICT: // given meanwhile by another import
		case kabinet.EINVALID:
			run.bad(r, "text", "%s", kabinet.ErrorMessage(err))
		default:
			return err
		}
	}
	return nil
}

// answer reads a record; nil for a bad line (a request that is not
// there).
func (run *fileRun) answer(ctx context.Context, r *Record) (*kabinet.RequestAnswer, error) {
	id, err := kabinet.ParseRequestNumber(r.Get("request_id"))
	if err != nil {
		run.bad(r, "request_id", "не номер обращения: %q", r.Get("request_id"))
		return nil, nil
	}
	if _, err := run.im.Store.FindRequestByID(ctx, id); kabinet.ErrorCode(err) == kabinet.ENOTFOUND {
		run.bad(r, "request_id", "нет такого обращения: %d", id)
		return nil, nil
	} else if err != nil {
		return nil, err
	}
	return &kabinet.RequestAnswer{ID: r.Get("answer_id"), RequestID: id, At: r.Time("answered_at"),
		Status: answerStatuses[r.Get("status")], Text: r.Get("text")}, nil
}
