package browsertest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
)

// Download clicks the button or link that shows text, as ClickText does,
// waits until the browser has saved the file it sends, and returns the
// name the server suggested and the file's bytes. The page stays where it
// was: a download loads no page.
func (b *Browser) Download(text string) (name string, data []byte) {
	b.tb.Helper()
	if !Eval[bool](b, clickable(text)+" != null") {
		b.tb.Fatalf("browsertest: no visible button or link %q; there are: %q", text, b.clickables())
	}
	dir, err := os.MkdirTemp("", "browsertest-download-")
	if err != nil {
		b.tb.Fatalf("browsertest: %v", err)
	}
	defer os.RemoveAll(dir)
	ctx, cancel := context.WithTimeout(b.ctx, actionTimeout)
	defer cancel()
	events := true
	if _, err := chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllowAndName, DownloadPath: dir, EventsEnabled: &events}); err != nil {
		b.tb.Fatalf("browsertest: allow downloads: %v", err)
	}
	began := chromedp.BrowserEvents(ctx, browser.DownloadWillBegin)
	progress := chromedp.BrowserEvents(ctx, browser.DownloadProgress)
	b.do(fmt.Sprintf("click %q", text), chromedp.Click(chromedp.JSPath(clickable(text))))
	var guid string
	for ev, err := range began {
		if err != nil {
			b.tb.Fatalf("browsertest: download after %q: %v", text, err)
		}
		name, guid = ev.SuggestedFilename, ev.GUID
		break
	}
	for ev, err := range progress {
		if err != nil {
			b.tb.Fatalf("browsertest: download of %s: %v", name, err)
		}
		if ev.GUID != guid {
			continue
		}
		if ev.State == browser.DownloadProgressStateCanceled {
			b.tb.Fatalf("browsertest: download of %s canceled", name)
		}
		if ev.State == browser.DownloadProgressStateCompleted {
			break
		}
	}
	// allowAndName saves the file under its GUID.
	if data, err = os.ReadFile(filepath.Join(dir, guid)); err != nil {
		b.tb.Fatalf("browsertest: read the download: %v", err)
	}
	return name, data
}
