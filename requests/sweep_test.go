package requests_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kabinet"
	"kabinet/filestore"
	"kabinet/filestore/s3test"
	"kabinet/requests"
	"kabinet/sqlstore/sqlstoretest"
)

// TestSweepFiles: files whose request was never saved are removed once
// old enough; a saved request's file and a young file stay.
func TestSweepFiles(t *testing.T) {
	ctx := context.Background()
	srv := s3test.MustStart(t, "kabinet")
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		db := sqlstoretest.MustOpen(t, dsn)
		dir, err := filestore.NewDir(filepath.Join(t.TempDir(), "uploads"))
		if err != nil {
			t.Fatal(err)
		}
		s3, err := filestore.NewS3("s3://kabinet/"+strings.ReplaceAll(t.Name(), "/", "-"), srv.Config, t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		for name, files := range map[string]requests.Files{"dir": dir, "s3": s3} {
			t.Run(name, func(t *testing.T) {
				saved, orphan := "requests/aa/"+name+"saved", "requests/bb/"+name+"orphan"
				for _, k := range []string{saved, orphan} {
					if _, err := files.Put(ctx, k, strings.NewReader("%PDF-1.4")); err != nil {
						t.Fatal(err)
					}
				}
				r := &kabinet.Request{Kind: kabinet.RequestFeedback, Status: kabinet.StatusNew, FullName: "Петров",
					AnswerChannel: kabinet.AnswerPhone, Attachments: []*kabinet.Attachment{{Name: "a.pdf",
						ContentType: "application/pdf", Size: 8, Key: saved}}}
				if err := db.CreateRequest(ctx, r, nil); err != nil {
					t.Fatal(err)
				}
				svc := requests.New(db, files, nil, nil, nil, requests.DefaultConfig(), kabinet.Calendar{})
				if n, err := svc.SweepFiles(ctx, time.Hour); err != nil || n != 0 {
					t.Fatalf("young files: SweepFiles = %d, %v", n, err)
				}
				if n, err := svc.SweepFiles(ctx, 0); err != nil || n != 1 {
					t.Fatalf("SweepFiles = %d, %v; want the orphan removed", n, err)
				}
				if _, err := files.Open(ctx, orphan); kabinet.ErrorCode(err) != kabinet.ENOTFOUND {
					t.Errorf("the orphan is still there: %v", err)
				}
				f, err := files.Open(ctx, saved)
				if err != nil {
					t.Fatalf("the saved request's file is gone: %v", err)
				}
				f.Close()
			})
		}
	})
}
