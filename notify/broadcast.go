package notify

import (
	"context"
	"strconv"

	"kabinet"
)

// BroadcastStore is what sending a broadcast reads and writes.
type BroadcastStore interface {
	FindBroadcast(ctx context.Context, id int64) (*kabinet.Broadcast, error)
	FindRecipients(ctx context.Context, f kabinet.RecipientFilter) ([]*kabinet.Recipient, error)
	InformBroadcastBatch(ctx context.Context, id int64, batch int, ds []*kabinet.Delivery) (int, error)
}

// BroadcastRule is the key rule of broadcasts: with the broadcast's number
// as the period, an account is informed of a broadcast once.
const BroadcastRule = "broadcast"

// Broadcaster informs the batches of broadcasts through the Informer.
type Broadcaster struct {
	Store    BroadcastStore
	Informer *Informer
}

// SendBatch informs batch k of broadcast id: each account of the audience
// in the batch's ID range gets the bell, and push, SMS and e-mail as its
// services say. A batch done before is skipped; the store enqueues the
// next batch with this one.
func (b *Broadcaster) SendBatch(ctx context.Context, id int64, k int) error {
	bc, err := b.Store.FindBroadcast(ctx, id)
	if err != nil {
		return err
	}
	if k != bc.BatchesDone || k >= bc.Batches {
		return nil // done before, or a stale job
	}
	from := bc.FirstID + int64(k)*bc.BatchSize
	rs, err := b.Store.FindRecipients(ctx, bc.Recipients(from, from+bc.BatchSize-1))
	if err != nil {
		return err
	}
	ds := make([]*kabinet.Delivery, 0, len(rs))
	for _, r := range rs {
		d, err := b.Informer.Delivery(r, &Informing{AccountID: r.AccountID, Title: bc.Title, Text: bc.Text, SMS: bc.SMS,
			Link: "/notifications", Key: &kabinet.ReminderKey{Rule: BroadcastRule, Period: strconv.FormatInt(id, 10)}})
		if err != nil {
			return err
		}
		if len(d.Notifications) == 0 && len(d.Messages) == 0 {
			continue // saved services, nothing ticked, nobody registered
		}
		for _, o := range d.Messages {
			o.Message.BroadcastID = id
		}
		ds = append(ds, d)
	}
	_, err = b.Store.InformBroadcastBatch(ctx, id, k, ds)
	return err
}
