package web

import (
	"slices"
	"testing"

	"kabinet/browsertest"
)

// The installable app (UI-3): Chromium finds the portal installable; after
// one visit to «Главная» a page opened with the network cut shows the
// offline page with the balances seen, and signing out forgets them.
func TestBrowserApp(t *testing.T) {
	url, d := startDemoPortal(t)
	dir := shotDir(t)
	b := browsertest.New(t)

	visit(b, url, "10103001857", "demo2026")
	wantText(t, b, "h1", "Главная")
	if !browsertest.Eval[bool](b, `navigator.serviceWorker.ready.then(r => r.active != null)`) {
		t.Fatal("no active service worker")
	}
	if errs := b.InstallabilityErrors(); len(errs) > 0 {
		t.Errorf("Chromium cannot install the portal: %q", errs)
	}
	// Chromium offers the installation (beforeinstallprompt); the button,
	// hidden in the HTML, shows then.
	if !browsertest.Eval[bool](b, installShown) {
		t.Error("«Установить приложение» not shown")
	}
	checkLooks(t, b, dir, "app-home")
	home := b.URL()
	shown := balancesOnPage(b)
	if len(shown) == 0 {
		t.Fatal("no balances on «Главная»")
	}
	// Reloaded, the page is under the worker's control.
	b.Open(home)
	if !browsertest.Eval[bool](b, `navigator.serviceWorker.controller != null`) {
		t.Fatal("«Главная» is not controlled by the service worker")
	}

	b.SetOffline(true)
	b.Open(home)
	wantText(t, b, "h1", "Нет связи с интернетом")
	if got := balancesOnPage(b); !slices.Equal(got, shown) {
		t.Errorf("offline page shows %q, «Главная» showed %q", got, shown)
	}
	seen := d.clock.Now().In(irkutsk).Format("02.01.2006 15:04")
	wantText(t, b, ".offline-seen", "Лицевой счет "+d.ivanov.Display+", по состоянию на "+seen)
	if href := browsertest.Eval[string](b, `document.querySelector("[data-offline-retry]").href`); href != home {
		t.Errorf("«Повторить» leads to %q, want %q", href, home)
	}
	checkLooks(t, b, dir, "app-offline")
	b.SetOffline(false)

	b.Open(home)
	wantText(t, b, "h1", "Главная")
	// A push, as notify sends it, shows as the app's notification.
	b.Push(url, `{"title":"Счет за ноябрь 2026 готов","body":"Квитанция доступна на главной странице.","url":"`+home+`"}`)
	shownPush := browsertest.Eval[[]string](b, notificationsShown)
	if want := []string{"Счет за ноябрь 2026 готов | Квитанция доступна на главной странице. | " + home + " | icon-192.png"}; !slices.Equal(shownPush, want) {
		t.Errorf("notifications shown: %q, want %q", shownPush, want)
	}
	b.ClickText("Выход")
	b.SetOffline(true)
	b.Open(home)
	wantText(t, b, "h1", "Нет связи с интернетом")
	if n := b.Count("[data-offline-balances] .balance"); n != 0 {
		t.Errorf("after sign-out the offline page still shows %d balances", n)
	}
	wantText(t, b, "[data-offline-none]", "На этом устройстве нет сохраненного баланса: он сохраняется при просмотре страницы «Главная».")
	b.SetOffline(false)
}

// balancesOnPage is each balance as the customer reads it: sub-account,
// label, amount and penalties.
func balancesOnPage(b *browsertest.Browser) []string {
	return browsertest.Eval[[]string](b, `[...document.querySelectorAll(".balance")].map(e =>
		[".sub-account", ".balance-label", ".balance-amount", ".balance-penalties"]
			.map(s => e.querySelector(s).textContent.replace(/\s+/g, " ").trim()).join(" | "))`)
}

// installShown waits until pwa.js shows «Установить приложение».
const installShown = `new Promise(done => {
	const b = document.querySelector("[data-install]");
	if (!b.hidden) return done(true);
	new MutationObserver(() => { if (!b.hidden) done(true); }).observe(b, {attributes: true});
})`

// notificationsShown waits for the worker's notifications (a push is
// handled in the background) and lists them.
const notificationsShown = `(async () => {
	const r = await navigator.serviceWorker.ready;
	for (;;) {
		const ns = await r.getNotifications();
		if (ns.length > 0) return ns.map(n => [n.title, n.body, n.data.url, n.icon.replace(/^.*\//, "")].join(" | "));
		await new Promise(done => setTimeout(done, 50));
	}
})()`
