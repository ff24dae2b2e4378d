// Package requests is what customers ask of the supplier, as an
// application service (SVC-5..7, FEED-1..3): a specialist's visit, a
// reconciliation statement sent by e-mail, documents sent on-line and
// enquiries through the feedback form, with their attachments, and the
// operator's side of them (queues, assignment, status, answer). Who may
// see an account is decided before it is called (auth.Service.Enter);
// which request and file belong to that account is decided here.
package requests

import (
	"context"
	"io"
	"kabinet/billing"
	"time"

	"kabinet"
	"kabinet/auth"
	"kabinet/home"
)

// Store is what requests read and write. *sqlstore.DB satisfies it.
type Store interface {
	CreateRequest(ctx context.Context, r *kabinet.Request, m *kabinet.Message) error
	FindRequestByID(ctx context.Context, id int64) (*kabinet.Request, error)
	FindRequests(ctx context.Context, f kabinet.RequestFilter) ([]*kabinet.Request, error)
	UpdateRequest(ctx context.Context, id int64, u kabinet.RequestUpdate) error
	FindBranches(ctx context.Context) ([]*kabinet.Branch, error)
	FindAttachmentKeys(ctx context.Context, keys []string) (map[string]bool, error)

	FindSubAccounts(ctx context.Context, accountID int64) ([]*kabinet.SubAccount, error)
	FindProviders(ctx context.Context) ([]*kabinet.Provider, error)
	FindLedgerEntries(ctx context.Context, f kabinet.LedgerFilter) ([]*kabinet.LedgerEntry, error)
	CreateNotification(ctx context.Context, n *kabinet.Notification) error
	CreateMessage(ctx context.Context, m *kabinet.Message) error
	// Hit counts an event in a window, as auth's rate limits do.
	Hit(ctx context.Context, key string, window time.Duration) (int, error)
}

// Files keeps the attachments' content: *sqlstore.Files (in the
// database, written with the request), *filestore.Dir (a directory of
// one server) or *filestore.S3 (an S3-compatible object store).
type Files interface {
	Put(ctx context.Context, key string, r io.Reader) (int64, error)
	Open(ctx context.Context, key string) (io.ReadCloser, error)
	Delete(ctx context.Context, key string) error
}

// Settings are the account's additional services, where the statement's
// e-mail is kept. *home.Service satisfies it.
type Settings interface {
	Settings(ctx context.Context, a *kabinet.Account, u *kabinet.User) (*kabinet.ServiceSettings, error)
	SaveSettings(ctx context.Context, a *kabinet.Account, u *kabinet.User, f home.SettingsForm) ([]kabinet.ServiceChange, error)
}

// Renderer makes the statement's PDF. *pdf.Renderer satisfies it.
type Renderer interface {
	Statement(s *kabinet.Statement) ([]byte, error)
}

// Letters writes the e-mails of requests.
type Letters interface {
	// Statement is the letter that carries a statement; the PDF is
	// attached by the service.
	Statement(to string, s *kabinet.Statement) (*kabinet.Message, error)
	// Answer is the supplier's answer to request r.
	Answer(to string, r *kabinet.Request) (*kabinet.Message, error)
}

// Config holds the limits of requests.
type Config struct {
	MaxFiles    int   // attachments per request (FEED-2: 5)
	MaxFileSize int64 // bytes per attachment (FEED-2: 4 MB)
	// AnonymousPerIP limits enquiries from people who are not signed in;
	// PerUser limits everybody else's requests.
	AnonymousPerIP auth.Limit
	PerUser        auth.Limit
	// StatementYears is the longest statement (SVC-6).
	StatementYears int
}

// DefaultConfig returns the limits of the manual and the issue.
func DefaultConfig() Config {
	return Config{MaxFiles: 5, MaxFileSize: 4 << 20, AnonymousPerIP: auth.Limit{N: 5, Window: time.Hour},
		PerUser: auth.Limit{N: 30, Window: 24 * time.Hour}, StatementYears: 3}
}

// Service answers for requests.
type Service struct {
	store    Store
	files    Files
	settings Settings
	pdf      Renderer
	letters  Letters
	cfg      Config
	// Calendar is the clock and the supplier's time zone: "today" of a
	// statement.
	kabinet.Calendar
	// Due dates the months of a statement as «Главная» does; nil reads
	// the rules alone.
	Due *billing.DueSource
}

