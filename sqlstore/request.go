package sqlstore

import (
	"context"
	"database/sql"

	"kabinet"
)

// CreateRequest saves r with its attachments (whose files are already in
// the file store) and, if m is not nil, puts m in the outbox, all in one
// transaction. It sets the IDs and r's times.
func (db *DB) CreateRequest(ctx context.Context, r *kabinet.Request, m *kabinet.Message) error {
	now := db.now()
	r.CreatedAt, r.UpdatedAt = now, now
	r.Deadline = now.AddDate(0, 0, kabinet.AnswerDays)
	return db.InTx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `
			INSERT INTO requests (kind, status, account_id, user_id, branch_id, full_name, address, account_number,
				phone, email, answer_channel, topic, service, period_from, period_to, body, answer, answered_at,
				assignee_id, created_at, updated_at, deadline)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, NULL, $19, $19, $20)
			RETURNING id`,
			string(r.Kind), string(r.Status), nullID(r.AccountID), nullID(r.UserID), nullID(r.BranchID), r.FullName,
			r.Address, r.AccountNumber, r.Phone, r.Email, string(r.AnswerChannel), r.Topic, string(r.Service),
			nullTime(r.From), nullTime(r.To), r.Text, r.Answer, nullTime(r.AnsweredAt), now, r.Deadline).Scan(&r.ID)
		if err != nil {
			return translate(err)
		}
		for _, a := range r.Attachments {
			a.RequestID, a.CreatedAt = r.ID, now
			err := tx.QueryRowContext(ctx, `
				INSERT INTO request_attachments (request_id, name, content_type, size, storage_key, created_at)
				VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
				a.RequestID, a.Name, a.ContentType, a.Size, a.Key, a.CreatedAt).Scan(&a.ID)
			if err != nil {
				return translate(err)
			}
		}
		if m == nil {
			return nil
		}
		return db.enqueueMessage(ctx, tx, m)
	})
}

const requestSelect = `SELECT id, kind, status, COALESCE(account_id, 0), COALESCE(user_id, 0), COALESCE(branch_id, 0),
	full_name, address, account_number, phone, email, answer_channel, topic, service, period_from, period_to, body,
	answer, answered_at, COALESCE(assignee_id, 0), created_at, updated_at, deadline FROM requests `

// FindRequestByID returns a request with its attachments.
func (db *DB) FindRequestByID(ctx context.Context, id int64) (*kabinet.Request, error) {
	r, err := scanRequest(db.read.QueryRowContext(ctx, requestSelect+`WHERE id = $1`, id))
	if err != nil {
		return nil, err
	}
	as, err := db.findAttachments(ctx, `WHERE request_id = $1 ORDER BY id`, id)
	r.Attachments = as
	return r, err
}

// FindRequests returns requests with their attachments: an account's
// newest first, a queue's by deadline, those wanting a phone answer first
// (FEED-3).
func (db *DB) FindRequests(ctx context.Context, f kabinet.RequestFilter) ([]*kabinet.Request, error) {
	limit := f.Limit
	if limit <= 0 {
		limit = 500
	}
	order := `ORDER BY id DESC`
	if f.AccountID == 0 {
		order = `ORDER BY CASE WHEN answer_channel = 'phone' THEN 0 ELSE 1 END, deadline, id`
	}
	rows, err := db.read.QueryContext(ctx, requestSelect+`
		WHERE ($1 = 0 OR account_id = $1) AND ($2 = '' OR kind = $2) AND ($3 = '' OR status = $3) `+order+` LIMIT $4`,
		f.AccountID, string(f.Kind), string(f.Status), limit)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	var rs []*kabinet.Request
	byID := map[int64]*kabinet.Request{}
	for rows.Next() {
		r, err := scanRequest(rows)
		if err != nil {
			return nil, err
		}
		rs, byID[r.ID] = append(rs, r), r
	}
	if err := rows.Err(); err != nil {
		return nil, translate(err)
	}
	return rs, db.attachTo(ctx, byID, f)
}

// attachTo fills in the attachments of the requests found with f.
func (db *DB) attachTo(ctx context.Context, byID map[int64]*kabinet.Request, f kabinet.RequestFilter) error {
	if len(byID) == 0 {
		return nil
	}
	as, err := db.findAttachments(ctx, `WHERE request_id IN (SELECT id FROM requests
		WHERE ($1 = 0 OR account_id = $1) AND ($2 = '' OR kind = $2) AND ($3 = '' OR status = $3)) ORDER BY id`,
		f.AccountID, string(f.Kind), string(f.Status))
	for _, a := range as {
		if r := byID[a.RequestID]; r != nil {
			r.Attachments = append(r.Attachments, a)
		}
	}
	return err
}

func (db *DB) findAttachments(ctx context.Context, where string, args ...any) ([]*kabinet.Attachment, error) {
	rows, err := db.read.QueryContext(ctx, `
		SELECT id, request_id, name, content_type, size, storage_key, created_at FROM request_attachments `+where, args...)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	var as []*kabinet.Attachment
	for rows.Next() {
		var a kabinet.Attachment
		if err := rows.Scan(&a.ID, &a.RequestID, &a.Name, &a.ContentType, &a.Size, &a.Key, &a.CreatedAt); err != nil {
			return nil, translate(err)
		}
		as = append(as, &a)
	}
	return as, translate(rows.Err())
}

func scanRequest(s scanner) (*kabinet.Request, error) {
	var r kabinet.Request
	var kind, status, channel, service string
	var from, to, answered sql.NullTime
	err := s.Scan(&r.ID, &kind, &status, &r.AccountID, &r.UserID, &r.BranchID, &r.FullName, &r.Address,
		&r.AccountNumber, &r.Phone, &r.Email, &channel, &r.Topic, &service, &from, &to, &r.Text, &r.Answer,
		&answered, &r.AssigneeID, &r.CreatedAt, &r.UpdatedAt, &r.Deadline)
	if err != nil {
		return nil, notFound(err, "Обращение")
	}
	r.Kind, r.Status = kabinet.RequestKind(kind), kabinet.RequestStatus(status)
	r.AnswerChannel, r.Service = kabinet.AnswerChannel(channel), kabinet.Service(service)
	r.From, r.To, r.AnsweredAt = from.Time, to.Time, answered.Time
	return &r, nil
}

// UpdateRequest applies an operator's change with its audit entry and
// notice, all or nothing; an answer sets its time.
func (db *DB) UpdateRequest(ctx context.Context, id int64, u kabinet.RequestUpdate) error {
	now := db.now()
	return db.InTx(ctx, func(tx *sql.Tx) error {
		var status, answer sql.NullString
		var answered sql.NullTime
		if u.Status != nil {
			status = sql.NullString{String: string(*u.Status), Valid: true}
		}
		if u.Answer != nil {
			answer, answered = sql.NullString{String: *u.Answer, Valid: true}, sql.NullTime{Time: now, Valid: true}
		}
		assign, assignee := u.AssigneeID != nil, sql.NullInt64{}
		if assign && *u.AssigneeID != 0 {
			assignee = sql.NullInt64{Int64: *u.AssigneeID, Valid: true}
		}
		res, err := tx.ExecContext(ctx, `
			UPDATE requests SET status = COALESCE($1, status), answer = COALESCE($2, answer),
				answered_at = COALESCE($3, answered_at),
				assignee_id = CASE WHEN $4 THEN $5 ELSE assignee_id END, updated_at = $6
			WHERE id = $7`, status, answer, answered, assign, assignee, now, id)
		if err != nil {
			return translate(err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return kabinet.Errorf(kabinet.ENOTFOUND, "Обращение не найдено")
		}
		if u.Audit != nil {
			if err := db.audit(ctx, tx, u.Audit); err != nil {
				return err
			}
		}
		return db.writeNotice(ctx, tx, u.Notice)
	})
}

// FindBranches returns the branch offices in their order.
func (db *DB) FindBranches(ctx context.Context) ([]*kabinet.Branch, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT id, name FROM branches ORDER BY position, id`)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	var bs []*kabinet.Branch
	for rows.Next() {
		var b kabinet.Branch
		if err := rows.Scan(&b.ID, &b.Name); err != nil {
			return nil, translate(err)
		}
		bs = append(bs, &b)
	}
	return bs, translate(rows.Err())
}

func nullID(id int64) sql.NullInt64 { return sql.NullInt64{Int64: id, Valid: id != 0} }
