package sqlstore_test

import (
	"bytes"
	"crypto/rand"
	"io"
	"os"
	"testing"

	"kabinet"
	"kabinet/sqlstore"
	"kabinet/sqlstore/sqlstoretest"
)

func TestFilesInDatabase(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		db := sqlstoretest.MustOpen(t, dsn, sqlstore.WithJobInserter(noJobs{}))
		spool := t.TempDir()
		files, err := db.NewFiles(spool)
		if err != nil {
			t.Fatal(err)
		}
		a := MustCreateAccount(t, db, "10103001857", "Иванов")
		content := make([]byte, 600<<10) // three chunks, the last one short
		rand.Read(content)

		t.Run("SavedWithRequest", func(t *testing.T) {
			mustPut(t, files, "requests/aa/aa01", content)
			if _, err := files.Open(ctx, "requests/aa/aa01"); kabinet.ErrorCode(err) != kabinet.ENOTFOUND {
				t.Fatalf("a staged file opens before its request is saved: %v", err)
			}
			mustRequest(t, db, a.ID, "requests/aa/aa01", int64(len(content)))
			if got := mustRead(t, files, "requests/aa/aa01"); !bytes.Equal(got, content) {
				t.Fatalf("read %d bytes back, want the %d written", len(got), len(content))
			}
			if n := spoolFiles(t, spool); n != 0 {
				t.Errorf("%d staged files left after the save", n)
			}
		})
		t.Run("NotSavedNoFile", func(t *testing.T) {
			mustPut(t, files, "requests/bb/bb01", content)
			bad := &kabinet.Request{Kind: kabinet.RequestDocuments, Status: kabinet.StatusNew, AccountID: a.ID,
				UserID:      999999, // no such user: the request fails, and its file with it
				Attachments: []*kabinet.Attachment{{Name: "x.pdf", ContentType: "application/pdf", Size: 1, Key: "requests/bb/bb01"}}}
			if err := db.CreateRequest(ctx, bad, nil); err == nil {
				t.Fatal("a request of a missing user was saved")
			}
			if _, err := files.Open(ctx, "requests/bb/bb01"); kabinet.ErrorCode(err) != kabinet.ENOTFOUND {
				t.Fatalf("the file of a failed request opens: %v", err)
			}
			if err := files.Delete(ctx, "requests/bb/bb01"); err != nil {
				t.Fatal(err)
			}
			if n := spoolFiles(t, spool); n != 0 {
				t.Errorf("%d staged files left after Delete", n)
			}
		})
		t.Run("SmallAndExactChunk", func(t *testing.T) {
			for i, size := range []int{1, 256 << 10} {
				key := "requests/cc/cc0" + string(rune('1'+i))
				mustPut(t, files, key, content[:size])
				mustRequest(t, db, a.ID, key, int64(size))
				if got := mustRead(t, files, key); !bytes.Equal(got, content[:size]) {
					t.Fatalf("size %d: read %d bytes back", size, len(got))
				}
			}
		})
		t.Run("FindAttachmentKeys", func(t *testing.T) {
			got, err := db.FindAttachmentKeys(ctx, []string{"requests/aa/aa01", "requests/zz/none"})
			if err != nil || !got["requests/aa/aa01"] || got["requests/zz/none"] {
				t.Fatalf("FindAttachmentKeys = %v, %v", got, err)
			}
		})
	})
}

func mustPut(t *testing.T, files *sqlstore.Files, key string, b []byte) {
	t.Helper()
	if n, err := files.Put(ctx, key, bytes.NewReader(b)); err != nil || n != int64(len(b)) {
		t.Fatalf("Put = %d, %v", n, err)
	}
}

func mustRequest(t *testing.T, db *sqlstore.DB, accountID int64, key string, size int64) *kabinet.Request {
	t.Helper()
	r := &kabinet.Request{Kind: kabinet.RequestDocuments, Status: kabinet.StatusNew, AccountID: accountID,
		Attachments: []*kabinet.Attachment{{Name: "скан.pdf", ContentType: "application/pdf", Size: size, Key: key}}}
	if err := db.CreateRequest(ctx, r, nil); err != nil {
		t.Fatal(err)
	}
	return r
}

func mustRead(t *testing.T, files *sqlstore.Files, key string) []byte {
	t.Helper()
	f, err := files.Open(ctx, key)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	b, err := io.ReadAll(f)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func spoolFiles(t *testing.T, dir string) int {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	return len(es)
}
