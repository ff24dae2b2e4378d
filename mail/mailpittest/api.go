package mailpittest

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"testing"
	"time"
)

// Address is a mailbox as mailpit reports it, with the display name decoded.
type Address struct {
	Name    string
	Address string
}

// Summary is one entry of the message list, newest first.
type Summary struct {
	ID        string // mailpit's own id, for Message
	MessageID string // the Message-ID header without angle brackets
	From      Address
	To        []Address
	Subject   string
	Snippet   string
}

// Full is one message with its decoded bodies.
type Full struct {
	ID              string
	MessageID       string
	From            Address
	To              []Address
	Subject         string
	Text            string
	HTML            string
	ListUnsubscribe struct{ Header, HeaderPost string }
	Attachments     []Attachment
}

// Attachment is a file attached to a message; Part fetches its content.
type Attachment struct {
	PartID      string
	FileName    string
	ContentType string
	Size        int
}

// Part returns the decoded content of part partID of message id.
func (s *Server) Part(tb testing.TB, id, partID string) []byte {
	tb.Helper()
	client := http.Client{Timeout: 5 * time.Second}
	resp, err := client.Get(s.apiURL + "/api/v1/message/" + url.PathEscape(id) + "/part/" + url.PathEscape(partID))
	if err != nil {
		tb.Fatalf("mailpittest: part %s: %v", partID, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK {
		tb.Fatalf("mailpittest: part %s: %s %v", partID, resp.Status, err)
	}
	return b
}

// Messages returns the messages mailpit has received, newest first.
func (s *Server) Messages(tb testing.TB) []Summary {
	tb.Helper()
	var list struct{ Messages []Summary }
	s.get(tb, "/api/v1/messages", &list)
	return list.Messages
}

// Message returns the message with mailpit's id (Summary.ID).
func (s *Server) Message(tb testing.TB, id string) Full {
	tb.Helper()
	var m Full
	s.get(tb, "/api/v1/message/"+url.PathEscape(id), &m)
	return m
}

// Headers returns the raw (still encoded) header fields of a message.
func (s *Server) Headers(tb testing.TB, id string) map[string][]string {
	tb.Helper()
	h := map[string][]string{}
	s.get(tb, "/api/v1/message/"+url.PathEscape(id)+"/headers", &h)
	return h
}

// get decodes the JSON answer to GET path into v, failing the test otherwise.
func (s *Server) get(tb testing.TB, path string, v any) {
	tb.Helper()
	client := http.Client{Timeout: 5 * time.Second}
	resp, err := client.Get(s.apiURL + path)
	if err != nil {
		tb.Fatalf("mailpittest: GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		tb.Fatalf("mailpittest: GET %s: %s", path, resp.Status)
	}
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		tb.Fatalf("mailpittest: GET %s: decode: %v", path, err)
	}
}
