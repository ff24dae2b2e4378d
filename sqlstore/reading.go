package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"kabinet"
)

// readingColumns are the readings table's columns in readingRow order.
var readingColumns = []string{"meter_id", "taken_on", "period", "v1", "v2", "v3", "c1", "c2", "c3", "source", "status", "created_at", "session_hash", "external_id"}

// readingRow returns r's values in readingColumns order; registers a meter
// does not have are NULL.
func readingRow(r *kabinet.Reading) []any {
	reg := func(vs []int64, i int) any {
		if i < len(vs) {
			return vs[i]
		}
		return nil
	}
	return []any{r.MeterID, dateArg(r.TakenOn), r.Period.Int(),
		reg(r.Values, 0), reg(r.Values, 1), reg(r.Values, 2),
		reg(r.Consumption, 0), reg(r.Consumption, 1), reg(r.Consumption, 2),
		string(r.Source), string(r.Status), r.CreatedAt.UTC(), r.Session, r.ExternalID}
}

// CreateReading stores r and sets its ID and creation time.
func (db *DB) CreateReading(ctx context.Context, r *kabinet.Reading) error {
	if len(r.Values) == 0 || len(r.Values) > 3 || len(r.Values) != len(r.Consumption) {
		return kabinet.Errorf(kabinet.EINVALID, "Показание должно содержать от одной до трёх зон")
	}
	r.CreatedAt = db.now()
	return db.InTx(ctx, func(tx *sql.Tx) error {
		if err := translate(tx.QueryRowContext(ctx, `
			INSERT INTO readings (meter_id, taken_on, period, v1, v2, v3, c1, c2, c3, source, status, created_at, session_hash, external_id)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id`,
			readingRow(r)...).Scan(&r.ID)); err != nil {
			return err
		}
		return execAll(ctx, tx, keepUsage(r.Period, ofMeter(r.MeterID)))
	})
}

// FindReadings returns a meter's readings, newest first.
func (db *DB) FindReadings(ctx context.Context, f kabinet.ReadingFilter) ([]*kabinet.Reading, error) {
	from, to := openBounds(f.From, f.To)
	limit := f.Limit
	if limit <= 0 {
		limit = 1000
	}
	return db.queryReadings(ctx, db.query, `WHERE meter_id = $1 AND taken_on >= $2 AND taken_on <= $3
		ORDER BY taken_on DESC, id DESC LIMIT $4`, f.MeterID, dateArg(from), dateArg(to), limit)
}

func (db *DB) queryReadings(ctx context.Context, run queryFunc, where string, args ...any) ([]*kabinet.Reading, error) {
	rows, err := run(ctx, `
		SELECT id, meter_id, taken_on, period, v1, v2, v3, c1, c2, c3, source, status, created_at, session_hash, external_id FROM readings `+where, args...)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	var rs []*kabinet.Reading
	for rows.Next() {
		r, err := scanReading(rows)
		if err != nil {
			return nil, err
		}
		rs = append(rs, r)
	}
	return rs, translate(rows.Err())
}

func scanReading(s scanner) (*kabinet.Reading, error) {
	var r kabinet.Reading
	var period int
	var v, c [3]sql.NullInt64
	var source, status string
	err := s.Scan(&r.ID, &r.MeterID, &r.TakenOn, &period, &v[0], &v[1], &v[2], &c[0], &c[1], &c[2], &source, &status, &r.CreatedAt, &r.Session, &r.ExternalID)
	if err != nil {
		return nil, notFound(err, "Показание")
	}
	for i := range v {
		if v[i].Valid {
			r.Values = append(r.Values, v[i].Int64)
			r.Consumption = append(r.Consumption, c[i].Int64)
		}
	}
	r.Period, r.Source, r.Status = kabinet.PeriodFromInt(period), kabinet.ReadingSource(source), kabinet.ReadingStatus(status)
	return &r, nil
}

// SubmitReading stores a reading passed through the portal and sets its ID
// and creation time. A portal reading of the same meter and day is replaced
// in the same transaction, so two submissions at once keep exactly one; one
// whose month has closed is not, and the answer is ECONFLICT. The ID is the
// receipt number: a replacement gets a new one, and no number is given
// twice, even after a delete.
func (db *DB) SubmitReading(ctx context.Context, r *kabinet.Reading) error {
	if r.Source != kabinet.SourcePortal || len(r.Values) == 0 || len(r.Values) > 3 || len(r.Values) != len(r.Consumption) {
		return kabinet.Errorf(kabinet.EINVALID, "Показание должно содержать от одной до трёх зон")
	}
	r.CreatedAt = db.now()
	return db.InTx(ctx, func(tx *sql.Tx) error {
		// Each round takes the day's place from the reading in it, if not
		// yet calculated, and fills it. A round finds the place taken again
		// only when a parallel submission filled it between the two
		// statements (on PostgreSQL); the next round replaces that one.
		for range maxSubmitRounds {
			if _, err := tx.ExecContext(ctx, `DELETE FROM readings
				WHERE meter_id = $1 AND taken_on = $2 AND source = 'portal' AND status <> 'calculated'`,
				r.MeterID, dateArg(r.TakenOn)); err != nil {
				return translate(err)
			}
			err := tx.QueryRowContext(ctx, `
				INSERT INTO readings (meter_id, taken_on, period, v1, v2, v3, c1, c2, c3, source, status, created_at, session_hash, external_id)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
				ON CONFLICT (meter_id, taken_on) WHERE source = 'portal' DO NOTHING
				RETURNING id`, readingRow(r)...).Scan(&r.ID)
			if err == nil {
				// The reading it replaced, if any, was of the same day and
				// not calculated: of the same open month.
				return execAll(ctx, tx, keepUsage(r.Period, ofMeter(r.MeterID)))
			}
			if !errors.Is(err, sql.ErrNoRows) {
				return translate(err)
			}
			var calculated bool
			if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM readings
				WHERE meter_id = $1 AND taken_on = $2 AND source = 'portal' AND status = 'calculated')`,
				r.MeterID, dateArg(r.TakenOn)).Scan(&calculated); err != nil {
				return translate(err)
			}
			if calculated {
				break
			}
		}
		return kabinet.Errorf(kabinet.ECONFLICT, "Показание за этот день уже рассчитано, заменить его нельзя")
	})
}

// maxSubmitRounds bounds the rounds of SubmitReading: a round is lost only
// to a parallel submission for the same meter and day.
const maxSubmitRounds = 16

// DeleteReading deletes a portal reading of a meter that the session
// passed and that is not yet calculated; ENOTFOUND if there is none.
func (db *DB) DeleteReading(ctx context.Context, meterID, readingID int64, session string) error {
	return db.InTx(ctx, func(tx *sql.Tx) error {
		var period int
		err := tx.QueryRowContext(ctx, `DELETE FROM readings
			WHERE id = $1 AND meter_id = $2 AND source = 'portal' AND status = 'accepted' AND session_hash = $3 AND session_hash <> ''
			RETURNING period`, readingID, meterID, session).Scan(&period)
		if errors.Is(err, sql.ErrNoRows) {
			return kabinet.Errorf(kabinet.ENOTFOUND, "Показание уже нельзя удалить")
		} else if err != nil {
			return translate(err)
		}
		return execAll(ctx, tx, keepUsage(kabinet.PeriodFromInt(period), ofMeter(meterID)))
	})
}

// openBounds puts far dates in place of zero bounds of a range, so that
// one query serves ranges open on either side.
func openBounds(from, to time.Time) (time.Time, time.Time) {
	if from.IsZero() {
		from = time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	if to.IsZero() {
		to = time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	return from, to
}
