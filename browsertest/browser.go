// Package browsertest drives Debian's headless Chromium through chromedp for
// browser journeys: open a page, fill fields by their labels, click by
// visible text, read text, take screenshots and check accessibility with
// axe-core. Its methods fail the test on error, so journeys read as steps.
package browsertest

import (
	"context"
	"fmt"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// DefaultChromium is where Debian's chromium package puts the browser.
// KABINET_CHROMIUM overrides it.
const DefaultChromium = "/usr/bin/chromium"

// actionTimeout bounds one step of a journey, so a missing element fails
// the test with a message instead of hanging it.
const actionTimeout = 15 * time.Second

// Browser is one headless Chromium with one tab. Its methods fail the test
// it was made for; For gives the same tab to a subtest.
type Browser struct {
	tb testing.TB
	*session
}

// session is the browser process and tab that For shares.
type session struct {
	ctx     context.Context // the tab
	profile string

	mu     sync.Mutex
	closed bool
	log    testing.TB
}

// New starts a Chromium for the test and stops it, its child processes and
// its temporary profile when the test ends. Without a browser the test is
// skipped, unless KABINET_TEST_BROWSER=1 (as in CI), where it fails. With
// -short it is skipped too, unless KABINET_TEST_BROWSER=1.
func New(tb testing.TB) *Browser {
	tb.Helper()
	path := chromiumPath(tb)
	profile, err := os.MkdirTemp("", "browsertest-profile-")
	if err != nil {
		tb.Fatalf("browsertest: %v", err)
	}
	b := &Browser{tb: tb, session: &session{profile: profile, log: tb}}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox, // Chromium refuses to start its sandbox as root
		chromedp.DisableGPU,
		chromedp.UserDataDir(profile),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("lang", "ru-RU"),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.WindowSize(1280, 900),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelTab := chromedp.NewContext(actx, chromedp.WithErrorf(b.logf))
	b.ctx = ctx
	tb.Cleanup(func() {
		b.mu.Lock()
		b.closed = true
		b.mu.Unlock()
		cancelTab()
		cancelAlloc() // kills the browser and waits for it
		killProfileProcesses(profile)
		if err := os.RemoveAll(profile); err != nil {
			tb.Errorf("browsertest: remove profile: %v", err)
		}
	})
	// The first action starts the browser; it must not carry a step's
	// timeout, or the browser would die with that step.
	if err := chromedp.Do(ctx); err != nil {
		tb.Fatalf("browsertest: start %s: %v", path, err)
	}
	return b
}

// chromiumPath finds the browser or skips (or fails) the test.
func chromiumPath(tb testing.TB) string {
	tb.Helper()
	required := os.Getenv("KABINET_TEST_BROWSER") == "1"
	if testing.Short() && !required {
		tb.Skip("browsertest: browser tests skipped with -short")
	}
	path := os.Getenv("KABINET_CHROMIUM")
	if path == "" {
		path = DefaultChromium
	}
	if _, err := os.Stat(path); err != nil {
		if required {
			tb.Fatalf("browsertest: KABINET_TEST_BROWSER=1 but no Chromium at %s: %v", path, err)
		}
		tb.Skipf("browsertest: no Chromium at %s (apt-get install chromium; "+
			"KABINET_TEST_BROWSER=1 turns this skip into a failure)", path)
	}
	return path
}

// For returns the same browser and tab failing tb instead, for subtests:
// a subtest must not fail its parent with FailNow.
func (b *Browser) For(tb testing.TB) *Browser {
	return &Browser{tb: tb, session: b.session}
}

// logf passes chromedp's errors to the test log while the test runs; the
// browser's goroutines may still report after the test ended.
func (s *session) logf(format string, args ...any) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.closed {
		s.log.Logf("chromedp: "+format, args...)
	}
}

// do runs steps with a timeout and fails the test on error.
func (b *Browser) do(what string, steps ...chromedp.Action[chromedp.Void]) {
	b.tb.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, actionTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		b.tb.Fatalf("browsertest: %s: %v", what, err)
	}
}

// run runs one step that returns a value, with a timeout.
func run[T any](b *Browser, what string, step chromedp.Action[T]) T {
	b.tb.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, actionTimeout)
	defer cancel()
	v, err := chromedp.Run(ctx, step)
	if err != nil {
		b.tb.Fatalf("browsertest: %s: %v", what, err)
	}
	return v
}

// Eval evaluates a JavaScript expression in the page and decodes its
// result into T; promises are awaited.
func Eval[T any](b *Browser, expression string) T {
	b.tb.Helper()
	return run(b, "eval", chromedp.Evaluate[T](expression, chromedp.EvalAwaitPromise))
}

// Open navigates to url and waits for the page to load.
func (b *Browser) Open(url string) {
	b.tb.Helper()
	b.do(fmt.Sprintf("open %s", url), chromedp.Navigate(url))
}

// URL is the address of the current page.
func (b *Browser) URL() string {
	b.tb.Helper()
	return run(b, "location", chromedp.Location())
}

// SetViewport sets a desktop viewport in CSS pixels.
func (b *Browser) SetViewport(width, height int) {
	b.tb.Helper()
	b.do("set viewport", chromedp.EmulateViewport(int64(width), int64(height)))
}

// SetPhoneViewport emulates a phone: a mobile viewport that honours the
// page's meta viewport, with touch.
func (b *Browser) SetPhoneViewport(width, height int) {
	b.tb.Helper()
	b.do("set phone viewport", chromedp.EmulateViewport(int64(width), int64(height),
		chromedp.EmulateMobile, chromedp.EmulateTouch))
}
