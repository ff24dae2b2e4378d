package browsertest

import (
	"context"
	"math"
	"os"
	"path/filepath"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// Screenshot saves a PNG of the whole page, below the fold too, to path,
// creating its directory.
func (b *Browser) Screenshot(path string) {
	b.tb.Helper()
	png := run(b, "screenshot", fullPage)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		b.tb.Fatalf("browsertest: %v", err)
	}
	if err := os.WriteFile(path, png, 0o644); err != nil {
		b.tb.Fatalf("browsertest: %v", err)
	}
}

// ScreenshotFirstScreen saves a PNG of the viewport only, to path: what a
// customer sees before scrolling.
func (b *Browser) ScreenshotFirstScreen(path string) {
	b.tb.Helper()
	png := run(b, "screenshot", chromedp.CaptureScreenshot())
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		b.tb.Fatalf("browsertest: %v", err)
	}
	if err := os.WriteFile(path, png, 0o644); err != nil {
		b.tb.Fatalf("browsertest: %v", err)
	}
}

// fullPage captures the page's whole content size as a PNG.
func fullPage(ctx context.Context, t *chromedp.Target) ([]byte, error) {
	m, err := cdp.Call(ctx, t, page.GetLayoutMetrics, cdp.Empty{})
	if err != nil {
		return nil, err
	}
	size := m.CSSContentSize
	res, err := cdp.Call(ctx, t, page.CaptureScreenshot, page.CaptureScreenshotParams{
		Format:                page.CaptureScreenshotFormatPng,
		CaptureBeyondViewport: new(true),
		FromSurface:           new(true),
		Clip: &page.Viewport{
			Width:  math.Ceil(size.Width),
			Height: math.Ceil(size.Height),
			Scale:  1,
		},
	})
	return res.Data, err
}

// PrintPDF prints the page as Chromium would on A4 with backgrounds off,
// the way a customer prints it, and saves the PDF to path.
func (b *Browser) PrintPDF(path string) {
	b.tb.Helper()
	pdf := run(b, "print", chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4)))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		b.tb.Fatalf("browsertest: %v", err)
	}
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		b.tb.Fatalf("browsertest: %v", err)
	}
}
