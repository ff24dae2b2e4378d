package mailpittest

import (
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// findBinary locates mailpit, or skips (fails under KABINET_TEST_MAILPIT=1).
func findBinary(tb testing.TB) string {
	tb.Helper()
	if p := os.Getenv("KABINET_MAILPIT"); p != "" {
		return p
	}
	if root, ok := moduleRoot(); ok {
		p := filepath.Join(root, "bin", "mailpit")
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	if p, err := exec.LookPath("mailpit"); err == nil {
		return p
	}
	const why = "mailpittest: no mailpit in $KABINET_MAILPIT, bin/mailpit or PATH; " +
		"run scripts/mailpit to install it"
	if os.Getenv("KABINET_TEST_MAILPIT") == "1" {
		tb.Fatal(why + " (KABINET_TEST_MAILPIT=1 makes this a failure)")
	}
	tb.Skip(why + " (KABINET_TEST_MAILPIT=1 turns this skip into a failure)")
	return ""
}

// moduleRoot walks up from the working directory (the package under test)
// to the directory holding go.mod.
func moduleRoot() (string, bool) {
	dir, err := os.Getwd()
	if err != nil {
		return "", false
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, true
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", false
		}
		dir = parent
	}
}

// cleanEnv is the test's environment without MP_* variables, which mailpit
// reads as settings and which could override the flags above.
func cleanEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "MP_") {
			env = append(env, kv)
		}
	}
	return env
}

// waitReady polls the HTTP API and the SMTP port until both answer, mailpit
// exits, or 15 seconds pass.
func (s *Server) waitReady(exited <-chan error) error {
	deadline := time.Now().Add(readyWithin)
	for time.Now().Before(deadline) {
		select {
		case err := <-exited:
			return fmt.Errorf("mailpit exited before it was ready: %v", err)
		case <-time.After(50 * time.Millisecond):
		}
		if s.answers() {
			return nil
		}
	}
	return fmt.Errorf("mailpit did not answer within %s", readyWithin)
}

// readyWithin is how long mailpit may take to start: long, as a loaded
// machine (a CI box building other packages) can be slow to start it.
const readyWithin = 60 * time.Second

// answers reports whether both the HTTP API and the SMTP port respond.
func (s *Server) answers() bool {
	client := http.Client{Timeout: time.Second}
	resp, err := client.Get(s.apiURL + "/api/v1/info")
	if err != nil {
		return false
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return false
	}
	conn, err := net.DialTimeout("tcp", "127.0.0.1:"+strconv.Itoa(s.smtpPort), time.Second)
	if err != nil {
		return false
	}
	conn.Close()
	return true
}