// New returns the service.
func New(store Store, files Files, settings Settings, pdf Renderer, letters Letters, cfg Config, cal kabinet.Calendar) *Service {
	return &Service{store: store, files: files, settings: settings, pdf: pdf, letters: letters, cfg: cfg,
		Calendar: cal}
}

// Config returns the limits, for the forms that state them.
func (s *Service) Config() Config { return s.cfg }

// ErrTooMany refuses a request past its rate limit.
var ErrTooMany = kabinet.Errorf(kabinet.EFORBIDDEN, "Слишком много обращений за короткое время. Попробуйте позже или позвоните по телефону 8-800-100-9777.")

// limit counts a request under key and refuses it past l.
func (s *Service) limit(ctx context.Context, key string, l auth.Limit) error {
	n, err := s.store.Hit(ctx, "requests:"+key, l.Window)
	if err != nil {
		return err
	}
	if n > l.N {
		return ErrTooMany
	}
	return nil
}

// Sender is who sends a request: a signed-in customer with the account
// being looked at, or a visitor known only by address.
type Sender struct {
	Account *kabinet.Account // nil for a visitor who is not signed in
	User    *kabinet.User
	IP      string
}

// throttle applies the sender's rate limit.
func (s *Service) throttle(ctx context.Context, from Sender) error {
	if from.User == nil {
		return s.limit(ctx, "ip:"+from.IP, s.cfg.AnonymousPerIP)
	}
	return s.limit(ctx, "user:"+itoa(from.User.ID), s.cfg.PerUser)
}

// create saves r from the sender, with its files and optional letter.
func (s *Service) create(ctx context.Context, from Sender, r *kabinet.Request, up *Upload, m *kabinet.Message) error {
	if from.Account != nil {
		r.AccountID = from.Account.ID
	}
	if from.User != nil {
		r.UserID = from.User.ID
	}
	if r.Status == "" {
		r.Status = kabinet.StatusNew
	}
	if up != nil {
		r.Attachments = up.Attachments()
	}
	return s.store.CreateRequest(ctx, r, m)
}

// List returns the requests of account a, newest first («Мои обращения»):
// every one when sentBy is 0 (the account's owner looks), else only those
// user sentBy sent. A person who linked the account does not see what its
// owner sent: her contacts and her documents are in it.
func (s *Service) List(ctx context.Context, a *kabinet.Account, sentBy int64) ([]*kabinet.Request, error) {
	rs, err := s.store.FindRequests(ctx, kabinet.RequestFilter{AccountID: a.ID})
	if err != nil || sentBy == 0 {
		return rs, err
	}
	mine := rs[:0]
	for _, r := range rs {
		if r.UserID == sentBy {
			mine = append(mine, r)
		}
	}
	return mine, nil
}

// Branches returns the branch offices an enquiry can be addressed to.
func (s *Service) Branches(ctx context.Context) ([]*kabinet.Branch, error) {
	return s.store.FindBranches(ctx)
}

// Attachment opens file attID of request reqID for account a, as List
// shows it to sentBy: a request of another account or one List hides,
// or a file of another request, is ENOTFOUND, the same as one that does
// not exist.
func (s *Service) Attachment(ctx context.Context, a *kabinet.Account, sentBy, reqID, attID int64) (*kabinet.Attachment, io.ReadCloser, error) {
	r, err := s.store.FindRequestByID(ctx, reqID)
	if kabinet.ErrorCode(err) == kabinet.ENOTFOUND || (err == nil && (r.AccountID != a.ID || sentBy != 0 && r.UserID != sentBy)) {
		return nil, nil, errNoFile
	} else if err != nil {
		return nil, nil, err
	}
	return s.open(ctx, r, attID)
}

var errNoFile = kabinet.Errorf(kabinet.ENOTFOUND, "Файл не найден")

// open opens file attID of r.
func (s *Service) open(ctx context.Context, r *kabinet.Request, attID int64) (*kabinet.Attachment, io.ReadCloser, error) {
	for _, at := range r.Attachments {
		if at.ID == attID {
			f, err := s.files.Open(ctx, at.Key)
			return at, f, err
		}
	}
	return nil, nil, errNoFile
}
