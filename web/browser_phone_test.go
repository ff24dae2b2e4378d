package web

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"kabinet/browsertest"
)

// The phone's viewport: 360 CSS px wide, the first screen 740 px high.
const phoneW, phoneH = 360, 740

// brokenWordsJS lists the words the page shows broken across two lines.
// A word ends at white space, a hyphen, a dash or a slash, where a line
// may end; hidden text, text in closed <details> and SVG are skipped.
const brokenWordsJS = `(() => {
	const out = [];
	const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
	for (let n; (n = walk.nextNode()); ) {
		const el = n.parentElement;
		if (!el || el.closest("svg, script, style, .visually-hidden") || !el.checkVisibility()) continue;
		for (const m of n.data.matchAll(/[^\s\-‐–—\/]+[\-‐–—\/]?/g)) {
			const r = document.createRange();
			r.setStart(n, m.index);
			r.setEnd(n, m.index + m[0].length);
			const tops = new Set([...r.getClientRects()].filter(c => c.width > 0).map(c => Math.round(c.top)));
			if (tops.size > 1) out.push(m[0] + " (" + el.tagName.toLowerCase() + "." + el.className + ")");
		}
	}
	return out;
})()`

// checkPhone looks at the current page as a 360 px phone: the first
// screen and the whole page saved as NAME-first.png and NAME.png, no
// sideways scrolling, axe-core clean, and no word broken inside, also in
// the folds (<details>) once opened.
func checkPhone(t *testing.T, b *browsertest.Browser, dir, name string) {
	t.Helper()
	b.SetPhoneViewport(phoneW, phoneH)
	b.ScreenshotFirstScreen(filepath.Join(dir, name+"-first.png"))
	b.Screenshot(filepath.Join(dir, name+".png"))
	if b.ScrollsSideways() {
		t.Errorf("%s scrolls sideways at %d px", name, phoneW)
	}
	b.AxeClean(t)
	if broken := browsertest.Eval[[]string](b, brokenWordsJS); len(broken) > 0 {
		t.Errorf("%s: words broken inside at %d px: %q", name, phoneW, broken)
	}
	Eval(t, b, `document.querySelectorAll("details").forEach(d => d.open = true)`)
	if broken := browsertest.Eval[[]string](b, brokenWordsJS); len(broken) > 0 {
		t.Errorf("%s, folds open: words broken inside at %d px: %q", name, phoneW, broken)
	}
}

// wantDebtOnFirstScreen checks «Главная» on the phone: the first debt's
// amount lies within the first screen, and the account number in the
// heading is one line, not «101030018» over «57».
func wantDebtOnFirstScreen(t *testing.T, b *browsertest.Browser) {
	t.Helper()
	box := browsertest.Eval[[]float64](b, `(() => { scrollTo(0, 0);
		const r = document.querySelector(".balance-amount").getBoundingClientRect();
		return [r.top, r.bottom, innerHeight]; })()`)
	if box[0] < 0 || box[1] > box[2] {
		t.Errorf("the debt is at %.0f–%.0f px, below the first screen of %.0f px", box[0], box[1], box[2])
	}
	if n := browsertest.Eval[int](b, `document.querySelector("#debts-title .account-number").getClientRects().length`); n != 1 {
		t.Errorf("the account number in the heading takes %d lines", n)
	}
}

