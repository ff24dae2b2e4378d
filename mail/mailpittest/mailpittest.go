// Package mailpittest runs a real mailpit (a local SMTP server with an HTTP
// API) for tests, so that mail is tested over real SMTP rather than a mock.
//
// The binary comes from $KABINET_MAILPIT, else bin/mailpit at the module
// root (scripts/mailpit installs it there), else PATH. Without one the test
// is skipped, unless KABINET_TEST_MAILPIT=1 (as in CI), where it fails.
package mailpittest

import (
	"bytes"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

// Server is a running mailpit bound to 127.0.0.1, stopped at test cleanup.
type Server struct {
	smtpPort int
	apiURL   string
	bin      string
	args     []string
	cmd      *exec.Cmd
	exited   chan error
}

// SMTPPort returns the port of the SMTP server on 127.0.0.1.
func (s *Server) SMTPPort() int { return s.smtpPort }

// APIURL returns the base URL of the HTTP API and web UI.
func (s *Server) APIURL() string { return s.apiURL }

// Start runs mailpit on free ports and waits until it answers. Extra
// arguments go to mailpit, e.g. "--chaos-triggers", "Recipient:550:100".
func Start(tb testing.TB, args ...string) *Server {
	tb.Helper()
	bin := findBinary(tb)
	var lastErr error
	// Another process may take a free port between our probe and mailpit's
	// bind; a second attempt with new ports settles it.
	for range 3 {
		s, err := start(tb, bin, args)
		if err == nil {
			return s
		}
		lastErr = err
	}
	tb.Fatalf("mailpittest: %v", lastErr)
	return nil
}

// start makes one attempt to run mailpit and registers its cleanup.
func start(tb testing.TB, bin string, extra []string) (*Server, error) {
	smtpPort, httpPort := freePort(tb), freePort(tb)
	s := &Server{smtpPort: smtpPort, apiURL: "http://127.0.0.1:" + strconv.Itoa(httpPort), bin: bin}
	s.args = append([]string{
		"--smtp", "127.0.0.1:" + strconv.Itoa(smtpPort),
		"--listen", "127.0.0.1:" + strconv.Itoa(httpPort),
		"--database", filepath.Join(tb.TempDir(), "mailpit.db"),
		"--disable-version-check", // it would otherwise ask api.github.com
		"--smtp-disable-rdns",
		"--quiet",
	}, extra...)
	if err := s.run(); err != nil {
		return nil, err
	}
	tb.Cleanup(func() { s.Stop(tb) })
	return s, nil
}

// run starts the mailpit process and waits until it answers.
func (s *Server) run() error {
	var out bytes.Buffer
	cmd := exec.Command(s.bin, s.args...)
	cmd.Env = cleanEnv()
	cmd.Stdout, cmd.Stderr = &out, &out
	// Wait also waits for the output to be copied; bound that, so a killed
	// mailpit cannot hang the test run.
	cmd.WaitDelay = 5 * time.Second
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("start %s: %w", s.bin, err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	if err := s.waitReady(exited); err != nil {
		_ = cmd.Process.Kill()
		<-exited
		return fmt.Errorf("%w; mailpit said: %s", err, out.String())
	}
	s.cmd, s.exited = cmd, exited
	return nil
}

// Stop stops mailpit, as an SMTP server that is down; Restart brings it
// back. Stopping a stopped server does nothing.
func (s *Server) Stop(tb testing.TB) {
	if s.cmd != nil {
		stop(tb, s.cmd, s.exited)
		s.cmd = nil
	}
}

// Restart runs mailpit again on the same ports and database, so the
// messages received before are still there.
func (s *Server) Restart(tb testing.TB) {
	tb.Helper()
	s.Stop(tb)
	if err := s.run(); err != nil {
		tb.Fatalf("mailpittest: restart: %v", err)
	}
}

// stop asks mailpit to exit and kills it if it does not within 5 seconds.
func stop(tb testing.TB, cmd *exec.Cmd, exited <-chan error) {
	_ = cmd.Process.Signal(os.Interrupt)
	select {
	case <-exited:
	case <-time.After(5 * time.Second):
		tb.Logf("mailpittest: mailpit ignored SIGINT; killing it")
		_ = cmd.Process.Kill()
		<-exited
	}
}

// freePort returns a TCP port on 127.0.0.1 that was free a moment ago.
func freePort(tb testing.TB) int {
	tb.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatalf("mailpittest: find a free port: %v", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}
