package office

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"kabinet"
)

// BroadcastStore is what broadcasts need from the database.
type BroadcastStore interface {
	FindAccountByNumber(ctx context.Context, n kabinet.AccountNumber) (*kabinet.Account, error)
	FindDistricts(ctx context.Context) ([]string, error)
	CountRecipients(ctx context.Context, f kabinet.RecipientFilter) (int, error)
	RecipientIDRange(ctx context.Context, f kabinet.RecipientFilter) (lo, hi int64, err error)
	CreateBroadcast(ctx context.Context, b *kabinet.Broadcast, list []int64, e *kabinet.AuditEntry) error
	StartBroadcast(ctx context.Context, b *kabinet.Broadcast, e *kabinet.AuditEntry) error
	FindBroadcast(ctx context.Context, id int64) (*kabinet.Broadcast, error)
	FindBroadcasts(ctx context.Context, limit int) ([]*kabinet.Broadcast, error)
	FindBroadcastMessages(ctx context.Context, id int64) (kabinet.BroadcastMessages, error)
}

// Broadcasts are the back office's messages to many customers at once:
// to everyone, a district or a list of accounts. Only admins write and
// send them: one reaches up to every customer, by SMS at the supplier's
// cost too, and cannot be called back once sent.
type Broadcasts struct {
	store BroadcastStore
	// BatchSize is how many account IDs one batch covers (default 1000).
	BatchSize int64
}

// NewBroadcasts returns the broadcasts service.
func NewBroadcasts(store BroadcastStore) *Broadcasts {
	return &Broadcasts{store: store, BatchSize: 1000}
}

// Limits of a broadcast's fields.
const (
	maxTitle    = 100
	maxText     = 2000
	maxSMS      = 70 // one part in Cyrillic
	maxListRows = 20000
	badShown    = 20 // bad lines of a list named in the message
)

// BroadcastDraft is the form of a new broadcast as typed.
type BroadcastDraft struct {
	Title, Text, SMS string
	Audience         kabinet.Audience
	District         string
	List             string // account numbers, one a line
}

// InvalidDraft tells, by field, what is wrong with a draft.
type InvalidDraft map[string]string

func (e InvalidDraft) Error() string { return "invalid broadcast" }

// Districts lists the districts an audience may be. Admins only.
func (b *Broadcasts) Districts(ctx context.Context, o *kabinet.Operator) ([]string, error) {
	if !o.IsAdmin() {
		return nil, ErrAdminOnly
	}
	return b.store.FindDistricts(ctx)
}

// Create saves a draft broadcast with its audience counted, and writes
// it to the audit log. A list audience takes the accounts it finds; any
// line that is not an account stops the draft and is named (InvalidDraft).
func (b *Broadcasts) Create(ctx context.Context, o *kabinet.Operator, d BroadcastDraft, c Client) (*kabinet.Broadcast, error) {
	if !o.IsAdmin() {
		return nil, ErrAdminOnly
	}
	bad := InvalidDraft{}
	bc := &kabinet.Broadcast{Title: strings.TrimSpace(d.Title), Text: strings.TrimSpace(d.Text), SMS: strings.TrimSpace(d.SMS),
		Audience: d.Audience, OperatorID: o.ID}
	checkLen(bad, "title", bc.Title, maxTitle, "Укажите заголовок рассылки.")
	checkLen(bad, "text", bc.Text, maxText, "Напишите текст рассылки.")
	checkLen(bad, "sms", bc.SMS, maxSMS, "")
	var list []int64
	switch d.Audience {
	case kabinet.AudienceAll:
	case kabinet.AudienceDistrict:
		districts, err := b.store.FindDistricts(ctx)
		if err != nil {
			return nil, err
		}
		if bc.District = strings.TrimSpace(d.District); !slices.Contains(districts, bc.District) {
			bad["district"] = "Выберите район из списка."
		}
	case kabinet.AudienceList:
		var err error
		if list, err = b.parseList(ctx, d.List, bad); err != nil {
			return nil, err
		}
	default:
		bad["audience"] = "Выберите, кому отправить рассылку."
	}
	if len(bad) > 0 {
		return nil, bad
	}
	e := &kabinet.AuditEntry{OperatorID: o.ID, OperatorLogin: o.Login, Action: kabinet.AuditBroadcastCreate, IP: c.IP,
		Detail: truncate(fmt.Sprintf("«%s», %s", bc.Title, audienceText(bc, len(list))), 500)}
	if err := b.store.CreateBroadcast(ctx, bc, list, e); err != nil {
		return nil, err
	}
	return bc, nil
}

func checkLen(bad InvalidDraft, field, v string, limit int, empty string) {
	switch n := utf8.RuneCountInString(v); {
	case n == 0 && empty != "":
		bad[field] = empty
	case n > limit:
		bad[field] = fmt.Sprintf("Не длиннее %d символов, сейчас %d.", limit, n)
	}
}