// Issue 20, «A cabinet that fits a phone»: every page of the portal at
// 360 px, in the ordinary version and at 200 % white on black. The debts
// are on the first screen, the menu and the settings fold, no word breaks
// inside, axe-core finds nothing.
func TestBrowserPhone(t *testing.T) {
	url, d := startDemoPortal(t)
	dir := shotDir(t)
	browser := browsertest.New(t)
	root := accountPath(d.ivanov, "")
	signedIn := []string{root, root + "readings", root + "profile", root + "pay", root + "autopay",
		root + "payments", root + "charges", root + "security", root + "specialist", root + "statement", root + "documents", root + "requests",
		"/notifications", "/feedback", "/pay", "/a11y?return=" + root}
	signedOut := []string{"/login", "/password", "/feedback", "/pay", "/no/such/page"}
	visitAll := func(t *testing.T, b *browsertest.Browser, prefix string, pages []string, onHome func()) {
		for _, p := range pages {
			b.Open(url + p)
			if p == root {
				onHome()
			}
			checkPhone(t, b, dir, prefix+shotName(p, root))
		}
	}

	t.Run("Ordinary", func(t *testing.T) {
		b := browser.For(t)
		b.SetPhoneViewport(phoneW, phoneH)
		visitAll(t, b, "phone-ordinary-out-", signedOut, nil)
		visit(b, url, "10103001857", "demo2026")
		visitAll(t, b, "phone-ordinary-", signedIn, func() {
			wantDebtOnFirstScreen(t, b)
			wantMenuFolds(t, b)
		})
		b.SetViewport(1280, 900)
		b.Open(url + root)
		if !visible(b, ".nav-list a") || visible(b, ".nav-toggle") {
			t.Error("at 1280 px the menu is folded")
		}
		b.ClickText("Выход")
	})

	t.Run("Size200Black", func(t *testing.T) {
		b := browser.For(t)
		b.SetPhoneViewport(phoneW, phoneH)
		b.Open(url + "/a11y?return=/login")
		b.ClickText("200 %")
		// Back on the page, the settings stay unfolded for the next choice.
		if !browsertest.Eval[bool](b, `document.querySelector(".a11y-fold").open`) {
			t.Error("the settings are folded right after a choice")
		}
		b.ClickText("Белым по чёрному")
		wantHTML(t, b, "200", "black", "on")
		b.Open(url + "/login")
		wantFoldedSettings(t, b, "200 %, белым по чёрному")
		visitAll(t, b, "phone-200-black-out-", signedOut, nil)
		visit(b, url, "10103001857", "demo2026")
		visitAll(t, b, "phone-200-black-", signedIn, func() {
			wantFoldedSettings(t, b, "200 %, белым по чёрному")
			wantDebtOnFirstScreen(t, b)
			wantMenuFolds(t, b)
		})
	})
}

// wantMenuFolds checks the phone's menu: «Меню» shows, the sections do
// not, until «Меню» is clicked.
func wantMenuFolds(t *testing.T, b *browsertest.Browser) {
	t.Helper()
	if visible(b, ".nav-list a") || !visible(b, ".nav-toggle") {
		t.Fatal("at 360 px the menu is not folded under «Меню»")
	}
	Eval(t, b, `document.querySelector(".nav-toggle").click()`)
	if !visible(b, `.nav-list a[href$="/readings"]`) {
		t.Error("«Меню» opened, but «Передать показания» is not shown")
	}
	Eval(t, b, `document.querySelector(".nav-toggle").click()`)
}

// wantFoldedSettings checks the settings of the version for the visually
// impaired are one folded line naming the current choice.
func wantFoldedSettings(t *testing.T, b *browsertest.Browser, choice string) {
	t.Helper()
	if browsertest.Eval[bool](b, `document.querySelector(".a11y-fold").open`) || visible(b, ".a11y-form") {
		t.Error("the settings are not folded")
	}
	if got := strings.Join(strings.Fields(b.Text(".a11y-summary")), " "); !strings.Contains(got, choice) {
		t.Errorf("the folded settings say %q, want the choice %q", got, choice)
	}
}

// visible reports whether the first element matching selector is shown.
func visible(b *browsertest.Browser, selector string) bool {
	return browsertest.Eval[bool](b, fmt.Sprintf(`(e => e != null && e.checkVisibility())(document.querySelector(%q))`, selector))
}

// shotName names a page's screenshot after its path within the account.
func shotName(path, root string) string {
	name := strings.TrimPrefix(path, root)
	name = strings.Trim(strings.NewReplacer("/", "-", "?", "-", "=", "-").Replace(name), "-")
	if name == "" || path == root {
		return "home"
	}
	return name
}

// unfoldSettings opens the folded settings of the version for the visually
// impaired, as a click on their line does.
func unfoldSettings(t *testing.T, b *browsertest.Browser) {
	t.Helper()
	Eval(t, b, `document.querySelector(".a11y-fold").open = true`)
}
