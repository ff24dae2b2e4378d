package office

import (
	"context"
	"io"

	"kabinet"
)

// Requests is the operator's side of customers' requests, which the back
// office authorizes and audits. *requests.Service satisfies it; the
// audit entries it is given are written with its changes.
type Requests interface {
	Queue(ctx context.Context, kind kabinet.RequestKind, status kabinet.RequestStatus) ([]*kabinet.Request, error)
	Request(ctx context.Context, id int64) (*kabinet.Request, error)
	Assign(ctx context.Context, id, operatorID int64, e *kabinet.AuditEntry) error
	SetStatus(ctx context.Context, id int64, st kabinet.RequestStatus, e *kabinet.AuditEntry) error
	Answer(ctx context.Context, id, operatorID int64, text string, e *kabinet.AuditEntry) error
	OfficeAttachment(ctx context.Context, reqID, attID int64) (*kabinet.Attachment, io.ReadCloser, error)
}

// ErrNotOperator refuses request work to anybody who is not an active
// operator or admin: the web guard is not the only check.
var ErrNotOperator = kabinet.Errorf(kabinet.EFORBIDDEN, "Обращения доступны только операторам.")

// mayWork reports why o may not work requests, nil if they may.
func (s *Service) mayWork(o *kabinet.Operator) error {
	if o == nil || o.Disabled || !o.Role.Valid() {
		return ErrNotOperator
	}
	if s.requests == nil {
		return kabinet.Errorf(kabinet.EINTERNAL, "the back office has no requests")
	}
	return nil
}

// QueueQuery selects a queue: a kind and, optionally, a status.
type QueueQuery struct {
	Kind   kabinet.RequestKind
	Status kabinet.RequestStatus
}

// Queue returns the requests of a queue, those wanting a phone answer
// first, then by deadline (FEED-3). The list shows customers' names, so
// it is recorded in the audit log.
func (s *Service) Queue(ctx context.Context, o *kabinet.Operator, q QueueQuery, c Client) ([]*kabinet.Request, error) {
	if err := s.mayWork(o); err != nil {
		return nil, err
	}
	detail := q.Kind.Title()
	if q.Status != "" {
		detail += ", " + q.Status.Title()
	}
	if err := s.store.CreateAuditEntry(ctx, s.entry(o, kabinet.AuditViewQueue, nil, detail, c)); err != nil {
		return nil, err
	}
	return s.requests.Queue(ctx, q.Kind, q.Status)
}

// Request returns request id with its attachments, and records the view
// in the audit log first.
func (s *Service) Request(ctx context.Context, o *kabinet.Operator, id int64, c Client) (*kabinet.Request, error) {
	if err := s.mayWork(o); err != nil {
		return nil, err
	}
	r, err := s.requests.Request(ctx, id)
	if err != nil {
		return nil, err
	}
	if err := s.store.CreateAuditEntry(ctx, s.requestEntry(o, kabinet.AuditViewRequest, r, "", c)); err != nil {
		return nil, err
	}
	return r, nil
}

// Assign gives request id to operator to (0: to nobody).
func (s *Service) Assign(ctx context.Context, o *kabinet.Operator, id, to int64, c Client) error {
	r, err := s.workOn(ctx, o, id)
	if err != nil {
		return err
	}
	detail := "снято назначение"
	if to != 0 {
		a, err := s.store.FindOperatorByID(ctx, to)
		if kabinet.ErrorCode(err) == kabinet.ENOTFOUND || err == nil && a.Disabled {
			return kabinet.Errorf(kabinet.EINVALID, "Выберите оператора из списка.")
		} else if err != nil {
			return err
		}
		detail = "назначено: " + a.Login
	}
	return s.requests.Assign(ctx, id, to, s.requestEntry(o, kabinet.AuditChangeRequest, r, detail, c))
}

// SetStatus moves request id to status st.
func (s *Service) SetStatus(ctx context.Context, o *kabinet.Operator, id int64, st kabinet.RequestStatus, c Client) error {
	r, err := s.workOn(ctx, o, id)
	if err != nil {
		return err
	}
	return s.requests.SetStatus(ctx, id, st, s.requestEntry(o, kabinet.AuditChangeRequest, r, "статус: "+st.Title(), c))
}

// Answer answers request id with text, by the channel the customer chose.
func (s *Service) Answer(ctx context.Context, o *kabinet.Operator, id int64, text string, c Client) error {
	r, err := s.workOn(ctx, o, id)
	if err != nil {
		return err
	}
	e := s.requestEntry(o, kabinet.AuditChangeRequest, r, "ответ: "+r.AnswerChannel.Title(), c)
	return s.requests.Answer(ctx, id, o.ID, text, e)
}

// Attachment opens file attID of request reqID, and records the download
// in the audit log first: attachments are personal data.
func (s *Service) Attachment(ctx context.Context, o *kabinet.Operator, reqID, attID int64, c Client) (*kabinet.Attachment, io.ReadCloser, error) {
	r, err := s.workOn(ctx, o, reqID)
	if err != nil {
		return nil, nil, err
	}
	for _, at := range r.Attachments {
		if at.ID != attID {
			continue
		}
		if err := s.store.CreateAuditEntry(ctx, s.requestEntry(o, kabinet.AuditDownloadFile, r, at.Name, c)); err != nil {
			return nil, nil, err
		}
		return s.requests.OfficeAttachment(ctx, reqID, attID)
	}
	return nil, nil, kabinet.Errorf(kabinet.ENOTFOUND, "Файл не найден")
}

// Assignees lists the operators a request can be given to.
func (s *Service) Assignees(ctx context.Context, o *kabinet.Operator) ([]*kabinet.Operator, error) {
	if err := s.mayWork(o); err != nil {
		return nil, err
	}
	all, err := s.store.FindOperators(ctx)
	var active []*kabinet.Operator
	for _, a := range all {
		if !a.Disabled {
			active = append(active, a)
		}
	}
	return active, err
}

// workOn checks that o may work requests and returns request id.
func (s *Service) workOn(ctx context.Context, o *kabinet.Operator, id int64) (*kabinet.Request, error) {
	if err := s.mayWork(o); err != nil {
		return nil, err
	}
	return s.requests.Request(ctx, id)
}

// requestEntry is the audit entry of an operator's action on request r:
// its account, if it has one, and its number.
func (s *Service) requestEntry(o *kabinet.Operator, action kabinet.AuditAction, r *kabinet.Request, detail string, c Client) *kabinet.AuditEntry {
	e := s.entry(o, action, nil, "№ "+r.Number(), c)
	if detail != "" {
		e.Detail = truncate(e.Detail+", "+detail, 500)
	}
	e.AccountID, e.AccountNumber = r.AccountID, r.AccountNumber
	return e
}
