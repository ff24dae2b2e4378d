package browsertest

import (
	"encoding/json"
	"fmt"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// jsNorm collapses white space the way a reader sees text.
const jsNorm = `const norm = s => (s || "").replace(/\s+/g, " ").trim();`

// jsString quotes s as a JavaScript string literal; JSON is valid JS.
func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// labelledControl finds the control of the <label> whose text is label,
// whether the label names it with "for" or wraps it.
func labelledControl(label string) string {
	return `(() => {` + jsNorm + `
	const want = norm(` + jsString(label) + `);
	const l = [...document.querySelectorAll("label")].find(l => norm(l.textContent) === want);
	return l ? l.control : null;
})()`
}

// clickable finds the visible button, link or submit input whose text (or
// value) is text.
func clickable(text string) string {
	return `(() => {` + jsNorm + `
	const want = norm(` + jsString(text) + `);
	const shown = e => e.getClientRects().length > 0;
	const label = e => e.matches("input") ? e.value : e.innerText;
	return [...document.querySelectorAll(
		"button, a[href], input[type=submit], input[type=button], input[type=reset], [role=button]")]
		.find(e => shown(e) && norm(label(e)) === want) || null;
})()`
}

// FillByLabel types value into the control labelled label, replacing what
// it held. It finds the control as a person does: by the label's text.
func (b *Browser) FillByLabel(label, value string) {
	b.tb.Helper()
	// Clear the control here: chromedp v0.23's SetValue(sel, "") reports
	// an error although it cleared the field.
	clear := `((c) => { if (c) { c.value = ""; } return c != null; })(` + labelledControl(label) + `)`
	if !Eval[bool](b, clear) {
		b.tb.Fatalf("browsertest: no control labelled %q; labels on the page: %q", label, b.labels())
	}
	b.do(fmt.Sprintf("fill %q", label), chromedp.SendKeys(chromedp.JSPath(labelledControl(label)), value))
}

// ClickText clicks the button, link or submit input that shows text and
// waits for the page it leads to. Every page of the portal works without
// JavaScript, so a click that matters loads a page.
func (b *Browser) ClickText(text string) {
	b.tb.Helper()
	if !Eval[bool](b, clickable(text)+" != null") {
		b.tb.Fatalf("browsertest: no visible button or link %q; there are: %q", text, b.clickables())
	}
	click := chromedp.Click(chromedp.JSPath(clickable(text)))
	run(b, fmt.Sprintf("click %q", text), chromedp.WaitEvent(page.LoadEventFired, nil, click))
}

// Text is the rendered text of the first element matching a CSS selector.
func (b *Browser) Text(selector string) string {
	b.tb.Helper()
	return run(b, "text of "+selector, chromedp.Text(chromedp.CSS(selector)))
}

// Count is the number of elements matching a CSS selector.
func (b *Browser) Count(selector string) int {
	b.tb.Helper()
	return Eval[int](b, `document.querySelectorAll(`+jsString(selector)+`).length`)
}

// ScrollsSideways reports whether the page is wider than the viewport:
// the failure a 360 px phone or a 200 % font shows first.
func (b *Browser) ScrollsSideways() bool {
	b.tb.Helper()
	return Eval[bool](b, `document.documentElement.scrollWidth > document.documentElement.clientWidth`)
}

func (b *Browser) labels() []string {
	return Eval[[]string](b, `(() => {`+jsNorm+`
	return [...document.querySelectorAll("label")].map(l => norm(l.textContent)); })()`)
}

func (b *Browser) clickables() []string {
	return Eval[[]string](b, `(() => {`+jsNorm+`
	return [...document.querySelectorAll("button, a[href], input[type=submit]")]
		.map(e => norm(e.matches("input") ? e.value : e.innerText)); })()`)
}

// Tick clicks the checkbox or radio button with the given id, as a person
// clicking it would, and reports whether it is checked afterwards. It does
// not wait for a page: ticking submits nothing.
func (b *Browser) Tick(id string) bool {
	return Eval[bool](b, `(() => { const e = document.getElementById(`+jsString(id)+`); e.click(); return e.checked; })()`)
}

// Check ticks (or unticks) the checkbox or radio button labelled label, as
// a click on it does; it loads no page.
func (b *Browser) Check(label string) {
	b.tb.Helper()
	if !Eval[bool](b, labelledControl(label)+" != null") {
		b.tb.Fatalf("browsertest: no control labelled %q; labels on the page: %q", label, b.labels())
	}
	b.do(fmt.Sprintf("check %q", label), chromedp.Click(chromedp.JSPath(labelledControl(label))))
}

// AttachByLabel chooses files for the file input labelled label, as the
// file dialog would.
func (b *Browser) AttachByLabel(label string, paths ...string) {
	b.tb.Helper()
	b.do(fmt.Sprintf("attach to %q", label), chromedp.SetUploadFiles(chromedp.JSPath(labelledControl(label)), paths))
}

// SelectByLabel chooses the option showing text in the list labelled
// label.
func (b *Browser) SelectByLabel(label, text string) {
	b.tb.Helper()
	js := `((c) => {` + jsNorm + `
	if (!c) return false;
	const o = [...c.options].find(o => norm(o.textContent) === norm(` + jsString(text) + `));
	if (!o) return false;
	c.value = o.value; c.dispatchEvent(new Event("change", {bubbles: true}));
	return true;
})(` + labelledControl(label) + `)`
	if !Eval[bool](b, js) {
		b.tb.Fatalf("browsertest: no option %q in the list labelled %q", text, label)
	}
}
