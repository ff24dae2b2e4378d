package browsertest

import (
	"context"
	"fmt"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/serviceworker"
	"github.com/chromedp/chromedp"
)

// InstallabilityErrors are the reasons Chromium gives why the current page
// cannot be installed as an app (its error IDs, such as
// "no-acceptable-icon"); none for an installable one.
func (b *Browser) InstallabilityErrors() []string {
	b.tb.Helper()
	return run(b, "installability errors", func(ctx context.Context, t *chromedp.Target) ([]string, error) {
		res, err := cdp.Call(ctx, t, page.GetInstallabilityErrors, cdp.Empty{})
		if err != nil {
			return nil, err
		}
		var ids []string
		for _, e := range res.InstallabilityErrors {
			ids = append(ids, e.ErrorID)
		}
		return ids, nil
	})
}

// SetOffline cuts the tab's network, the service workers' too, as when a
// phone loses its connection; SetOffline(false) restores it.
func (b *Browser) SetOffline(offline bool) {
	b.tb.Helper()
	b.do("set offline", chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		if _, err := cdp.Call(ctx, t, network.Enable, network.EnableParams{}); err != nil {
			return err
		}
		rule := network.EmulateNetworkConditionsByRuleParams{EmulateOfflineServiceWorker: &offline,
			MatchedNetworkConditions: []*network.Conditions{{Offline: offline, DownloadThroughput: -1, UploadThroughput: -1}}}
		if _, err := cdp.Call(ctx, t, network.EmulateNetworkConditionsByRule, rule); err != nil {
			return err
		}
		_, err := cdp.Call(ctx, t, network.OverrideNetworkState, network.OverrideNetworkStateParams{
			Offline: offline, DownloadThroughput: -1, UploadThroughput: -1})
		return err
	}))
}

// Push allows origin's notifications and delivers data to the service
// worker whose scope is origin's root, as a push service would: the worker
// gets a push event with that payload. The current page must be at
// origin, and Push waits for the worker to be ready in it before it
// delivers. Like a push service, which sends again until the browser
// acknowledges a message, Push delivers again when no new notification
// shows within pushWait. Before both, about one TestBrowserApp run in
// three saw no notification (the message delivered right after the page
// opened, the worker activated and notifications granted); with them 24
// runs passed, 6 of them beside two busy loops, none needing a second
// delivery. A worker that never shows one fails the test.
func (b *Browser) Push(origin, data string) {
	b.tb.Helper()
	b.do("allow notifications", chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := chromedp.CallBrowser(ctx, browser.SetPermission, browser.SetPermissionParams{
			Permission: &browser.PermissionDescriptor{Name: "notifications"},
			Setting:    browser.PermissionSettingGranted, Origin: origin})
		return err
	}))
	scope := origin + "/"
	found := func(ev serviceworker.EventWorkerRegistrationUpdated) bool {
		return registrationFor(ev, scope) != ""
	}
	enable := func(ctx context.Context, t *chromedp.Target) (cdp.Empty, error) {
		return cdp.Call(ctx, t, serviceworker.Enable, cdp.Empty{})
	}
	ev := run(b, "service worker registrations", chromedp.WaitEvent(serviceworker.WorkerRegistrationUpdated, found, enable))
	before := Eval[int](b, notificationCount)
	for try := 1; ; try++ {
		b.do(fmt.Sprintf("push to %s", scope), chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			_, err := cdp.Call(ctx, t, serviceworker.DeliverPushMessage, serviceworker.DeliverPushMessageParams{
				Origin: origin, RegistrationID: registrationFor(ev, scope), Data: data})
			return err
		}))
		if Eval[bool](b, fmt.Sprintf(notificationShown, before, pushWait.Milliseconds())) {
			return
		}
		if try == pushTries {
			b.tb.Fatalf("browsertest: no notification shown after %d pushes to %s", try, scope)
		}
		b.tb.Logf("browsertest: push %d to %s showed no notification; sending it again", try, scope)
	}
}

// pushWait is how long Push waits for a delivered message's notification,
// and pushTries how often it delivers one.
const (
	pushWait  = 3 * time.Second
	pushTries = 4
)

const notificationCount = `navigator.serviceWorker.ready.then(r => r.getNotifications()).then(ns => ns.length)`

// notificationShown waits up to %[2]d ms for more than %[1]d notifications.
const notificationShown = `(async () => {
	const r = await navigator.serviceWorker.ready;
	for (const end = Date.now() + %[2]d; Date.now() < end; ) {
		if ((await r.getNotifications()).length > %[1]d) return true;
		await new Promise(done => setTimeout(done, 50));
	}
	return false;
})()`

// registrationFor is the ID of the live registration with the scope.
func registrationFor(ev serviceworker.EventWorkerRegistrationUpdated, scope string) serviceworker.RegistrationID {
	for _, r := range ev.Registrations {
		if r.ScopeURL == scope && !r.IsDeleted {
			return r.RegistrationID
		}
	}
	return ""
}
