package demo

import (
	"context"
	"math/rand/v2"
	"time"

	"kabinet"
)

// buildChunks generates the households from w.Built on and loads them
// chunk by chunk. Generating runs ahead of loading in another goroutine, so
// on two cores one builds rows while the other writes them.
func buildChunks(ctx context.Context, db Store, w *kabinet.World, c clock, o Options) error {
	size := o.ChunkSize
	if size <= 0 {
		size = 2000
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	batches := make(chan kabinet.Batch, 2)
	go func() {
		defer close(batches)
		for from := w.Built; from < w.Accounts; from += size {
			b := generate(db.NewBatch(), w.Seed, c, from, min(from+size, w.Accounts))
			select {
			case batches <- b:
			case <-ctx.Done():
				return
			}
		}
	}()
	began, done := time.Now(), w.Built
	for b := range batches {
		if err := db.Load(ctx, b); err != nil {
			return err
		}
		done = min(done+size, w.Accounts)
		report(o.Progress, began, done-w.Built, done, w.Accounts, "")
	}
	return ctx.Err()
}

// generate builds households [from, to) of the world into b, with the
// progress marker that commits with them.
func generate(b kabinet.Batch, seed int64, c clock, from, to int) kabinet.Batch {
	created := c.closed[0].Start(time.UTC).AddDate(-1, 0, 0)
	for i := from; i < to; i++ {
		id := int64(accountIDBase + i)
		rng := rand.New(rand.NewPCG(uint64(seed), uint64(id)))
		newHousehold(rng, id, created).write(rng, c, b)
	}
	b.MarkWorldBuilt(to)
	return b
}

func report(progress func(Progress), began time.Time, doneThisRun, done, total int, month string) {
	if progress == nil {
		return
	}
	p := Progress{Done: done, Total: total, Month: month, Elapsed: time.Since(began)}
	if s := p.Elapsed.Seconds(); s > 0 {
		p.Rate = float64(doneThisRun) / s
	}
	if p.Rate > 0 {
		p.Left = time.Duration(float64(total-done) / p.Rate * float64(time.Second))
	}
	progress(p)
}
