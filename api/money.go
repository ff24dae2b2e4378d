package api

import (
	"time"

	"kabinet"
)

// amount is a sum of money as the API gives it: kopecks to count with and
// the text a page would show («1 234,56 ₽»).
type amount struct {
	Kopecks int64  `json:"kopecks"`
	Text    string `json:"text"`
}

func money(m kabinet.Money) amount { return amount{Kopecks: int64(m), Text: m.String()} }

// day writes a date as YYYY-MM-DD, "" for none.
func day(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

// stamp writes an instant in UTC, RFC 3339.
func stamp(t time.Time) string { return t.UTC().Format(time.RFC3339) }
