package requests

import (
	"context"
	"io"
	"slices"
	"strings"

	"kabinet"
	"kabinet/sqlstore"
)

// The operator's side of requests, for the back office. The office
// decides who is an operator; these use cases decide what an operator's
// change may be.

// Queue returns the requests of one kind, optionally in one status, by
// deadline, those wanting a phone answer first (FEED-3).
func (s *Service) Queue(ctx context.Context, kind kabinet.RequestKind, status kabinet.RequestStatus) ([]*kabinet.Request, error) {
	return s.store.FindRequests(ctx, sqlstore.RequestFilter{Kind: kind, Status: status})
}

// Request returns one request with its attachments.
func (s *Service) Request(ctx context.Context, id int64) (*kabinet.Request, error) {
	return s.store.FindRequestByID(ctx, id)
}

// Assign gives request id to operator operatorID (0 takes it from
// whoever had it); a new request goes in progress.
func (s *Service) Assign(ctx context.Context, id, operatorID int64) error {
	r, err := s.store.FindRequestByID(ctx, id)
	if err != nil {
		return err
	}
	u := kabinet.RequestUpdate{AssigneeID: &operatorID}
	if r.Status == kabinet.StatusNew && operatorID != 0 {
		st := kabinet.StatusInProgress
		u.Status = &st
	}
	return s.store.UpdateRequest(ctx, id, u)
}

// SetStatus moves request id to status st. «Ответ дан» comes only with an
// answer (Answer).
func (s *Service) SetStatus(ctx context.Context, id int64, st kabinet.RequestStatus) error {
	if !slices.Contains(kabinet.RequestStatuses, st) || st == kabinet.StatusAnswered {
		return kabinet.Errorf(kabinet.EINVALID, "Этот статус нельзя поставить: ответ дается кнопкой «Ответить».")
	}
	return s.store.UpdateRequest(ctx, id, kabinet.RequestUpdate{Status: &st})
}

// Answer records the operator's answer to request id: the customer sees
// it in «Мои обращения» and the bell, and gets it by e-mail when that was
// the chosen channel (a phone or post answer is the operator's to give;
// the text records what was said).
func (s *Service) Answer(ctx context.Context, id, operatorID int64, text string) error {
	text = strings.TrimSpace(text)
	if text == "" {
		return kabinet.Errorf(kabinet.EINVALID, "Напишите ответ.")
	}
	r, err := s.store.FindRequestByID(ctx, id)
	if err != nil {
		return err
	}
	st := kabinet.StatusAnswered
	if err := s.store.UpdateRequest(ctx, id, kabinet.RequestUpdate{Status: &st, Answer: &text, AssigneeID: &operatorID}); err != nil {
		return err
	}
	r.Status, r.Answer = st, text
	if r.UserID != 0 {
		n := &kabinet.Notification{UserID: r.UserID, AccountID: r.AccountID, Title: "Ответ на обращение № " + r.Number(),
			Text: text}
		if r.AccountID != 0 {
			n.Link = "/a/" + itoa(r.AccountID) + "/requests"
		}
		if err := s.store.CreateNotification(ctx, n); err != nil {
			return err
		}
	}
	if r.AnswerChannel != kabinet.AnswerEmail || r.Email == "" {
		return nil
	}
	m, err := s.letters.Answer(r.Email, r)
	if err != nil {
		return err
	}
	return s.store.CreateMessage(ctx, m)
}

// OfficeAttachment opens a file of any request, for an operator.
func (s *Service) OfficeAttachment(ctx context.Context, reqID, attID int64) (*kabinet.Attachment, io.ReadCloser, error) {
	r, err := s.store.FindRequestByID(ctx, reqID)
	if kabinet.ErrorCode(err) == kabinet.ENOTFOUND {
		return nil, nil, errNoFile
	} else if err != nil {
		return nil, nil, err
	}
	return s.open(ctx, r, attID)
}
