package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kabinet"
	"kabinet/browsertest"
	"kabinet/sqlstore/sqlstoretest"
)

// TestBrowserPayDebt is the demo's card payment end to end: the debt
// prefilled, the demo bank's page with a test card, the return page, and
// the balance at zero, the payment in «История оплат» and in the ledger.
func TestBrowserPayDebt(t *testing.T) {
	m, b, shots := signedInDemo(t)
	b.ClickText("Оплатить картой")
	if !strings.Contains(b.Text("main"), "Задолженность перед") {
		t.Fatalf("no debts on the payment page:\n%s", b.Text("main"))
	}
	b.AxeClean(t)
	b.Screenshot(filepath.Join(shots, "pay-1280.png"))
	b.ClickText(b.Text("button[data-pay-sum]")) // «Оплатить N ₽»
	if !strings.Contains(b.Text("h1"), "Демо-банк") {
		t.Fatalf("not on the bank's page: %s", b.Text("body"))
	}
	b.ClickText("Оплатить " + b.Text("dd:last-of-type"))
	if got := b.Text(".payment-status"); !strings.Contains(got, "Оплата зачислена") {
		t.Fatalf("return page says %q", got)
	}
	b.AxeClean(t)
	b.Screenshot(filepath.Join(shots, "payment-1280.png"))
	b.ClickText("Вернуться в личный кабинет")
	b.ClickText("Оплатить картой")
	debts := browsertest.Eval[[]string](b, `[...document.querySelectorAll(".debt")].map(e => e.textContent)`)
	if len(debts) == 0 {
		t.Fatal("no debts shown after paying")
	}
	for _, debt := range debts {
		if debt != "0,00\u00a0₽" {
			t.Errorf("debts after paying = %q, want 0,00 ₽ each", debts)
		}
	}
	b.Open(m.URL() + "/")
	b.ClickText("История оплат ►")
	newest := browsertest.Eval[string](b, `document.querySelector(".payments-table tbody tr td:nth-child(3)").textContent`)
	if newest != kabinet.ChannelCard.Title() {
		t.Errorf("the newest payment in «История оплат» was made by %q, want %q", newest, kabinet.ChannelCard.Title())
	}
	payOther(t, b, m.URL(), shots)
	a, err := m.app.DB.FindAccountByNumber(context.Background(), kabinet.MustParseAccountNumber("10103001857"))
	if err != nil {
		t.Fatal(err)
	}
	subs, _ := m.app.DB.FindSubAccounts(context.Background(), a.ID)
	for _, s := range subs {
		es, _ := m.app.DB.FindLedgerEntries(context.Background(), kabinet.LedgerFilter{SubAccountID: s.ID, Kind: kabinet.EntryPayment, Limit: 1})
		if len(es) != 1 || es[0].Channel != kabinet.ChannelCard {
			t.Errorf("the newest payment of sub-account %d: %+v", s.ID, es)
		}
	}
}

// signedInDemo runs the demo, signs in as its registered customer in
// Chromium and returns the program, the browser and where screenshots go
// (KABINET_SHOTS, or a temporary directory).
func signedInDemo(t *testing.T) (*Main, *browsertest.Browser, string) {
	t.Helper()
	m := MustRunMain(t, sqlstoretest.SQLiteDSN(t))
	b := browsertest.New(t).For(t)
	shots := os.Getenv("KABINET_SHOTS")
	if shots == "" {
		shots = t.TempDir()
	}
	b.Open(m.URL() + "/")
	b.FillByLabel("Номер лицевого счета / договора", "10103001857")
	b.FillByLabel("Фамилия / пароль", "demo2026")
	b.ClickText("Войти")
	return m, b, shots
}

// payOther walks «Оплата другого лицевого счета» to the bank's page.
func payOther(t *testing.T, b *browsertest.Browser, url, shots string) {
	t.Helper()
	b.Open(url + "/pay")
	b.AxeClean(t)
	b.FillByLabel("Лицевой счет", "ЕТСОО204646")
	b.FillByLabel("Фамилия", "Сидоров")
	b.ClickText("Далее")
	if got := b.Text(".payee"); !strings.HasPrefix(got, "С*****в ") {
		t.Fatalf("payee = %q", got)
	}
	b.AxeClean(t)
	b.Screenshot(filepath.Join(shots, "payother-1280.png"))
	b.SetPhoneViewport(360, 740)
	if b.ScrollsSideways() {
		t.Error("the payment page scrolls sideways at 360 px")
	}
	b.Screenshot(filepath.Join(shots, "payother-360.png"))
	b.SetViewport(1280, 900)
	b.ClickText(b.Text("button[data-pay-sum]")) // «Оплатить N ₽»
	if !strings.Contains(b.Text("h1"), "Демо-банк") {
		t.Fatalf("not on the bank's page: %s", b.Text("body"))
	}
}
