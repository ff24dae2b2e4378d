package sqlstore

import (
	"context"
	"database/sql"

	"kabinet"
)

// CreateNotification puts n in its user's bell and sets its ID and time.
func (db *DB) CreateNotification(ctx context.Context, n *kabinet.Notification) error {
	if err := n.Validate(); err != nil {
		return err
	}
	return db.InTx(ctx, func(tx *sql.Tx) error { return db.insertNotification(ctx, tx, n) })
}

// insertNotification puts n in its user's bell in tx.
func (db *DB) insertNotification(ctx context.Context, tx *sql.Tx, n *kabinet.Notification) error {
	n.CreatedAt = db.now()
	var account sql.NullInt64
	if n.AccountID != 0 {
		account = sql.NullInt64{Int64: n.AccountID, Valid: true}
	}
	return translate(tx.QueryRowContext(ctx, `
		INSERT INTO notifications (user_id, account_id, title, text, link, created_at)
		VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
		n.UserID, account, n.Title, n.Text, n.Link, n.CreatedAt).Scan(&n.ID))
}

// writeNotice writes a notice in tx: its notification, if any, and its
// messages with their delivery jobs.
func (db *DB) writeNotice(ctx context.Context, tx *sql.Tx, n *kabinet.Notice) error {
	if n == nil {
		return nil
	}
	if n.Notification != nil {
		if err := n.Notification.Validate(); err != nil {
			return err
		}
		if err := db.insertNotification(ctx, tx, n.Notification); err != nil {
			return err
		}
	}
	for _, m := range n.Messages {
		if err := db.enqueueMessage(ctx, tx, m); err != nil {
			return err
		}
	}
	return nil
}

// CountUnreadNotifications is the number on a user's bell.
func (db *DB) CountUnreadNotifications(ctx context.Context, userID int64) (int, error) {
	var n int
	err := db.queryRow(ctx, `SELECT count(*) FROM notifications WHERE user_id = $1 AND read_at IS NULL`, userID).Scan(&n)
	return n, translate(err)
}

// FindNotifications returns a user's latest notifications, newest first.
func (db *DB) FindNotifications(ctx context.Context, userID int64, limit int) ([]*kabinet.Notification, error) {
	rows, err := db.query(ctx, `
		SELECT id, user_id, COALESCE(account_id, 0), title, text, link, created_at, read_at
		FROM notifications WHERE user_id = $1 ORDER BY id DESC LIMIT $2`, userID, limit)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	var ns []*kabinet.Notification
	for rows.Next() {
		var n kabinet.Notification
		var read sql.NullTime
		if err := rows.Scan(&n.ID, &n.UserID, &n.AccountID, &n.Title, &n.Text, &n.Link, &n.CreatedAt, &read); err != nil {
			return nil, err
		}
		n.ReadAt = read.Time
		ns = append(ns, &n)
	}
	return ns, translate(rows.Err())
}

// MarkNotificationsRead marks a user's notifications up to and including
// ID upTo as read: those the user has just been shown, and not one that
// arrived meanwhile.
func (db *DB) MarkNotificationsRead(ctx context.Context, userID, upTo int64) error {
	return db.InTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE notifications SET read_at = $1 WHERE user_id = $2 AND id <= $3 AND read_at IS NULL`,
			db.now(), userID, upTo)
		return translate(err)
	})
}
