package filestore_test

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kabinet"
	"kabinet/filestore"
)

var ctx = context.Background()

func TestDir(t *testing.T) {
	d, err := filestore.NewDir(filepath.Join(t.TempDir(), "uploads"))
	if err != nil {
		t.Fatal(err)
	}
	t.Run("PutOpenDelete", func(t *testing.T) {
		n, err := d.Put(ctx, "ab/cdef", strings.NewReader("скан"))
		if err != nil || n != int64(len("скан")) {
			t.Fatalf("Put = %d, %v", n, err)
		}
		f, err := d.Open(ctx, "ab/cdef")
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(f)
		f.Close()
		if string(b) != "скан" {
			t.Errorf("read %q", b)
		}
		if err := d.Delete(ctx, "ab/cdef"); err != nil {
			t.Fatal(err)
		}
		if _, err := d.Open(ctx, "ab/cdef"); kabinet.ErrorCode(err) != kabinet.ENOTFOUND {
			t.Errorf("Open after Delete: %v", err)
		}
	})
	t.Run("ErrReaderLeavesNothing", func(t *testing.T) {
		_, err := d.Put(ctx, "ab/broken", io.MultiReader(strings.NewReader("half"), errReader{}))
		if err == nil {
			t.Fatal("Put succeeded")
		}
		entries, _ := os.ReadDir(filepath.Join(d.Root, "ab"))
		for _, e := range entries {
			t.Errorf("left behind: %s", e.Name())
		}
	})
	t.Run("ErrKeyOutsideRoot", func(t *testing.T) {
		for _, key := range []string{"", "../x", "/etc/passwd", "a/../../x", `a\b`, "a/./b", "A.pdf"} {
			if _, err := d.Put(ctx, key, strings.NewReader("x")); kabinet.ErrorCode(err) != kabinet.EINVALID {
				t.Errorf("Put(%q) = %v", key, err)
			}
		}
	})
}

type errReader struct{}

func (errReader) Read([]byte) (int, error) { return 0, errors.New("too big") }
