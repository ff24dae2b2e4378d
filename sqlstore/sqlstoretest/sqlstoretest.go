// Package sqlstoretest gives tests a fresh database on each engine: a SQLite
// file in a temporary directory always, and a new PostgreSQL database when
// KABINET_TEST_POSTGRES holds a server URL (CI sets it). Each PostgreSQL
// database is created for one test and dropped after it.
package sqlstoretest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // driver "pgx"

	"kabinet/sqlstore"
)

// PostgresEnv names the variable that holds the PostgreSQL server URL.
const PostgresEnv = "KABINET_TEST_POSTGRES"

// Engine is one database engine under test.
type Engine struct {
	Name string
	// DSN returns the DSN of a new, empty database for tb.
	DSN func(tb testing.TB) string
}

// Engines returns SQLite, and PostgreSQL when PostgresEnv is set.
func Engines() []Engine {
	es := []Engine{{Name: "sqlite", DSN: SQLiteDSN}}
	if os.Getenv(PostgresEnv) != "" {
		es = append(es, Engine{Name: "postgres", DSN: PostgresDSN})
	}
	return es
}

// Run runs fn as a subtest on every engine.
func Run(t *testing.T, fn func(t *testing.T, dsn string)) {
	t.Helper()
	for _, e := range Engines() {
		t.Run(e.Name, func(t *testing.T) { fn(t, e.DSN(t)) })
	}
}

// SQLiteDSN returns the path of a new SQLite file in a temporary directory.
func SQLiteDSN(tb testing.TB) string {
	return filepath.Join(tb.TempDir(), "kabinet.db")
}

// PostgresDSN creates a new database on the server in PostgresEnv and
// returns its URL; the database is dropped when tb ends.
func PostgresDSN(tb testing.TB) string {
	tb.Helper()
	server := os.Getenv(PostgresEnv)
	if server == "" {
		tb.Skip(PostgresEnv + " is not set")
	}
	admin, err := sql.Open("pgx", server)
	if err != nil {
		tb.Fatal(err)
	}
	defer admin.Close()
	b := make([]byte, 6)
	rand.Read(b)
	name := "kabinet_test_" + hex.EncodeToString(b)
	if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
		tb.Fatalf("create test database on %s: %v", server, err)
	}
	tb.Cleanup(func() {
		admin, err := sql.Open("pgx", server)
		if err != nil {
			tb.Error(err)
			return
		}
		defer admin.Close()
		if _, err := admin.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"); err != nil {
			tb.Errorf("drop test database: %v", err)
		}
	})
	u, err := url.Parse(server)
	if err != nil {
		tb.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}

// MustOpen opens the store at dsn with opts and closes it when tb ends.
func MustOpen(tb testing.TB, dsn string, opts ...sqlstore.Option) *sqlstore.DB {
	tb.Helper()
	db, err := sqlstore.Open(context.Background(), dsn, opts...)
	if err != nil {
		tb.Fatalf("open %s: %v", dsn, err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

// Dump returns the rows query selects from db as text, a line a row: what
// two databases hold, compared.
func Dump(tb testing.TB, db *sql.DB, query string) string {
	tb.Helper()
	rows, err := db.Query(query)
	if err != nil {
		tb.Fatal(err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		tb.Fatal(err)
	}
	var b strings.Builder
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			tb.Fatal(err)
		}
		fmt.Fprintln(&b, vals...)
	}
	if err := rows.Err(); err != nil {
		tb.Fatal(err)
	}
	return b.String()
}
