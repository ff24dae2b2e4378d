package main

import (
	"context"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"kabinet"
)

// TestBrowserAutopay is autopay in the demo: pay the debt with
// «Подключить автоплатеж» ticked on the demo bank's page, see it on the
// autopay page, and turn it off.
func TestBrowserAutopay(t *testing.T) {
	m, b, shots := signedInDemo(t)
	b.ClickText("Оплатить картой")
	b.Check("Подключить автоплатеж")
	b.Check("Не более указанной суммы")
	b.FillByLabel("Не более, ₽", "5000")
	b.FillByLabel("День списания", "12")
	b.AxeClean(t)
	b.ClickText(b.Text("button[data-pay-sum]")) // «Оплатить N ₽»
	if !strings.Contains(b.Text("h1"), "Демо-банк") || !strings.Contains(b.Text("form"), "Сохранить карту") {
		t.Fatalf("not on the bank's page with «Сохранить карту»: %s", b.Text("body"))
	}
	b.ClickText("Оплатить " + b.Text("dd:last-of-type"))
	if got := b.Text(".payment-status"); !strings.Contains(got, "Оплата зачислена") {
		t.Fatalf("return page says %q", got)
	}
	b.ClickText("Вернуться в личный кабинет")
	b.ClickText("Оплатить картой")
	b.ClickText("Автоплатеж")
	if got := b.Text(".autopay-state"); got != "Подключен" {
		t.Fatalf("autopay page: %s", b.Text("main"))
	}
	if got := b.Text(".autopay-card"); !strings.HasSuffix(got, "1111") {
		t.Errorf("card = %q", got)
	}
	if got := b.Text(".autopay-mode"); !strings.Contains(got, "5") || !strings.HasPrefix(got, "не более") {
		t.Errorf("rule = %q", got)
	}
	b.AxeClean(t)
	b.Screenshot(filepath.Join(shots, "autopay-1280.png"))
	b.SetPhoneViewport(360, 740)
	if b.ScrollsSideways() {
		t.Error("the autopay page scrolls sideways at 360 px")
	}
	b.Screenshot(filepath.Join(shots, "autopay-360.png"))
	b.SetViewport(1280, 900)
	// Turning autopay off asks first (issue 20); «Отмена» leaves it on.
	b.ClickText("Отключить автоплатеж")
	if got := b.Text(".ask-question"); !strings.HasPrefix(got, "Отключить автоплатеж?") {
		t.Fatalf("no question before turning off: %s", b.Text("main"))
	}
	b.AxeClean(t)
	b.ClickText("Отмена")
	if got := b.Text(".autopay-state"); got != "Подключен" {
		t.Fatalf("after «Отмена»: %s", b.Text("main"))
	}
	b.ClickText("Отключить автоплатеж")
	b.ClickText("Отключить автоплатеж")
	if got := b.Text("main"); !strings.Contains(got, "Автоплатеж отключен") {
		t.Fatalf("after turning off: %s", got)
	}
	a, err := m.app.DB.FindAccountByNumber(context.Background(), kabinet.MustParseAccountNumber("10103001857"))
	if err != nil {
		t.Fatal(err)
	}
	rules, _ := m.app.DB.FindAutopayRules(context.Background(), a.ID, 10)
	if len(rules) != 1 || rules[0].State != kabinet.AutopayStopped || !rules[0].Unbound || m.app.Bank.BindingActive(rules[0].BindingID) {
		t.Errorf("rules after turning off = %+v", rules)
	}
	b.Open(m.URL() + "/a/" + strconv.FormatInt(a.ID, 10) + "/pay")
	b.SetPhoneViewport(360, 740)
	if b.ScrollsSideways() {
		t.Error("the pay page scrolls sideways at 360 px")
	}
	b.Screenshot(filepath.Join(shots, "pay-autopay-360.png"))
}
