package notify

import (
	"context"
	"slices"

	"kabinet"
)

// spanIDs bounds the range of account IDs one look-up of recipients
// covers, so accounts scattered over a million cost a few queries each
// and neighbours share them.
const spanIDs = 2000

// DeliveriesTo plans one informing, made by inf, for each of the accounts
// ids: the deliveries to write (with sqlstore's Inform, or in the
// transaction of the change they tell of). An account nobody can be told
// about gets none.
func (in *Informer) DeliveriesTo(ctx context.Context, ids []int64, inf func(accountID int64) *Informing) ([]*kabinet.Delivery, error) {
	ids = slices.Sorted(slices.Values(ids))
	want := make(map[int64]bool, len(ids))
	for _, id := range ids {
		want[id] = true
	}
	var ds []*kabinet.Delivery
	for i := 0; i < len(ids); {
		j := i
		for j < len(ids) && ids[j] < ids[i]+spanIDs {
			j++
		}
		rs, err := in.Store.FindRecipients(ctx, kabinet.RecipientFilter{FromID: ids[i], ToID: ids[j-1]})
		if err != nil {
			return nil, err
		}
		for _, r := range rs {
			if !want[r.AccountID] {
				continue
			}
			d, err := in.Delivery(r, inf(r.AccountID))
			if err != nil {
				return nil, err
			}
			ds = append(ds, d)
		}
		i = j
	}
	return ds, nil
}
