package remind

import (
	"bytes"
	"context"
	"fmt"
	"text/template"
	"time"

	"kabinet"
	"kabinet/billing"
	"kabinet/notify"
)

// Store is what a scan reads and writes.
type Store interface {
	AccountIDRange(ctx context.Context) (lo, hi int64, err error)
	FindRecipients(ctx context.Context, f kabinet.RecipientFilter) ([]*kabinet.Recipient, error)
	FindReminderFacts(ctx context.Context, fromID, toID int64, p kabinet.Period) (map[int64]*kabinet.ReminderFacts, error)
	Inform(ctx context.Context, ds []*kabinet.Delivery) (int, error)
}

// Autopay is the hook of the autopay service (built elsewhere): the
// amounts it will charge on day, by account, among accountIDs.
type Autopay interface {
	DueOn(ctx context.Context, accountIDs []int64, day time.Time) (map[int64]kabinet.Money, error)
}

// Reminders scans the accounts and sends what is due.
type Reminders struct {
	Store    Store
	Informer *notify.Informer
	Judge    Judge
	// Autopay, when set, adds «autopay tomorrow»; nil: no such reminder.
	Autopay Autopay
	// Calendar is the clock and the supplier's time zone: the day the
	// rules are judged on.
	kabinet.Calendar
	// RangeSize is how many account IDs a step reads (default 1000).
	RangeSize int64
	texts     map[string]*template.Template
}

// New returns the reminders with the default calendar and the billing
// rules the month close uses.
func New(store Store, in *notify.Informer, cal kabinet.Calendar) (*Reminders, error) {
	r := &Reminders{Store: store, Informer: in, Calendar: cal, RangeSize: 1000,
		Judge: Judge{Schedule: DefaultSchedule(), Due: billing.DefaultDueRules(), Penalties: billing.DefaultPenaltyRules()},
		texts: map[string]*template.Template{}}
	for rule, t := range Texts {
		for part, s := range map[string]string{"title": t.Title, "body": t.Body, "sms": t.SMS} {
			tp, err := template.New(rule + "." + part).Option("missingkey=error").Parse(s)
			if err != nil {
				return nil, fmt.Errorf("remind: text %s.%s: %w", rule, part, err)
			}
			r.texts[rule+"."+part] = tp
		}
	}
	return r, nil
}

// Stats is what a scan did.
type Stats struct {
	Accounts int // accounts somebody can be told about
	Sent     int // reminders written (bell, and the ticked channels)
}

// Run scans every account once, range by range.
func (r *Reminders) Run(ctx context.Context) (Stats, error) {
	var st Stats
	lo, hi, err := r.Store.AccountIDRange(ctx)
	if err != nil || hi == 0 {
		return st, err
	}
	today := r.Today()
	for from := lo; from <= hi; from += r.RangeSize {
		if err := r.scan(ctx, from, min(from+r.RangeSize-1, hi), today, &st); err != nil {
			return st, err
		}
	}
	return st, nil
}

// scan reminds the accounts of one ID range in one transaction.
func (r *Reminders) scan(ctx context.Context, from, to int64, today time.Time, st *Stats) error {
	rs, err := r.Store.FindRecipients(ctx, kabinet.RecipientFilter{FromID: from, ToID: to})
	if err != nil || len(rs) == 0 {
		return err
	}
	facts, err := r.Store.FindReminderFacts(ctx, from, to, kabinet.PeriodOf(today))
	if err != nil {
		return err
	}
	autopay, err := r.autopay(ctx, rs, today)
	if err != nil {
		return err
	}
	var ds []*kabinet.Delivery
	for _, rc := range rs {
		f := facts[rc.AccountID]
		if f == nil {
			continue
		}
		st.Accounts++
		hits, err := r.Judge.Hits(f, today)
		if err != nil {
			return err
		}
		if amount, ok := autopay[rc.AccountID]; ok {
			tomorrow := today.AddDate(0, 0, 1)
			hits = append(hits, Hit{Rule: RuleAutopayTomorrow, Period: tomorrow.Format(time.DateOnly),
				Data: Data{Amount: amount.String(), Date: tomorrow.Format("02.01.2006")}})
		}
		for _, h := range hits {
			d, err := r.delivery(rc, h)
			if err != nil {
				return err
			}
			ds = append(ds, d)
		}
	}
	n, err := r.Store.Inform(ctx, ds)
	st.Sent += n
	return err
}

func (r *Reminders) autopay(ctx context.Context, rs []*kabinet.Recipient, today time.Time) (map[int64]kabinet.Money, error) {
	if r.Autopay == nil {
		return nil, nil
	}
	ids := make([]int64, len(rs))
	for i, rc := range rs {
		ids[i] = rc.AccountID
	}
	return r.Autopay.DueOn(ctx, ids, today.AddDate(0, 0, 1))
}

// delivery words a hit and plans it for the account's channels.
func (r *Reminders) delivery(rc *kabinet.Recipient, h Hit) (*kabinet.Delivery, error) {
	inf := &notify.Informing{AccountID: rc.AccountID, Key: &kabinet.ReminderKey{Rule: h.Rule, Period: h.Period},
		Link: fmt.Sprintf("/a/%d/%s", rc.AccountID, Texts[h.Rule].Page)}
	for part, dst := range map[string]*string{"title": &inf.Title, "body": &inf.Text, "sms": &inf.SMS} {
		var b bytes.Buffer
		if err := r.texts[h.Rule+"."+part].Execute(&b, h.Data); err != nil {
			return nil, err
		}
		*dst = b.String()
	}
	return r.Informer.Delivery(rc, inf)
}
