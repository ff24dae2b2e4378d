package app_test

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kabinet/cmd/kabinet/app"
	"kabinet/filestore"
	"kabinet/filestore/s3test"
	"kabinet/sqlstore"
	"kabinet/sqlstore/sqlstoretest"
)

// TestNewFiles: the store --files chooses, the default of each engine,
// and the files an earlier version left in <data>/uploads still read.
func TestNewFiles(t *testing.T) {
	ctx := context.Background()
	srv := s3test.MustStart(t, "kabinet")
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		db := sqlstoretest.MustOpen(t, dsn)
		for _, kind := range []string{"", app.FilesDB, app.FilesDir, "s3://kabinet/" + db.Engine()} {
			t.Run("Files="+kind, func(t *testing.T) {
				cfg := app.DefaultConfig()
				cfg.Data, cfg.Files, cfg.S3 = t.TempDir(), kind, srv.Config
				old := filepath.Join(cfg.Data, "uploads", "requests", "aa", "aaold")
				os.MkdirAll(filepath.Dir(old), 0o750)
				os.WriteFile(old, []byte("old"), 0o640)
				files, err := app.NewFiles(ctx, cfg, db)
				if err != nil {
					t.Fatal(err)
				}
				want := wantStore(cfg.FilesKind(db.Engine()))
				if kind == "" && want != map[string]string{"postgres": app.FilesDB, "sqlite": app.FilesDir}[db.Engine()] {
					t.Errorf("the default on %s is %s", db.Engine(), want)
				}
				if got := storeKind(files); got != want {
					t.Errorf("store = %s, want %s", got, want)
				}
				f, err := files.Open(ctx, "requests/aa/aaold")
				if err != nil {
					t.Fatalf("the old directory's file: %v", err)
				}
				b, _ := io.ReadAll(f)
				f.Close()
				if string(b) != "old" {
					t.Errorf("read %q", b)
				}
			})
		}
		cfg := app.DefaultConfig()
		cfg.Data, cfg.Files = t.TempDir(), "ftp://x"
		if _, err := app.NewFiles(ctx, cfg, db); err == nil || !strings.Contains(err.Error(), "s3://bucket/prefix") {
			t.Errorf("--files ftp://x: %v", err)
		}
	})
}

func wantStore(kind string) string {
	if strings.HasPrefix(kind, "s3://") {
		return "s3"
	}
	return kind
}

func storeKind(files any) string {
	if l, ok := files.(*filestore.Legacy); ok {
		files = l.Store
	}
	switch files.(type) {
	case *sqlstore.Files:
		return app.FilesDB
	case *filestore.Dir:
		return app.FilesDir
	case *filestore.S3:
		return "s3"
	}
	return "unknown"
}
