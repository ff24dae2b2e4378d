package web

import (
	"context"
	"net/http/httptest"
	"strings"
	"testing"

	"kabinet"
	"kabinet/browsertest"
)

// startDemoPortal serves the demo portal (documented accounts, November
// closed) on 127.0.0.1.
func startDemoPortal(t *testing.T) (string, *demoPortal) {
	t.Helper()
	srv := httptest.NewUnstartedServer(nil)
	url := "http://" + srv.Listener.Addr().String()
	d := newDemoPortal(t, url)
	srv.Config.Handler = d.Handler()
	srv.Start()
	t.Cleanup(srv.Close)
	return url, d
}

// The journey: sign in → «Главная» shows the debt per provider as
// the ledger has it → open a bill PDF → change the services and save →
// reload shows them.
func TestBrowserHome(t *testing.T) {
	url, d := startDemoPortal(t)
	dir := shotDir(t)
	browser := browsertest.New(t)
	ctx := context.Background()
	owner, _ := d.db.FindOwner(ctx, d.ivanov.ID)
	d.home.Notify(ctx, &kabinet.Notification{UserID: owner.ID, AccountID: d.ivanov.ID,
		Title: "Счет за ноябрь 2026 готов", Text: "Квитанция доступна на главной странице.", Link: accountPath(d.ivanov, "")})

	t.Run("Ordinary", func(t *testing.T) {
		b := browser.For(t)
		visit(b, url, "10103001857", "demo2026")
		wantText(t, b, "h1", "Главная")
		subs, _ := d.db.FindSubAccounts(ctx, d.ivanov.ID)
		got := browsertest.Eval[[]string](b, `[...document.querySelectorAll(".balance-amount")].map(e => e.textContent)`)
		if len(got) != len(subs) {
			t.Fatalf("balances %q for %d providers", got, len(subs))
		}
		for i, sub := range subs {
			tot, _ := d.db.FindTotals(ctx, sub.ID)
			if want := tot.Balance().Debt.String(); got[i] != want {
				t.Errorf("provider %d: %q shown, the ledger has %q", i+1, got[i], want)
			}
		}
		wantText(t, b, ".bell-count", "1 непрочитанных")
		noSmallTargets(t, b)
		checkLooks(t, b, dir, "home")

		pdf := browsertest.Eval[string](b, `(async () => {
			const a = document.querySelector(".bills a.bill-link");
			if (a.target !== "_blank") return "target " + a.target;
			const r = await fetch(a.href);
			const head = new TextDecoder().decode((await r.arrayBuffer()).slice(0, 5));
			return r.status + " " + r.headers.get("Content-Type") + " " + head; })()`)
		if pdf != "200 application/pdf %PDF-" {
			t.Errorf("bill link: %q", pdf)
		}

		tick(t, b, "sms")
		b.FillByLabel("Номер мобильного телефона", "8 950 12")
		if b.Tick("bill_paper") {
			t.Fatal("«счет на дом» still ticked after a click")
		}
		b.ClickText("Сохранить изменения")
		wantText(t, b, "#phone-error", "Укажите российский номер: 10 цифр после +7 или 8, например +7 950 123-45-67.")
		wantText(t, b, "#bill-error", "Выберите хотя бы один способ получения счета: на дом или по e-mail.")
		if v := browsertest.Eval[string](b, `document.getElementById("phone").value`); v != "8 950 12" {
			t.Errorf("phone not kept: %q", v)
		}
		checkLooks(t, b, dir, "home-services-errors")

		b.FillByLabel("Номер мобильного телефона", "+7 902 555-00-11")
		tick(t, b, "bill_email")
		b.ClickText("Сохранить изменения")
		wantText(t, b, ".notice-success", "Изменения сохранены.")
		b.Open(b.URL())
		for id, want := range map[string]bool{"sms": true, "bill_email": true, "bill_paper": false, "push": false} {
			if got := browsertest.Eval[bool](b, `document.getElementById("`+id+`").checked`); got != want {
				t.Errorf("after reload #%s checked = %v, want %v", id, got, want)
			}
		}
		if v := browsertest.Eval[string](b, `document.getElementById("phone").value`); v != "+7 (902) 555-00-11" {
			t.Errorf("phone after reload = %q", v)
		}

		b.ClickText("История оплат ►")
		wantText(t, b, "h1", "История оплат")
		checkLooks(t, b, dir, "payments")
		b.Open(url + "/notifications")
		wantText(t, b, ".notification-title", "Счет за ноябрь 2026 готов")
		checkLooks(t, b, dir, "notifications")
		b.Open(url + accountPath(d.ivanov, "statement"))
		checkLooks(t, b, dir, "soon-statement")
	})

	t.Run("Size200Black", func(t *testing.T) {
		b := browser.For(t)
		visit(b, url, "10103001857", "demo2026")
		b.ClickText("Версия для слабовидящих")
		b.ClickText("200 %")
		b.ClickText("Белым по чёрному")
		b.Open(url + accountPath(d.ivanov, ""))
		wantHTML(t, b, "200", "black", "on")
		if !strings.Contains(b.Text(".balance-label"), "Задолженность перед") {
			t.Error("no debt shown")
		}
		checkLooks(t, b, dir, "home-200-black")
		b.Open(url + accountPath(d.ivanov, "payments"))
		checkLooks(t, b, dir, "payments-200-black")
		b.Open(url + "/notifications")
		checkLooks(t, b, dir, "notifications-200-black")
		unfoldSettings(t, b)
		b.ClickText("Обычная версия")
	})

	t.Run("BlueImagesOff", func(t *testing.T) {
		b := browser.For(t)
		visit(b, url, "ИЭСБК0077001", "demo2026")
		// The settings page itself, and every setting chosen: the subtest
		// does not lean on the one before having left the version.
		b.Open(url + "/a11y?return=/")
		b.ClickText("150 %")
		b.ClickText("Синим по голубому")
		b.ClickText("Скрыть")
		b.Open(url + "/")
		wantHTML(t, b, "150", "blue", "off")
		wantText(t, b, ".balance-label", "Задолженность перед ООО «Демо-Энергосбыт»")
		checkLooks(t, b, dir, "home-150-blue-noimg")
	})
}
