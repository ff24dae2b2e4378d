package browsertest

import (
	"context"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
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
