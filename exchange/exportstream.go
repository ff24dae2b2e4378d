package exchange

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"strconv"
)

// ToJSONLines writes export e as one JSON Lines stream, every kind in
// turn: each line is {"kind": "…", "record": {…}}, the record as in the
// kind's JSON Lines file, and the last line is {"cursor": "…", "changes":
// N}, so a client that read it knows it has the whole export. fileURL gives an
// attachment's download address for its record's file field.
func (x *Exporter) ToJSONLines(ctx context.Context, w io.Writer, e *Export, fileURL func(requestID, attachmentID string) string) error {
	var line bytes.Buffer
	for _, k := range outKinds {
		prefix := []byte(`{"kind":` + strconv.Quote(k.Name) + `,"record":`)
		wr, err := NewWriter(&line, k, JSONL, false)
		if err != nil {
			return err
		}
		err = x.Each(ctx, e, k, func(rec *Record) error {
			if k == KindRequestAttachments && fileURL != nil {
				rec.Set("file", fileURL(rec.Get("request_id"), rec.Get("attachment_id")))
			}
			line.Reset()
			if err := wr.Write(rec); err != nil {
				return err
			}
			if err := wr.Flush(); err != nil {
				return err
			}
			if _, err := w.Write(prefix); err != nil {
				return err
			}
			body := bytes.TrimSuffix(line.Bytes(), []byte("\n"))
			_, err := w.Write(append(body, '}', '\n'))
			return err
		})
		if err != nil {
			return err
		}
	}
	tail, _ := json.Marshal(struct {
		Cursor  string `json:"cursor"`
		Changes int64  `json:"changes"`
	}{strconv.FormatInt(e.Cursor, 10), e.Changes})
	_, err := w.Write(append(tail, '\n'))
	return err
}
