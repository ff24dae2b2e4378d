package kabinet

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// RequestKind is what a customer asks of the supplier (SVC-5..7, FEED-1).
type RequestKind string

// Kinds of request.
const (
	RequestSpecialist RequestKind = "specialist" // «Вызов специалиста»
	RequestStatement  RequestKind = "statement"  // «Акт сверки»
	RequestDocuments  RequestKind = "documents"  // «Направить документы он-лайн»
	RequestFeedback   RequestKind = "feedback"   // «Форма обратной связи»
)

// RequestKinds lists the kinds in the order the office shows its queues.
var RequestKinds = []RequestKind{RequestFeedback, RequestSpecialist, RequestDocuments, RequestStatement}

// Title is the kind as «Мои обращения» names it.
func (k RequestKind) Title() string {
	switch k {
	case RequestSpecialist:
		return "Вызов специалиста"
	case RequestStatement:
		return "Акт сверки"
	case RequestDocuments:
		return "Документы он-лайн"
	case RequestFeedback:
		return "Обращение"
	}
	return string(k)
}

// prefix starts the number of a request of kind k.
func (k RequestKind) prefix() string {
	switch k {
	case RequestSpecialist:
		return "ВС"
	case RequestStatement:
		return "АС"
	case RequestDocuments:
		return "ДО"
	}
	return "ОБ"
}

// RequestStatus is where a request stands.
type RequestStatus string

// Request statuses: accepted, being worked on, answered, closed without
// an answer (a duplicate, withdrawn).
const (
	StatusNew        RequestStatus = "new"
	StatusInProgress RequestStatus = "in_progress"
	StatusAnswered   RequestStatus = "answered"
	StatusClosed     RequestStatus = "closed"
)

// RequestStatuses lists the statuses in the order of their life.
var RequestStatuses = []RequestStatus{StatusNew, StatusInProgress, StatusAnswered, StatusClosed}

// Title is the status as the customer reads it.
func (s RequestStatus) Title() string {
	switch s {
	case StatusNew:
		return "Принято"
	case StatusInProgress:
		return "В работе"
	case StatusAnswered:
		return "Ответ дан"
	case StatusClosed:
		return "Закрыто"
	}
	return string(s)
}

// Open reports whether the supplier still owes an answer.
func (s RequestStatus) Open() bool { return s == StatusNew || s == StatusInProgress }

// AnswerChannel is how the customer wants the answer (FEED-1, FEED-3).
type AnswerChannel string

// Answer channels. Every answer is also shown in «Мои обращения» when the
// request belongs to an account; AnswerCabinet is that alone.
const (
	AnswerPhone   AnswerChannel = "phone"
	AnswerEmail   AnswerChannel = "email"
	AnswerPost    AnswerChannel = "post"
	AnswerCabinet AnswerChannel = "cabinet"
)

// Title is the channel as «Способ получения ответа» names it.
func (c AnswerChannel) Title() string {
	switch c {
	case AnswerPhone:
		return "Телефон"
	case AnswerEmail:
		return "Электронная почта"
	case AnswerPost:
		return "Почта"
	case AnswerCabinet:
		return "В личном кабинете"
	}
	return string(c)
}

// AnswerDays is how long the supplier has to answer (FEED-3).
const AnswerDays = 30

// Request is one request or enquiry of a customer, with its answer. The
// contact fields are kept as the customer sent them: the account's data
// may change later, the request says what was asked.
type Request struct {
	ID     int64
	Kind   RequestKind
	Status RequestStatus
	// AccountID is the account the request is about, 0 for an enquiry of
	// somebody who was not signed in; UserID who sent it, 0 likewise.
	AccountID, UserID int64
	// BranchID is the branch office («Отделение») of an enquiry, else 0.
	BranchID      int64
	FullName      string
	Address       string
	AccountNumber string // «Номер договора» / «Номер лиц. счёта» as typed
	Phone         string // 79XXXXXXXXX or ""
	Email         string // lower-case or ""
	AnswerChannel AnswerChannel
	// Topic is the subject of an enquiry («Тема»), the purpose of a
	// visit or the topic of documents, as shown.
	Topic string
	// Service is the service of a specialist's visit or a statement.
	Service Service
	// From and To are the days of a statement, zero otherwise.
	From, To time.Time
	// Text is «Обращение» or «Комментарий».
	Text string
	// Answer is the supplier's answer, "" until there is one.
	Answer     string
	AnsweredAt time.Time
	// AssigneeID is the operator working on the request, 0 for nobody.
	AssigneeID  int64
	CreatedAt   time.Time
	UpdatedAt   time.Time
	Deadline    time.Time
	Attachments []*Attachment
}

// Number is the request's number as the customer quotes it, e.g.
// «ОБ-000123»: the kind's letters and the ID.
func (r *Request) Number() string { return fmt.Sprintf("%s-%06d", r.Kind.prefix(), r.ID) }

// ParseRequestNumber returns the ID of a number Number wrote, with or
// without its letters.
func ParseRequestNumber(s string) (int64, error) {
	s = strings.TrimSpace(s)
	if i := strings.LastIndexByte(s, '-'); i >= 0 {
		s = s[i+1:]
	}
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id <= 0 {
		return 0, Errorf(EINVALID, "Неверный номер обращения")
	}
	return id, nil
}

// Overdue reports whether the request is still open after its deadline.
func (r *Request) Overdue(now time.Time) bool { return r.Status.Open() && now.After(r.Deadline) }

// Attachment is a file sent with a request (FEED-2, SVC-7). Its content
// lives in a file store under Key; the database holds what describes it.
type Attachment struct {
	ID        int64
	RequestID int64
	// Name is the file's name as the customer sent it, checked to be a
	// plain name; ContentType is what its content was found to be.
	Name        string
	ContentType string
	Size        int64
	Key         string
	CreatedAt   time.Time
}

// Branch is a branch office of the supplier («Отделение»), a row of data.
type Branch struct {
	ID   int64
	Name string
}

// RequestUpdate is an operator's change of a request: the fields that are
// not nil change. Audit records the change and Notice tells the customer;
// stores write both in the transaction of the change.
type RequestUpdate struct {
	Status     *RequestStatus
	AssigneeID *int64 // 0 unassigns
	Answer     *string
	Audit      *AuditEntry
	Notice     *Notice
}

// RequestFilter selects requests: of one account, or of some kinds and
// statuses (a queue). Zero fields select everything.
type RequestFilter struct {
	AccountID int64
	Kind      RequestKind
	Status    RequestStatus
	Limit     int
}
