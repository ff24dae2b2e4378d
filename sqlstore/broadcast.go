package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"kabinet"
)

// CountRecipients counts the accounts of the filter that somebody can be
// told anything about, as FindRecipients finds them.
func (db *DB) CountRecipients(ctx context.Context, f kabinet.RecipientFilter) (int, error) {
	w, args := recipientWhere(f)
	var n int
	err := db.read.QueryRowContext(ctx, `SELECT count(*) FROM accounts a WHERE `+w+`
		AND (EXISTS (SELECT 1 FROM user_accounts ua WHERE ua.account_id = a.id)
		  OR EXISTS (SELECT 1 FROM account_services s WHERE s.account_id = a.id))`, args...).Scan(&n)
	return n, translate(err)
}

// RecipientIDRange returns the lowest and highest account ID of the
// filter's accounts, zeros for none.
func (db *DB) RecipientIDRange(ctx context.Context, f kabinet.RecipientFilter) (lo, hi int64, err error) {
	w, args := recipientWhere(f)
	err = db.read.QueryRowContext(ctx, `SELECT COALESCE(min(a.id), 0), COALESCE(max(a.id), 0) FROM accounts a WHERE `+w, args...).Scan(&lo, &hi)
	return lo, hi, translate(err)
}

// CreateBroadcast saves a draft broadcast with the accounts of a list
// audience, and the admin's entry in the audit log, all at once. The
// entry's detail is prefixed with the broadcast's number.
func (db *DB) CreateBroadcast(ctx context.Context, b *kabinet.Broadcast, list []int64, e *kabinet.AuditEntry) error {
	b.CreatedAt = db.now()
	return db.InTx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `INSERT INTO broadcasts (title, text, sms, link, audience, district, operator_id, total,
			first_id, batch_size, batches, batches_done, informed, created_at) VALUES ($1, $2, $3, '', $4, $5, $6, $7, 0, 0, 0, 0, 0, $8) RETURNING id`,
			b.Title, b.Text, b.SMS, string(b.Audience), b.District, b.OperatorID, b.Total, b.CreatedAt).Scan(&b.ID)
		if err != nil {
			return translate(err)
		}
		for _, id := range list {
			if _, err := tx.ExecContext(ctx, `INSERT INTO broadcast_accounts (broadcast_id, account_id) VALUES ($1, $2)
				ON CONFLICT DO NOTHING`, b.ID, id); err != nil {
				return translate(err)
			}
		}
		e.Detail = fmt.Sprintf("Рассылка № %d: %s", b.ID, e.Detail)
		return db.audit(ctx, tx, e)
	})
}

// StartBroadcast starts sending a draft: it records the total and the
// batches of b, writes the audit entry, and enqueues the first batch, at
// once. A broadcast sent before is left alone (ErrBroadcastSent).
func (db *DB) StartBroadcast(ctx context.Context, b *kabinet.Broadcast, e *kabinet.AuditEntry) error {
	now := db.now()
	return db.InTx(ctx, func(tx *sql.Tx) error {
		var finished any
		if b.Batches == 0 {
			finished = now
		}
		res, err := tx.ExecContext(ctx, `UPDATE broadcasts SET started_at = $1, total = $2, first_id = $3, batch_size = $4,
			batches = $5, finished_at = $6 WHERE id = $7 AND started_at IS NULL`,
			now, b.Total, b.FirstID, b.BatchSize, b.Batches, finished, b.ID)
		if err != nil {
			return translate(err)
		}
		if n, err := res.RowsAffected(); err != nil || n != 1 {
			return cmpErr(translate(err), kabinet.ErrBroadcastSent)
		}
		b.StartedAt = now
		if err := db.audit(ctx, tx, e); err != nil {
			return err
		}
		if b.Batches == 0 {
			return nil
		}
		return db.Enqueue(ctx, tx, kabinet.BroadcastBatch{BroadcastID: b.ID})
	})
}

