package sqlstore

import (
	"context"
	"database/sql"
	"time"

	"kabinet"
)

// enqueueMessage puts m in the outbox and enqueues its delivery in tx.
func (db *DB) enqueueMessage(ctx context.Context, tx *sql.Tx, m *kabinet.Message) error {
	return db.enqueueMessageAt(ctx, tx, m, time.Time{})
}

// enqueueMessageAt is enqueueMessage with the delivery held until
// notBefore (zero: at once).
func (db *DB) enqueueMessageAt(ctx context.Context, tx *sql.Tx, m *kabinet.Message, notBefore time.Time) error {
	m.Status, m.CreatedAt = kabinet.MessageQueued, db.now()
	var account sql.NullInt64
	if m.AccountID != 0 {
		account = sql.NullInt64{Int64: m.AccountID, Valid: true}
	}
	broadcast := sql.NullInt64{Int64: m.BroadcastID, Valid: m.BroadcastID != 0}
	err := tx.QueryRowContext(ctx, `
		INSERT INTO outbox (channel, recipient, subject, body_text, body_html, status, provider_id, attempts, last_error, created_at, account_id, unsubscribe, broadcast_id)
		VALUES ($1, $2, $3, $4, $5, $6, '', 0, '', $7, $8, $9, $10) RETURNING id`,
		string(m.Channel), m.Recipient, m.Subject, m.Text, m.HTML, m.Status, m.CreatedAt, account, m.Unsubscribe, broadcast).Scan(&m.ID)
	if err != nil {
		return translate(err)
	}
	for _, a := range m.Attachments {
		_, err := tx.ExecContext(ctx, `INSERT INTO outbox_attachments (message_id, name, content_type, data) VALUES ($1, $2, $3, $4)`,
			m.ID, a.Name, a.ContentType, a.Data)
		if err != nil {
			return translate(err)
		}
	}
	return db.Enqueue(ctx, tx, kabinet.DeliverMessage{MessageID: m.ID, NotBefore: notBefore})
}

// CreateMessage puts m in the outbox and enqueues its delivery.
func (db *DB) CreateMessage(ctx context.Context, m *kabinet.Message) error {
	return db.InTx(ctx, func(tx *sql.Tx) error { return db.enqueueMessage(ctx, tx, m) })
}

const messageSelect = `SELECT id, COALESCE(account_id, 0), unsubscribe, channel, recipient, subject, body_text, body_html, status, provider_id, attempts, last_error, created_at, sent_at FROM outbox `

// FindMessageByID returns an outbox message with its attachments.
func (db *DB) FindMessageByID(ctx context.Context, id int64) (*kabinet.Message, error) {
	m, err := scanMessage(db.read.QueryRowContext(ctx, messageSelect+`WHERE id = $1`, id))
	if err != nil {
		return nil, err
	}
	rows, err := db.read.QueryContext(ctx, `SELECT name, content_type, data FROM outbox_attachments WHERE message_id = $1 ORDER BY id`, id)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	for rows.Next() {
		var a kabinet.MessageAttachment
		if err := rows.Scan(&a.Name, &a.ContentType, &a.Data); err != nil {
			return nil, translate(err)
		}
		m.Attachments = append(m.Attachments, a)
	}
	return m, translate(rows.Err())
}

// FindMessages returns the latest messages of a channel, newest first (the
// demo's /dev/mail and /dev/sms).
func (db *DB) FindMessages(ctx context.Context, ch kabinet.Channel, limit int) ([]*kabinet.Message, error) {
	rows, err := db.read.QueryContext(ctx, messageSelect+`WHERE channel = $1 ORDER BY id DESC LIMIT $2`, string(ch), limit)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	var ms []*kabinet.Message
	for rows.Next() {
		m, err := scanMessage(rows)
		if err != nil {
			return nil, err
		}
		ms = append(ms, m)
	}
	return ms, translate(rows.Err())
}

func scanMessage(s scanner) (*kabinet.Message, error) {
	var m kabinet.Message
	var ch string
	var sent sql.NullTime
	err := s.Scan(&m.ID, &m.AccountID, &m.Unsubscribe, &ch, &m.Recipient, &m.Subject, &m.Text, &m.HTML, &m.Status, &m.ProviderID, &m.Attempts, &m.LastError, &m.CreatedAt, &sent)
	if err != nil {
		return nil, notFound(err, "Сообщение")
	}
	m.Channel, m.SentAt = kabinet.Channel(ch), sent.Time
	return &m, nil
}

// UpdateMessage records a delivery attempt.
func (db *DB) UpdateMessage(ctx context.Context, id int64, u kabinet.MessageUpdate) error {
	now := db.now()
	return db.InTx(ctx, func(tx *sql.Tx) error {
		var sent any
		if u.Status == kabinet.MessageSent {
			sent = now
		}
		_, err := tx.ExecContext(ctx, `
			UPDATE outbox SET status = $1, provider_id = $2, last_error = $3, attempts = attempts + 1, sent_at = COALESCE(sent_at, $4)
			WHERE id = $5`, u.Status, u.ProviderID, u.Error, sent, id)
		return translate(err)
	})
}
