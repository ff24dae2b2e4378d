package jobs_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/riverqueue/river"

	"kabinet/jobs"
	"kabinet/sqlstore"
	"kabinet/sqlstore/sqlstoretest"
)

var _ sqlstore.JobInserter = (*jobs.Queue)(nil)

// noteArgs is a test job that records its text in the notes table, so a test
// can see which jobs ran.
type noteArgs struct {
	Text string `json:"text"`
}

func (noteArgs) Kind() string { return "test_note" }

type noteWorker struct {
	river.WorkerDefaults[noteArgs]
	db *sqlstore.DB
}

func (w *noteWorker) Work(ctx context.Context, job *river.Job[noteArgs]) error {
	return w.db.InTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO test_notes (text) VALUES ($1)`, job.Args.Text)
		return err
	})
}

func openQueue(t *testing.T, dsn string, work bool) (*sqlstore.DB, *jobs.Queue) {
	t.Helper()
	var q *jobs.Queue
	db := sqlstoretest.MustOpen(t, dsn, sqlstore.WithJobs(func(ctx context.Context, engine string, pool *sql.DB) (sqlstore.JobInserter, error) {
		cfg := jobs.Config{Engine: engine, DB: pool, PollInterval: 50 * time.Millisecond}
		if work {
			cfg.Workers = river.NewWorkers()
		}
		var err error
		q, err = jobs.New(ctx, cfg)
		return q, err
	}))
	if _, err := db.SQL().Exec(`CREATE TABLE IF NOT EXISTS test_notes (text TEXT NOT NULL)`); err != nil {
		t.Fatal(err)
	}
	if work {
		river.AddWorker(q.Workers(), &noteWorker{db: db})
	}
	return db, q
}

func enqueue(t *testing.T, db *sqlstore.DB, text string, commit bool) {
	t.Helper()
	err := db.InTx(context.Background(), func(tx *sql.Tx) error {
		if err := db.Enqueue(context.Background(), tx, noteArgs{text}); err != nil {
			return err
		}
		if !commit {
			return fmt.Errorf("roll back")
		}
		return nil
	})
	if commit && err != nil {
		t.Fatal(err)
	}
}

// waitNotes waits until the notes table holds want rows, and returns them.
func waitNotes(t *testing.T, db *sqlstore.DB, want int) []string {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		rows, err := db.SQL().Query(`SELECT text FROM test_notes ORDER BY text`)
		if err != nil {
			t.Fatal(err)
		}
		var notes []string
		for rows.Next() {
			var s string
			rows.Scan(&s)
			notes = append(notes, s)
		}
		rows.Close()
		if len(notes) >= want || time.Now().After(deadline) {
			return notes
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestRolledBackJobNeverRuns(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		db, q := openQueue(t, dsn, true)
		enqueue(t, db, "rolled back", false)
		enqueue(t, db, "committed", true)
		if err := q.Start(context.Background()); err != nil {
			t.Fatal(err)
		}
		defer q.Stop(context.Background())
		notes := waitNotes(t, db, 1)
		// Give a wrongly inserted job the same chance to run as the good one.
		enqueue(t, db, "marker", true)
		notes = waitNotes(t, db, 2)
		if strings.Join(notes, ",") != "committed,marker" {
			t.Fatalf("jobs that ran: %q, want only the committed ones", notes)
		}
		var n int
		db.SQL().QueryRow(`SELECT count(*) FROM river_job`).Scan(&n)
		if n != 2 {
			t.Errorf("river_job has %d rows, want 2", n)
		}
	})
}

// TestJobEnqueuedBeforeCrashRunsAfterRestart kills -9 a process that has
// committed a job and then the rest of its change, and checks that a new
// process runs the job.
func TestJobEnqueuedBeforeCrashRunsAfterRestart(t *testing.T) {
	if dsn := os.Getenv("KABINET_TEST_CRASH_CHILD"); dsn != "" {
		crashChild(t, dsn)
		return
	}
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		cmd := exec.Command(os.Args[0], "-test.run=^TestJobEnqueuedBeforeCrashRunsAfterRestart$", "-test.v")
		cmd.Env = append(os.Environ(), "KABINET_TEST_CRASH_CHILD="+dsn)
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		buf := make([]byte, 4096)
		var seen strings.Builder
		for !strings.Contains(seen.String(), "ENQUEUED") {
			n, err := out.Read(buf)
			if err != nil {
				t.Fatalf("child ended before enqueuing: %v\n%s", err, seen.String())
			}
			seen.Write(buf[:n])
		}
		cmd.Process.Kill() // SIGKILL: no deferred cleanup runs in the child
		cmd.Wait()

		db, q := openQueue(t, dsn, true)
		if err := q.Start(context.Background()); err != nil {
			t.Fatal(err)
		}
		defer q.Stop(context.Background())
		if notes := waitNotes(t, db, 1); len(notes) != 1 || notes[0] != "before crash" {
			t.Fatalf("after restart the jobs that ran are %q, want [before crash]", notes)
		}
	})
}

// crashChild enqueues a job without working it, says so, and hangs until
// the parent kills it.
func crashChild(t *testing.T, dsn string) {
	db, _ := openQueue(t, dsn, false)
	enqueue(t, db, "before crash", true)
	fmt.Println("ENQUEUED")
	time.Sleep(time.Minute)
}
