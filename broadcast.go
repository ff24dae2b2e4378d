package kabinet

import (
	"math"
	"time"
)

// Audience is who a broadcast goes to.
type Audience string

// Audiences of a broadcast.
const (
	AudienceAll      Audience = "all"      // every account
	AudienceDistrict Audience = "district" // the accounts of one district
	AudienceList     Audience = "list"     // the accounts listed for it
)

// Broadcast is a message of the back office to many accounts at once,
// delivered as each account's services say (the bell always). It is a
// draft until an admin sends it; then its batches (ranges of account IDs)
// are informed one after another by a job, and the row keeps how far they
// have gone, so a crash resumes where it stopped.
type Broadcast struct {
	ID         int64
	Title      string
	Text       string
	SMS        string // the text message, one part; "": no SMS
	Audience   Audience
	District   string // for AudienceDistrict
	OperatorID int64  // the admin who wrote it
	// Total is the accounts the audience reached when it was counted:
	// at the preview for a draft, at the sending after.
	Total int
	// FirstID and BatchSize place batch k at account IDs
	// [FirstID+k*BatchSize, FirstID+(k+1)*BatchSize).
	FirstID, BatchSize int64
	Batches            int
	BatchesDone        int
	Informed           int // accounts informed so far
	CreatedAt          time.Time
	StartedAt          time.Time // zero for a draft
	FinishedAt         time.Time // zero until the last batch is done
}

// Sent reports whether the broadcast left the draft state.
func (b *Broadcast) Sent() bool { return !b.StartedAt.IsZero() }

// Done reports whether every batch is informed.
func (b *Broadcast) Done() bool { return !b.FinishedAt.IsZero() }

// BroadcastMessages counts a broadcast's messages in the outbox (push, SMS
// and e-mail; bells are not messages) by status.
type BroadcastMessages struct {
	Queued, Sent, Failed int
}

// BroadcastBatch is the job that informs one batch of a broadcast; the
// batch's transaction enqueues the next one.
type BroadcastBatch struct {
	BroadcastID int64 `json:"broadcast_id"`
	Batch       int   `json:"batch"`
}

// Kind names the job.
func (BroadcastBatch) Kind() string { return "broadcast_batch" }

// ErrBroadcastSent is the answer to sending a broadcast a second time.
var ErrBroadcastSent = Errorf(ECONFLICT, "Эта рассылка уже отправлена.")

// Recipients is the recipient filter of the broadcast's audience over the
// account IDs [from, to].
func (b *Broadcast) Recipients(from, to int64) RecipientFilter {
	f := RecipientFilter{FromID: from, ToID: to}
	switch b.Audience {
	case AudienceDistrict:
		f.District = b.District
	case AudienceList:
		f.BroadcastID = b.ID
	}
	return f
}

// AllIDs returns the filter over the ID range that holds every account.
func (f RecipientFilter) AllIDs() RecipientFilter {
	f.FromID, f.ToID = 0, math.MaxInt64
	return f
}
