package web_test

import (
	"context"
	"log/slog"
	"reflect"
	"slices"
	"strings"
	"testing"

	"kabinet/cmd/kabinet/app"
	"kabinet/web"
)

// The web tests run on the application as the kabinet command builds it:
// app.New, with the test's clock, database and site configuration. This
// file is of package web_test, because app imports web.
func init() {
	web.NewGraph = func(tb testing.TB, dsn string, gc web.GraphConfig) web.Graph {
		tb.Helper()
		cfg := app.DefaultConfig()
		cfg.Listen, cfg.Data, cfg.BaseURL, cfg.SupplierName = "127.0.0.1:0", gc.Data, gc.Site.BaseURL, gc.Site.SupplierName
		cfg.Clock, cfg.PasswordCost = gc.Clock, gc.PasswordCost
		cfg.Dev, cfg.TrustProxy, cfg.AgentURL, cfg.MetricsToken = gc.Site.Dev, gc.Site.TrustProxy, gc.Site.AgentURL, gc.Site.MetricsToken
		cfg.BusinessURL, cfg.ActiveRequests = gc.Site.BusinessURL, gc.Site.Active
		cfg.Bank.CallbackURL, cfg.Bank.CallbackKey = gc.CallbackURL, string(gc.BankKey)
		if !gc.Site.DevOutbox {
			// A configured relay turns /dev/mail and /dev/sms off; no
			// worker runs, so nothing is ever sent to it.
			cfg.SMTP.Host = "smtp.invalid"
		}
		mustMapEveryField(tb, gc.Site)
		cfg.DB = dsn
		log := slog.New(slog.NewTextHandler(testLog{tb}, nil))
		db, q, err := app.Open(context.Background(), cfg, log)
		if err != nil {
			tb.Fatalf("app.Open: %v", err)
		}
		tb.Cleanup(func() { db.Close() })
		a, err := app.New(context.Background(), cfg, db, q, log)
		if err != nil {
			tb.Fatalf("app.New: %v", err)
		}
		return web.Graph{DB: db, Server: a.Site, Calendar: a.Calendar, Auth: a.Auth, Home: a.Home, Office: a.Office,
			Readings: a.Readings, Requests: a.Requests, Files: a.Files, Bank: a.Bank, Exchange: a.Exchange,
			Unsubscribe: a.Unsubscribe.Signer}
	}
}

// testLog writes the application's log into the test's.
type testLog struct{ tb testing.TB }

func (w testLog) Write(p []byte) (int, error) {
	w.tb.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

// mapped are the fields of web.Config the hook above hands to app.Config
// (Location comes from the time zone, DevOutbox from the channels): a field
// added to web.Config fails the tests here until it is handed over too.
var mapped = []string{"SupplierName", "BaseURL", "Dev", "DevOutbox", "TrustProxy", "AgentURL", "BusinessURL", "MetricsToken", "Location", "Active"}

func mustMapEveryField(tb testing.TB, c web.Config) {
	t := reflect.TypeOf(c)
	for i := range t.NumField() {
		if !slices.Contains(mapped, t.Field(i).Name) {
			tb.Fatalf("web.Config.%s is not handed to app.Config in web/app_test.go", t.Field(i).Name)
		}
	}
}