// parseList finds the accounts of a pasted list, one number a line
// (blank lines skipped, repeats once), and names the lines that are not
// accounts.
func (b *Broadcasts) parseList(ctx context.Context, text string, bad InvalidDraft) ([]int64, error) {
	lines := strings.Split(text, "\n")
	if len(lines) > maxListRows {
		bad["list"] = fmt.Sprintf("Не больше %d строк за одну рассылку.", maxListRows)
		return nil, nil
	}
	var ids []int64
	var wrong []string
	nwrong := 0
	for i, line := range lines {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		a, err := b.findAccount(ctx, line)
		if err != nil {
			return nil, err
		}
		if a == nil {
			if nwrong++; nwrong <= badShown {
				wrong = append(wrong, fmt.Sprintf("строка %d «%s»", i+1, line))
			}
			continue
		}
		ids = append(ids, a.ID)
	}
	switch {
	case nwrong > 0:
		msg := "Не найдены лицевые счета: " + strings.Join(wrong, ", ")
		if nwrong > badShown {
			msg += fmt.Sprintf(" и еще %d", nwrong-badShown)
		}
		bad["list"] = msg + ". Исправьте или удалите эти строки."
	case len(ids) == 0:
		bad["list"] = "Вставьте номера лицевых счетов, по одному в строке."
	}
	slices.Sort(ids)
	return slices.Compact(ids), nil
}

// findAccount returns the account of a typed number, nil if there is none.
func (b *Broadcasts) findAccount(ctx context.Context, typed string) (*kabinet.Account, error) {
	n, err := kabinet.ParseAccountNumber(typed)
	if err != nil {
		return nil, nil
	}
	a, err := b.store.FindAccountByNumber(ctx, n)
	if kabinet.ErrorCode(err) == kabinet.ENOTFOUND {
		return nil, nil
	}
	return a, err
}

func audienceText(bc *kabinet.Broadcast, listed int) string {
	switch bc.Audience {
	case kabinet.AudienceDistrict:
		return "район «" + bc.District + "»"
	case kabinet.AudienceList:
		return fmt.Sprintf("список из %d лицевых счетов", listed)
	}
	return "всем"
}

// AudienceText says in Russian who a broadcast goes to.
func AudienceText(bc *kabinet.Broadcast) string {
	if bc.Audience == kabinet.AudienceList {
		return "лицевые счета из списка"
	}
	return audienceText(bc, 0)
}

// BroadcastView is a broadcast with its audience counted (a draft) or its
// messages counted by status (after sending).
type BroadcastView struct {
	*kabinet.Broadcast
	Messages kabinet.BroadcastMessages
}

// Broadcast returns a broadcast; a draft's audience is counted anew.
// Admins only.
func (b *Broadcasts) Broadcast(ctx context.Context, o *kabinet.Operator, id int64) (*BroadcastView, error) {
	if !o.IsAdmin() {
		return nil, ErrAdminOnly
	}
	bc, err := b.store.FindBroadcast(ctx, id)
	if err != nil {
		return nil, err
	}
	v := &BroadcastView{Broadcast: bc}
	if !bc.Sent() {
		bc.Total, err = b.store.CountRecipients(ctx, bc.Recipients(0, 0).AllIDs())
	} else {
		v.Messages, err = b.store.FindBroadcastMessages(ctx, id)
	}
	return v, err
}

// List returns the newest broadcasts. Admins only.
func (b *Broadcasts) List(ctx context.Context, o *kabinet.Operator) ([]*kabinet.Broadcast, error) {
	if !o.IsAdmin() {
		return nil, ErrAdminOnly
	}
	return b.store.FindBroadcasts(ctx, 50)
}

// Send starts delivering a draft: it counts the audience, cuts its
// account IDs into batches, and enqueues the first; the audit log records
// it in the same transaction. Admins only; a broadcast goes once.
func (b *Broadcasts) Send(ctx context.Context, o *kabinet.Operator, id int64, c Client) (*kabinet.Broadcast, error) {
	if !o.IsAdmin() {
		return nil, ErrAdminOnly
	}
	bc, err := b.store.FindBroadcast(ctx, id)
	if err != nil {
		return nil, err
	}
	if bc.Sent() {
		return nil, kabinet.ErrBroadcastSent
	}
	f := bc.Recipients(0, 0).AllIDs()
	if bc.Total, err = b.store.CountRecipients(ctx, f); err != nil {
		return nil, err
	}
	lo, hi, err := b.store.RecipientIDRange(ctx, f)
	if err != nil {
		return nil, err
	}
	bc.FirstID, bc.BatchSize = lo, b.BatchSize
	if bc.Total > 0 {
		bc.Batches = int((hi-lo)/b.BatchSize) + 1
	}
	e := &kabinet.AuditEntry{OperatorID: o.ID, OperatorLogin: o.Login, Action: kabinet.AuditBroadcastSend, IP: c.IP,
		Detail: truncate(fmt.Sprintf("Рассылка № %d «%s», %s: %d получателей", bc.ID, bc.Title, AudienceText(bc), bc.Total), 500)}
	return bc, b.store.StartBroadcast(ctx, bc, e)
}
