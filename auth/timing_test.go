//go:build measure

package auth_test

import (
	"slices"
	"strconv"
	"testing"
	"time"

	"kabinet"
	"kabinet/auth"
	"kabinet/sqlstore/sqlstoretest"
)

// TestResetTiming measures how long the reset endpoints' answers take for
// each state of an account number, interleaved, and logs the medians and
// their spread (issue 14's figure). It asserts nothing about time; run it
// with `go test -tags measure -run TestResetTiming -v ./auth` (the build tag
// keeps a measurement out of the suite, where it would only skip). "inline" is the old way, with the letter
// written before the answer.
func TestResetTiming(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		f := newFixture(t, dsn)
		f.svc.Clock = time.Now
		f.db.Now = time.Now
		f.account(t, "ИЭСБК0041300", "Петрова")
		f.registered(t, "ЕТСОО204646", "Ангара-2026-хариус")
		states := map[string]string{"unknown": "ИЭСБК9999999", "unregistered": "ИЭСБК0041300", "registered": "ЕТСОО204646"}
		const rounds = 150
		ip := 0
		for _, mode := range []string{"inline", "answer"} {
			if mode == "answer" {
				f.svc.Background = func(func()) {} // what the answer waits for
			}
			for _, by := range []kabinet.ConfirmBy{kabinet.ConfirmByEmail, kabinet.ConfirmBySMS} {
				took := map[string][]time.Duration{}
				for range rounds {
					for state, n := range states {
						ip++
						start := time.Now()
						if err := f.svc.ForgotPassword(ctx, n, by, auth.Client{IP: "10.1." + strconv.Itoa(ip/250) + "." + strconv.Itoa(ip%250)}); err != nil {
							t.Fatal(err)
						}
						took[state] = append(took[state], time.Since(start))
					}
				}
				logSpread(t, "ForgotPassword "+string(by)+" "+mode, took)
			}
		}
		took := map[string][]time.Duration{}
		for i := range rounds {
			for state, n := range states {
				start := time.Now()
				f.svc.ResetByCode(ctx, n, "000000", "Ангара-2026-таймень", "Ангара-2026-таймень", client)
				took[state] = append(took[state], time.Since(start))
				if i%4 == 3 {
					f.db.ResetHits(ctx, "reset-code:"+kabinet.MustParseAccountNumber(n).String())
				}
			}
		}
		logSpread(t, "ResetByCode", took)
	})
}

func logSpread(t *testing.T, what string, took map[string][]time.Duration) {
	lo, hi := time.Duration(1<<62), time.Duration(0)
	line := ""
	for _, state := range []string{"unknown", "unregistered", "registered"} {
		d := slices.Clone(took[state])
		slices.Sort(d)
		m := d[len(d)/2]
		lo, hi = min(lo, m), max(hi, m)
		line += " " + state + "=" + m.Round(time.Microsecond).String()
	}
	t.Logf("%s: median%s; spread %s", what, line, (hi - lo).Round(time.Microsecond))
}
