package browsertest

import (
	"context"

	"fmt"

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
// gets a push event with that payload.
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
	b.do(fmt.Sprintf("push to %s", scope), chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, serviceworker.DeliverPushMessage, serviceworker.DeliverPushMessageParams{
			Origin: origin, RegistrationID: registrationFor(ev, scope), Data: data})
		return err
	}))
}

// registrationFor is the ID of the live registration with the scope.
func registrationFor(ev serviceworker.EventWorkerRegistrationUpdated, scope string) serviceworker.RegistrationID {
	for _, r := range ev.Registrations {
		if r.ScopeURL == scope && !r.IsDeleted {
			return r.RegistrationID
		}
	}
	return ""
}
