package exchange

import (
	"context"
	"io"
	"strconv"
	"time"

	"kabinet"
)

// OutStore is what an export needs of the database: stamping what changed
// since the last export, and reading a kind's records stamped in a range of
// exports. *sqlstore.DB satisfies it.
type OutStore interface {
	StartExport(ctx context.Context, source string) (cursor, changes int64, err error)
	ScanExport(ctx context.Context, kind string, since, upto int64, fn func(cols []string, vals []any) error) error
}

// Attachments opens the files of customers' requests. *requests.Service
// satisfies it.
type Attachments interface {
	OfficeAttachment(ctx context.Context, reqID, attID int64) (*kabinet.Attachment, io.ReadCloser, error)
}

// Exporter writes what customers did for the billing system.
type Exporter struct {
	Store OutStore
	Files Attachments
}

// Export is one export: the records after Since up to Cursor, the cursor
// to ask with next time.
type Export struct {
	Since, Cursor int64
	// Changes is how many changes this export took that no export had.
	Changes int64
}

// ParseCursor reads a cursor as written by an export ("" is 0: from the
// beginning).
func ParseCursor(s string) (int64, error) {
	if s == "" {
		return 0, nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 {
		return 0, kabinet.Errorf(kabinet.EINVALID, "Курсор выгрузки — неотрицательное целое число, а не %q", s)
	}
	return n, nil
}

// Start begins an export after since: every change no export has taken
// yet is taken by this one. source names who asked, for the exports' log.
func (x *Exporter) Start(ctx context.Context, source string, since int64) (*Export, error) {
	cursor, changes, err := x.Store.StartExport(ctx, source)
	if err != nil {
		return nil, err
	}
	if since > cursor {
		return nil, kabinet.Errorf(kabinet.EINVALID, "Курсор %d ещё не выдан: последняя выгрузка — %d", since, cursor)
	}
	return &Export{Since: since, Cursor: cursor, Changes: changes}, nil
}

// Each calls fn with every record of kind k in the export, in ID order.
// The record is reused between calls.
func (x *Exporter) Each(ctx context.Context, e *Export, k *Kind, fn func(*Record) error) error {
	rec := k.NewRecord()
	return x.Store.ScanExport(ctx, k.Name, e.Since, e.Cursor, func(cols []string, vals []any) error {
		rec.Reset()
		for i, c := range cols {
			if j := k.Field(c); j >= 0 {
				rec.vals[j] = formatValue(k.Fields[j].Type, vals[i])
			}
		}
		return fn(rec)
	})
}

// formatValue writes a database value as a field of type t: the engines
// give dates and times as time.Time or text, booleans as bool or 0/1,
// money as kopecks and periods as YYYYMM.
func formatValue(t FieldType, v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case time.Time:
		if t == Date {
			return v.Format(time.DateOnly)
		}
		return v.UTC().Format(time.RFC3339)
	case bool:
		return strconv.FormatBool(v)
	case int64:
		switch t {
		case Bool:
			return strconv.FormatBool(v != 0)
		case Money, Area:
			return formatDecimal(v, 2)
		case Period:
			return kabinet.PeriodFromInt(int(v)).String()
		}
		return strconv.FormatInt(v, 10)
	case []byte:
		return formatText(t, string(v))
	case string:
		return formatText(t, v)
	}
	return ""
}

// formatText puts a date or time SQLite kept as text in the format's form.
func formatText(t FieldType, s string) string {
	switch t {
	case Date:
		if len(s) >= 10 {
			return s[:10]
		}
	case Time:
		for _, layout := range []string{time.RFC3339Nano, "2006-01-02 15:04:05.999999999-07:00", "2006-01-02 15:04:05"} {
			if tm, err := time.Parse(layout, s); err == nil {
				return tm.UTC().Format(time.RFC3339)
			}
		}
	}
	return s
}