// InformBroadcastBatch writes the deliveries of batch k of broadcast id,
// counts them, and enqueues batch k+1, in one transaction; the batch's
// progress is claimed first, so a batch runs once however often its job
// does, and a crash in the middle leaves it to run again whole. Each
// delivery's key makes the broadcast once per account besides. It returns
// how many deliveries were written; 0 and no error for a batch done before.
func (db *DB) InformBroadcastBatch(ctx context.Context, id int64, k int, ds []*kabinet.Delivery) (int, error) {
	var n int
	err := db.InTx(ctx, func(tx *sql.Tx) error {
		n = 0
		var batches int
		err := tx.QueryRowContext(ctx, `UPDATE broadcasts SET batches_done = batches_done + 1
			WHERE id = $1 AND batches_done = $2 AND batches > $2 RETURNING batches`, id, k).Scan(&batches)
		if errors.Is(err, sql.ErrNoRows) {
			return nil // done before
		} else if err != nil {
			return translate(err)
		}
		if n, err = db.writeDeliveries(ctx, tx, ds); err != nil {
			return err
		}
		var finished any
		if k+1 == batches {
			finished = db.now()
		}
		if _, err := tx.ExecContext(ctx, `UPDATE broadcasts SET informed = informed + $1, finished_at = $2 WHERE id = $3`,
			n, finished, id); err != nil {
			return translate(err)
		}
		if k+1 == batches {
			return nil
		}
		return db.Enqueue(ctx, tx, kabinet.BroadcastBatch{BroadcastID: id, Batch: k + 1})
	})
	return n, err
}

const broadcastSelect = `SELECT id, title, text, sms, audience, district, COALESCE(operator_id, 0), total, first_id, batch_size,
	batches, batches_done, informed, created_at, started_at, finished_at FROM broadcasts `

func scanBroadcast(s scanner) (*kabinet.Broadcast, error) {
	var b kabinet.Broadcast
	var audience string
	var started, finished sql.NullTime
	err := s.Scan(&b.ID, &b.Title, &b.Text, &b.SMS, &audience, &b.District, &b.OperatorID, &b.Total, &b.FirstID, &b.BatchSize,
		&b.Batches, &b.BatchesDone, &b.Informed, &b.CreatedAt, &started, &finished)
	if err != nil {
		return nil, notFound(err, "Рассылка")
	}
	b.Audience, b.StartedAt, b.FinishedAt = kabinet.Audience(audience), started.Time, finished.Time
	return &b, nil
}

// FindBroadcast returns a broadcast.
func (db *DB) FindBroadcast(ctx context.Context, id int64) (*kabinet.Broadcast, error) {
	return scanBroadcast(db.read.QueryRowContext(ctx, broadcastSelect+`WHERE id = $1`, id))
}

// FindBroadcasts returns the newest broadcasts, at most limit.
func (db *DB) FindBroadcasts(ctx context.Context, limit int) ([]*kabinet.Broadcast, error) {
	var bs []*kabinet.Broadcast
	err := db.each(ctx, broadcastSelect+`ORDER BY id DESC LIMIT $1`, []any{limit}, func(s scanner) error {
		b, err := scanBroadcast(s)
		bs = append(bs, b)
		return err
	})
	return bs, err
}

// FindBroadcastMessages counts a broadcast's outbox messages by status.
func (db *DB) FindBroadcastMessages(ctx context.Context, id int64) (kabinet.BroadcastMessages, error) {
	var m kabinet.BroadcastMessages
	err := db.each(ctx, `SELECT status, count(*) FROM outbox WHERE broadcast_id = $1 GROUP BY status`, []any{id}, func(s scanner) error {
		var status string
		var n int
		err := s.Scan(&status, &n)
		switch status {
		case kabinet.MessageQueued:
			m.Queued = n
		case kabinet.MessageSent:
			m.Sent = n
		case kabinet.MessageFailed:
			m.Failed = n
		}
		return err
	})
	return m, err
}

// FindDistricts returns the districts of the accounts, in order.
func (db *DB) FindDistricts(ctx context.Context) ([]string, error) {
	var ds []string
	err := db.each(ctx, `SELECT DISTINCT district FROM accounts WHERE district <> '' ORDER BY district`, nil, func(s scanner) error {
		var d string
		err := s.Scan(&d)
		ds = append(ds, d)
		return err
	})
	return ds, err
}
