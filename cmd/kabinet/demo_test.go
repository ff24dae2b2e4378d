package main

import (
	"bufio"
	"context"
	"kabinet"
	"os"
	"os/exec"
	"strings"
	"testing"

	"kabinet/sqlstore/sqlstoretest"
)

// TestDemoKilledMidwayIsFinishedBeforeServing kills -9 `kabinet demo`
// halfway and checks that the half-built world is not complete, and that
// the next start finishes it before it serves.
func TestDemoKilledMidwayIsFinishedBeforeServing(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		const homes = 20000
		cmd := exec.Command(os.Args[0])
		cmd.Env = append(os.Environ(), "KABINET_TEST_RUN_MAIN=demo --accounts 20000 --seed 3 --db "+dsn)
		var stderr strings.Builder
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := bufio.NewScanner(out)
		for lines.Scan() && !strings.Contains(lines.Text(), "homes,") {
		}
		if lines.Err() != nil || !strings.Contains(lines.Text(), "homes,") {
			t.Fatalf("kabinet demo printed no progress: %v\n%s", lines.Err(), stderr.String())
		}
		cmd.Process.Kill() // SIGKILL, mid-chunk most likely
		cmd.Wait()

		db := sqlstoretest.MustOpen(t, dsn)
		w, err := db.FindWorld(context.Background())
		if err != nil || w.State != kabinet.WorldBuilding || w.Built >= homes {
			t.Fatalf("after kill -9 the world is %+v, %v; want half-built", w, err)
		}
		db.Close()

		m := MustRunMain(t, dsn, func(c *Config) { c.DemoAccounts = 5 }) // the world keeps its own size
		w, err = m.app.DB.FindWorld(context.Background())
		if err != nil || w.State != kabinet.WorldComplete || w.Built != homes || w.Seed != 3 {
			t.Fatalf("after restart the world is %+v, %v", w, err)
		}
		if n, _ := m.app.DB.CountAccounts(context.Background()); n != homes+4 {
			t.Errorf("accounts = %d, want %d generated and 4 documented", n, homes)
		}
	})
}
