package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	_ "modernc.org/sqlite" // driver "sqlite"
)

// dialect is everything that differs between the engines. Queries are
// written once with $N placeholders, which both drivers accept.
type dialect struct {
	name string
	// load writes a batch in one transaction: multi-row INSERTs on SQLite,
	// COPY on PostgreSQL.
	load func(ctx context.Context, db *sql.DB, b *Batch) error
	// fixSequences moves identity sequences past explicitly inserted ids.
	fixSequences func(ctx context.Context, tx *sql.Tx, tables ...string) error
	// optimize refreshes planner statistics.
	optimize string
	// fold is an SQL expression folding the text expression x for
	// look-ups: lower case (Cyrillic too) and ё as е.
	fold func(x string) string
	// forUpdate ends a SELECT that locks the rows it reads in a write
	// transaction: FOR UPDATE on PostgreSQL; nothing on SQLite, whose
	// write transactions hold the one write lock anyway.
	forUpdate string
	// indexExists counts the indexes named $1 (StartFreshLoad).
	indexExists string
	// bulkMemory gives the transaction that ends a fresh load the memory
	// to sort and aggregate a table of millions of rows in, rather than
	// on disk: PostgreSQL's default work_mem is 4 MB. On SQLite it lets
	// the writer sort with a second thread (the sorter's worker threads;
	// the setting stays on the one write connection, and only sorts
	// larger than its cache use them): the ledger's ID index at a million
	// homes took 79 s to build with one, 61 s with two (sqlite3).
	bulkMemory string
	// keptUsage reads an account's chart months (readKeptUsage).
	keptUsage string
	// analyzeFirst makes Settle refresh the statistics before it sums the
	// stale balances rather than after (see Settle).
	analyzeFirst bool
}

func openSQLite(path string) (*DB, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, err
	}
	// busy_timeout first so the other pragmas wait for a lock instead of
	// failing; _txlock=immediate takes the write lock at BEGIN, so a
	// transaction never fails halfway when it upgrades from read to write.
	q := url.Values{}
	for _, p := range []string{"busy_timeout(10000)", "journal_mode(WAL)", "synchronous(NORMAL)", "foreign_keys(1)"} {
		q.Add("_pragma", p)
	}
	q.Set("_time_format", "sqlite")
	dsn := "file:" + path + "?" + q.Encode()
	// The writer's page cache is 64 MiB rather than 2: bulk loads (the demo
	// world, imports) insert into several indexes at once, whose pages
	// otherwise leave the cache between one chunk and the next. Its
	// statement journals (a multi-row INSERT that may fail halfway keeps
	// one) stay in memory instead of a temporary file written page by page.
	write, err := sql.Open("sqlite", dsn+"&_txlock=immediate&_pragma=cache_size(-65536)&_pragma=temp_store(MEMORY)")
	if err != nil {
		return nil, err
	}
	write.SetMaxOpenConns(1)
	// The readers map the file (up to 1 GiB) instead of copying each page
	// they miss from the kernel with a read: their own caches are 2 MiB,
	// so on a large world most pages a view reads are misses, and more of
	// them the longer the history (issue 17).
	read, err := sql.Open("sqlite", dsn+"&_pragma=query_only(1)&_pragma=mmap_size(1073741824)")
	if err != nil {
		write.Close()
		return nil, err
	}
	// Every reader stays open: database/sql keeps only two idle by
	// default, and under load the others were closed and opened again,
	// each opening costing some 2-3 ms of CPU (the schema parsed, the
	// page's statements prepared again, the file mapped anew): on
	// «Главная» at 64 connections about one page in seven paid it (issue
	// 17).
	read.SetMaxOpenConns(sqliteReaders)
	read.SetMaxIdleConns(sqliteReaders)
	d := dialect{name: "sqlite", load: loadSQLite, fixSequences: func(context.Context, *sql.Tx, ...string) error { return nil },
		optimize: "PRAGMA optimize", keptUsage: keptUsageQuery("group_concat", sqliteKeptMonth), fold: func(x string) string { return "kabinet_fold(" + x + ")" },
		indexExists: `SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = $1`, bulkMemory: "PRAGMA threads = 2"}
	return &DB{write: write, read: read, dialect: d}, nil
}

