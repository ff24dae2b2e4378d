package app

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"kabinet/filestore"
	"kabinet/requests"
	"kabinet/sqlstore"
)

// FilesDB, FilesDir and an s3:// location are the values of Config.Files.
const (
	FilesDB  = "db"
	FilesDir = "dir"
)

// FilesKind is where the attachments are kept: as configured, else in the
// database on PostgreSQL (several servers read it) and in the data
// directory on SQLite (one box: the file stays small and its one writer is
// not held while files are copied).
func (c *Config) FilesKind(engine string) string {
	switch {
	case c.Files != "":
		return c.Files
	case engine == "postgres":
		return FilesDB
	default:
		return FilesDir
	}
}

// NewFiles opens the attachments' store. A store other than the
// directory still reads what an earlier version left in <data>/uploads.
func NewFiles(ctx context.Context, cfg Config, db *sqlstore.DB) (requests.Files, error) {
	uploads := filepath.Join(cfg.Data, "uploads")
	spool := filepath.Join(cfg.Data, "spool")
	var store filestore.Store
	switch kind := cfg.FilesKind(db.Engine()); {
	case kind == FilesDir:
		return filestore.NewDir(uploads)
	case kind == FilesDB:
		f, err := db.NewFiles(spool)
		if err != nil {
			return nil, err
		}
		store = f
	case strings.HasPrefix(kind, "s3://"):
		s3, err := filestore.NewS3(kind, cfg.S3, spool)
		if err != nil {
			return nil, err
		}
		if err := s3.Check(ctx); err != nil {
			return nil, err
		}
		store = s3
	default:
		return nil, fmt.Errorf("--files %q: want db, dir or s3://bucket/prefix", kind)
	}
	if _, err := os.Stat(uploads); err != nil {
		return store, nil
	}
	dir, err := filestore.NewDir(uploads)
	if err != nil {
		return nil, err
	}
	return &filestore.Legacy{Store: store, Dir: dir}, nil
}
