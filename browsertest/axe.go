package browsertest

import (
	_ "embed"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// axeSource is axe-core 4.14.1 from npm; see axe/README.md.
//
//go:embed axe/axe.min.js
var axeSource string

// Violation is one axe-core rule the page breaks.
type Violation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	// Nodes is the number of elements that break the rule.
	Nodes int `json:"nodes"`
	// Targets are CSS selectors of the first few of them.
	Targets []string `json:"targets"`
}

// String formats the violation for a test failure.
func (v Violation) String() string {
	return fmt.Sprintf("%s (%s, %d elements: %s): %s",
		v.ID, v.Impact, v.Nodes, strings.Join(v.Targets, ", "), v.Help)
}

// axeRun runs every rule axe-core enables by default (WCAG 2.x A and AA
// and best practices) on the whole document, once its CSS transitions have
// ended: a button caught halfway between two colours (the pointer left
// over it by the click that opened the page, or a viewport change
// crossing a media query) fails color-contrast although neither colour
// does. getAnimations flushes styles first, so a transition about to
// start is waited for too; an endless animation is not waited for.
const axeRun = `Promise.all(document.getAnimations()
	.filter(a => !a.effect || a.effect.getComputedTiming().endTime !== Infinity)
	.map(a => a.finished.catch(() => {})))
.then(() => axe.run(document, {resultTypes: ["violations"]})).then(r => r.violations.map(v => ({
	id: v.id, impact: v.impact || "", help: v.help, nodes: v.nodes.length,
	targets: v.nodes.slice(0, 5).map(n => n.target.join(" ")),
})))`

// Axe injects axe-core into the current page, once per page, and returns
// what it finds.
func (b *Browser) Axe() []Violation {
	b.tb.Helper()
	if !Eval[bool](b, `typeof window.axe === "object"`) {
		b.do("inject axe-core", chromedp.Evaluate[chromedp.Void](axeSource))
	}
	return Eval[[]Violation](b, axeRun)
}

// AxeClean fails tb, listing the violations, unless axe-core finds none.
func (b *Browser) AxeClean(tb testing.TB) {
	tb.Helper()
	vs := b.Axe()
	if len(vs) == 0 {
		return
	}
	var msg strings.Builder
	for _, v := range vs {
		msg.WriteString("\n  " + v.String())
	}
	tb.Errorf("axe-core: %d violations on %s:%s", len(vs), b.URL(), msg.String())
}

// CheckLooks saves desktop and phone screenshots of the current page into
// dir as NAME-1280.png and NAME-360.png, checks that the phone view does
// not scroll sideways, and runs axe-core on both.
func (b *Browser) CheckLooks(tb testing.TB, dir, name string) {
	tb.Helper()
	b.SetViewport(1280, 900)
	b.AxeClean(tb)
	b.Screenshot(filepath.Join(dir, name+"-1280.png"))
	b.SetPhoneViewport(360, 740)
	if b.ScrollsSideways() {
		tb.Errorf("%s scrolls sideways at 360 px", name)
	}
	b.AxeClean(tb)
	b.Screenshot(filepath.Join(dir, name+"-360.png"))
	b.SetViewport(1280, 900)
}
