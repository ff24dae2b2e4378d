package requests

import (
	"context"
	"io"
	"slices"
	"strings"

	"kabinet"
)

// The operator's side of requests, for the back office. The office
// decides who is an operator; these use cases decide what an operator's
// change may be.

// Queue returns the requests of one kind, optionally in one status, by
// deadline, those wanting a phone answer first (FEED-3).
func (s *Service) Queue(ctx context.Context, kind kabinet.RequestKind, status kabinet.RequestStatus) ([]*kabinet.Request, error) {
	return s.store.FindRequests(ctx, kabinet.RequestFilter{Kind: kind, Status: status})
}

// Request returns one request with its attachments.
func (s *Service) Request(ctx context.Context, id int64) (*kabinet.Request, error) {
	return s.store.FindRequestByID(ctx, id)
}

// errUnaudited refuses an operator's change that would go unrecorded.
var errUnaudited = kabinet.Errorf(kabinet.EINTERNAL, "an operator's change of a request needs its audit entry")

// Assign gives request id to operator operatorID (0 takes it from
// whoever had it); a new request goes in progress. The audit entry e is
// written with the change.
func (s *Service) Assign(ctx context.Context, id, operatorID int64, e *kabinet.AuditEntry) error {
	if e == nil {
		return errUnaudited
	}
	r, err := s.store.FindRequestByID(ctx, id)
	if err != nil {
		return err
	}
	u := kabinet.RequestUpdate{AssigneeID: &operatorID, Audit: e}
	if r.Status == kabinet.StatusNew && operatorID != 0 {
		st := kabinet.StatusInProgress
		u.Status = &st
	}
	return s.store.UpdateRequest(ctx, id, u)
}

// SetStatus moves request id to status st. «Ответ дан» comes only with an
// answer (Answer).
func (s *Service) SetStatus(ctx context.Context, id int64, st kabinet.RequestStatus, e *kabinet.AuditEntry) error {
	if e == nil {
		return errUnaudited
	}
	if !slices.Contains(kabinet.RequestStatuses, st) || st == kabinet.StatusAnswered {
		return kabinet.Errorf(kabinet.EINVALID, "Этот статус нельзя поставить: ответ дается кнопкой «Ответить».")
	}
	return s.store.UpdateRequest(ctx, id, kabinet.RequestUpdate{Status: &st, Audit: e})
}

// Answer records the operator's answer to request id, with the audit
// entry e, in one transaction: the customer sees it in «Мои обращения» and
// the bell, and gets it by e-mail when that was the chosen channel. A
// phone or post answer is the operator's to give; the text records what
// was said or sent, and a note says how it went.
func (s *Service) Answer(ctx context.Context, id, operatorID int64, text string, e *kabinet.AuditEntry) error {
	if e == nil {
		return errUnaudited
	}
	text = strings.TrimSpace(text)
	if text == "" {
		return kabinet.Errorf(kabinet.EINVALID, "Напишите ответ.")
	}
	r, err := s.store.FindRequestByID(ctx, id)
	if err != nil {
		return err
	}
	text += answerNote(r)
	st := kabinet.StatusAnswered
	r.Status, r.Answer = st, text
	n := &kabinet.Notice{}
	if r.UserID != 0 {
		n.Notification = &kabinet.Notification{UserID: r.UserID, AccountID: r.AccountID, Title: "Ответ на обращение № " + r.Number(),
			Text: text}
		if r.AccountID != 0 {
			n.Notification.Link = "/a/" + itoa(r.AccountID) + "/requests"
		}
	}
	if r.AnswerChannel == kabinet.AnswerEmail && r.Email != "" {
		m, err := s.letters.Answer(r.Email, r)
		if err != nil {
			return err
		}
		n.Messages = append(n.Messages, m)
	}
	return s.store.UpdateRequest(ctx, id, kabinet.RequestUpdate{Status: &st, Answer: &text, AssigneeID: &operatorID, Audit: e, Notice: n})
}

// answerNote says how an answer the portal does not deliver itself
// reached the customer.
func answerNote(r *kabinet.Request) string {
	switch r.AnswerChannel {
	case kabinet.AnswerPhone:
		return "\n\nОтвет дан по телефону" + phoneNote(r.Phone) + "."
	case kabinet.AnswerPost:
		return "\n\nОтвет направлен почтой по адресу: " + r.Address + "."
	}
	return ""
}

func phoneNote(p string) string {
	if p == "" {
		return ""
	}
	return " " + kabinet.FormatPhone(p)
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
