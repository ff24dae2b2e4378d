package web

import (
	"strings"
	"testing"

	"kabinet/browsertest"
)

// The journey of METER-4 and METER-5 in Chromium: a reading with too many
// digits is refused in red beside the button with the input kept; a good
// one shows its receipt and history row; it can be deleted and passed again.
func TestBrowserReadings(t *testing.T) {
	url, p := startAuthPortal(t)
	p.metered(t, "10103001857", "demo2026-secret")
	dir := shotDir(t)
	b := browsertest.New(t).For(t)

	visit(b, url, "10103001857", "demo2026-secret")
	b.ClickText("Передать показания")
	wantText(t, b, "h1", "Передать показания")
	wantText(t, b, ".reading-form h3", "Новое показание на 27.11.2026")
	noSmallTargets(t, b)
	checkLooks(t, b, dir, "readings")

	b.FillByLabel("Показание, Основная", "123456")
	b.ClickText("Передать показание")
	wantText(t, b, ".reading-problem", "Лишние цифры: шкала прибора учета — 5 знаков до запятой, введено 6")
	if color := browsertest.Eval[string](b, `getComputedStyle(document.querySelector(".reading-problem")).color`); color != "rgb(180, 35, 24)" {
		t.Errorf("the reason is not red: %s", color)
	}
	if got := browsertest.Eval[string](b, `document.getElementById("reading-v0").value`); got != "123456" {
		t.Errorf("input not kept: %q", got)
	}
	checkLooks(t, b, dir, "readings-refused")

	b.FillByLabel("Показание, Основная", "12500")
	b.ClickText("Передать показание")
	wantText(t, b, "#receipt h3", "Показание принято")
	if got := b.Text("#receipt .receipt-number"); !strings.HasPrefix(got, "№ ") {
		t.Errorf("receipt number %q", got)
	}
	wantText(t, b, ".readings-table tbody tr:first-child td:nth-child(5)", "Принято")
	checkLooks(t, b, dir, "readings-receipt")

	// Deleting asks first (issue 20); «Отмена» keeps the reading.
	b.ClickText("Удалить показание")
	wantText(t, b, "h1", "Удалить показание")
	if got := b.Text(".ask-question"); !strings.HasPrefix(got, "Удалить это показание?") || !strings.Contains(b.Text(".facts"), "12500") {
		t.Errorf("the question: %q, facts %q", got, b.Text(".facts"))
	}
	checkLooks(t, b, dir, "readings-delete-ask")
	b.ClickText("Отмена")
	if n := b.Count(".readings-table tbody tr"); n != 2 {
		t.Errorf("%d history rows after «Отмена», want 2", n)
	}
	b.ClickText("Удалить") // the history row's button asks too
	b.ClickText("Удалить показание")
	wantText(t, b, "main > .notice-success", "Показание удалено.")
	if n := b.Count(".readings-table tbody tr"); n != 1 {
		t.Errorf("%d history rows after delete, want the October one", n)
	}
	b.FillByLabel("Показание, Основная", "12510")
	b.ClickText("Передать показание")
	wantText(t, b, "#receipt h3", "Показание принято")
	wantText(t, b, ".readings-table tbody tr:first-child td:nth-child(2)", "12510")

	b.ClickText("Теплоснабжение")
	wantText(t, b, ".no-meters", "Нет зарегистрированных приборов учета")
	checkLooks(t, b, dir, "readings-no-meters")
}