// sqliteReaders is how many read connections SQLite's pool holds.
const sqliteReaders = 8

func openPostgres(dsn string) (*DB, error) {
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("postgres url: %w", err)
	}
	db := stdlib.OpenDB(*cfg)
	db.SetMaxOpenConns(20)
	db.SetMaxIdleConns(20)
	d := dialect{name: "postgres", load: loadPostgres, fixSequences: fixPostgresSequences, optimize: "ANALYZE", forUpdate: " FOR UPDATE", keptUsage: keptUsageQuery("string_agg", postgresKeptMonth),
		fold:         func(x string) string { return "translate(lower(" + x + "), 'ё', 'е')" },
		indexExists:  `SELECT COUNT(*) FROM pg_indexes WHERE schemaname = current_schema() AND indexname = $1`,
		bulkMemory:   `SET LOCAL work_mem = '256MB'; SET LOCAL maintenance_work_mem = '512MB'`,
		analyzeFirst: true}
	return &DB{write: db, read: db, dialect: d}, nil
}

// loadPostgres writes a batch with COPY in one pgx transaction: COPY needs
// the pgx connection itself, which database/sql only lends through Raw.
func loadPostgres(ctx context.Context, db *sql.DB, b *Batch) error {
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	return conn.Raw(func(dc any) error {
		pc := dc.(*stdlib.Conn).Conn()
		tx, err := pc.Begin(ctx)
		if err != nil {
			return err
		}
		defer tx.Rollback(ctx)
		for _, t := range b.tables {
			if err := copyRows(ctx, tx, t); err != nil {
				return fmt.Errorf("copy %s: %w", t.name, err)
			}
			err := t.runIfExisting(func(q string, args ...any) (int64, error) {
				tag, err := tx.Exec(ctx, q, args...)
				return tag.RowsAffected(), err
			})
			if err != nil {
				return err
			}
		}
		for _, st := range b.statements() {
			if _, err := tx.Exec(ctx, st.query, st.args...); err != nil {
				return err
			}
		}
		return tx.Commit(ctx)
	})
}

// copyRows writes t with COPY; AddNew and upserted rows go through a
// temporary table and INSERT … ON CONFLICT, which COPY cannot say.
func copyRows(ctx context.Context, tx pgx.Tx, t *batchTable) error {
	if t.conflict == "" {
		_, err := tx.CopyFrom(ctx, pgx.Identifier{t.name}, t.cols, pgx.CopyFromRows(t.rows))
		return err
	}
	cols := strings.Join(t.cols, ", ")
	if _, err := tx.Exec(ctx, `CREATE TEMP TABLE new_rows ON COMMIT DROP AS SELECT `+cols+` FROM `+t.name+` WITH NO DATA`); err != nil {
		return err
	}
	if _, err := tx.CopyFrom(ctx, pgx.Identifier{"new_rows"}, t.cols, pgx.CopyFromRows(t.rows)); err != nil {
		return err
	}
	tag, err := tx.Exec(ctx, `INSERT INTO `+t.name+` (`+cols+`) SELECT `+cols+` FROM new_rows`+t.conflict)
	if err != nil {
		return err
	}
	if t.ifNew {
		t.skipped = len(t.rows) - int(tag.RowsAffected())
	}
	_, err = tx.Exec(ctx, `DROP TABLE new_rows`)
	return err
}

func fixPostgresSequences(ctx context.Context, tx *sql.Tx, tables ...string) error {
	for _, t := range tables {
		q := fmt.Sprintf(`SELECT setval(pg_get_serial_sequence('%s', 'id'), COALESCE((SELECT max(id) FROM %s), 0) + 1, false)`, t, t)
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("fix sequence of %s: %w", t, err)
		}
	}
	return nil
}
