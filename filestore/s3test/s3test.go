// Package s3test serves an S3-compatible object store in-process over
// HTTP (gofakes3 on httptest), for the tests of the S3 file store.
package s3test

import (
	"net/http/httptest"
	"net/url"
	"testing"

	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"

	"kabinet/filestore"
)

// Server is a running fake object store.
type Server struct {
	// Config reaches it (plain HTTP on loopback).
	Config filestore.S3Config
	URL    string
}

// MustStart serves a fake S3 with the given buckets until tb ends.
func MustStart(tb testing.TB, buckets ...string) *Server {
	tb.Helper()
	backend := s3mem.New()
	for _, b := range buckets {
		if err := backend.CreateBucket(b); err != nil {
			tb.Fatal(err)
		}
	}
	ts := httptest.NewServer(gofakes3.New(backend).Server())
	tb.Cleanup(ts.Close)
	u, _ := url.Parse(ts.URL)
	return &Server{URL: ts.URL, Config: filestore.S3Config{Endpoint: u.Host, AccessKey: "test", SecretKey: "test-secret",
		Region: "us-east-1", Insecure: true}}
}
