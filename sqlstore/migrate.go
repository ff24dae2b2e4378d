package sqlstore

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
)

//go:embed migrations
var migrations embed.FS

// migrate applies the engine's migrations that are not applied yet, each in
// its own transaction with its version row, so a crash leaves either all of
// a migration or none of it. Several servers starting at once on PostgreSQL
// take turns through an advisory lock.
func (db *DB) migrate(ctx context.Context) error {
	names, err := migrationNames(db.dialect.name)
	if err != nil {
		return err
	}
	if _, err := db.write.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY)`); err != nil {
		return err
	}
	if err := distinctVersions(names); err != nil {
		return err
	}
	for _, name := range names {
		if err := db.applyMigration(ctx, name); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
	}
	return nil
}

// migrationNames lists the engine's migrations in the order they apply.
func migrationNames(engine string) ([]string, error) {
	names, err := fs.Glob(migrations, "migrations/"+engine+"/*.sql")
	sort.Strings(names)
	return names, err
}

// distinctVersions refuses two migrations with one number: the second
// would be taken as applied and silently never run (two branches once both
// chose 0030).
func distinctVersions(names []string) error {
	seen := map[int]string{}
	for _, name := range names {
		v, err := migrationVersion(name)
		if err != nil {
			return err
		}
		if other, ok := seen[v]; ok {
			return fmt.Errorf("migrations %s and %s share the number %d", other, name, v)
		}
		seen[v] = name
	}
	return nil
}

// migrationVersion is the number a migration's file name starts with.
func migrationVersion(name string) (int, error) {
	base := name[strings.LastIndex(name, "/")+1:]
	v, err := strconv.Atoi(strings.SplitN(base, "_", 2)[0])
	if err != nil {
		return 0, fmt.Errorf("migration %s: its name must start with a number: %w", name, err)
	}
	return v, nil
}

func (db *DB) applyMigration(ctx context.Context, name string) error {
	version, err := migrationVersion(name)
	if err != nil {
		return err
	}
	body, err := migrations.ReadFile(name)
	if err != nil {
		return err
	}
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if db.dialect.name == "postgres" {
		if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(7265431)`); err != nil {
			return err
		}
	}
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations WHERE version = $1`, version).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	if _, err := tx.ExecContext(ctx, string(body)); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version) VALUES ($1)`, version); err != nil {
		return err
	}
	return tx.Commit()
}
