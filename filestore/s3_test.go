package filestore_test

import (
	"bytes"
	"crypto/rand"
	"io"
	"path/filepath"
	"testing"
	"time"

	"kabinet"
	"kabinet/filestore"
	"kabinet/filestore/s3test"
)

func TestS3(t *testing.T) {
	srv := s3test.MustStart(t, "kabinet")
	s, err := filestore.NewS3("s3://kabinet/uploads", srv.Config, filepath.Join(t.TempDir(), "spool"))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Check(ctx); err != nil {
		t.Fatal(err)
	}
	content := make([]byte, 5<<20)
	rand.Read(content)
	t.Run("PutOpenDelete", func(t *testing.T) {
		if n, err := s.Put(ctx, "requests/ab/abcd", bytes.NewReader(content)); err != nil || n != int64(len(content)) {
			t.Fatalf("Put = %d, %v", n, err)
		}
		f, err := s.Open(ctx, "requests/ab/abcd")
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(f)
		f.Close()
		if err != nil || !bytes.Equal(b, content) {
			t.Fatalf("read %d bytes back, %v", len(b), err)
		}
		var keys []string
		err = s.List(ctx, "requests/", func(key string, at time.Time) error {
			keys = append(keys, key)
			return nil
		})
		if err != nil || len(keys) != 1 || keys[0] != "requests/ab/abcd" {
			t.Fatalf("List = %v, %v", keys, err)
		}
		if err := s.Delete(ctx, "requests/ab/abcd"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Open(ctx, "requests/ab/abcd"); kabinet.ErrorCode(err) != kabinet.ENOTFOUND {
			t.Fatalf("Open after Delete: %v", err)
		}
	})
	t.Run("ErrTooLargeSendsNothing", func(t *testing.T) {
		if _, err := s.Put(ctx, "requests/cd/cdef", io.MultiReader(bytes.NewReader(content[:100]), errReader{})); err == nil {
			t.Fatal("a failing reader was stored")
		}
		if _, err := s.Open(ctx, "requests/cd/cdef"); kabinet.ErrorCode(err) != kabinet.ENOTFOUND {
			t.Fatalf("half a file was sent: %v", err)
		}
	})
	t.Run("ErrKey", func(t *testing.T) {
		if _, err := s.Put(ctx, "../x", bytes.NewReader(content[:1])); kabinet.ErrorCode(err) != kabinet.EINVALID {
			t.Fatalf("Put ../x: %v", err)
		}
	})
	t.Run("ErrNoBucket", func(t *testing.T) {
		other, err := filestore.NewS3("s3://missing", srv.Config, t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		if err := other.Check(ctx); err == nil {
			t.Fatal("a missing bucket passed the check")
		}
	})
}
