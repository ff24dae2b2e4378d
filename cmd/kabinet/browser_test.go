package main

import (
	"testing"

	"kabinet/browsertest"
	"kabinet/sqlstore/sqlstoretest"
)

// TestBrowserWholeProgram is the harness later journeys start from: the
// whole program on :0 with a demo world, driven by headless Chromium.
func TestBrowserWholeProgram(t *testing.T) {
	m := MustRunMain(t, sqlstoretest.SQLiteDSN(t))
	b := browsertest.New(t)
	b.Open(m.URL() + "/")
	if got := b.Text("h1"); got != "Вход в личный кабинет" {
		t.Fatalf("h1 = %q", got)
	}
	b.AxeClean(t)
	b.ClickText("Версия для слабовидящих")
	b.ClickText("200 %")
	if got := browsertest.Eval[string](b, `document.documentElement.dataset.a11ySize`); got != "200" {
		t.Errorf("font size after choosing 200 %% = %q", got)
	}
	b.AxeClean(t)
	b.Screenshot(t.TempDir() + "/signin-200.png")
}
