package main

import (
	"os"
	"strings"
	"testing"

	"kabinet/browsertest"
	"kabinet/demo"
	"kabinet/sqlstore/sqlstoretest"
	"kabinet/totp"
)

// demoCode is a demo operator's TOTP code d steps from now by m's clock,
// as their authenticator app shows it.
func demoCode(t *testing.T, m *Main, login string, d int64) string {
	t.Helper()
	for _, o := range demo.Operators() {
		if o.Login == login {
			key, err := totp.Decode(o.TOTPSecret)
			if err != nil {
				t.Fatal(err)
			}
			return totp.Code(key, totp.Step(m.app.Calendar.Now())+d, totp.Digits)
		}
	}
	t.Fatalf("no demo operator %q", login)
	return ""
}

func officeSignIn(b *browsertest.Browser, login, code string) {
	pw := map[string]string{}
	for _, o := range demo.Operators() {
		pw[o.Login] = o.Password
	}
	b.FillByLabel("Логин", login)
	b.FillByLabel("Пароль", pw[login])
	b.FillByLabel("Код подтверждения", code)
	b.ClickText("Войти")
}

// TestBrowserOffice is the back office's journey on the whole program and
// its demo world: the operator signs in with password and TOTP (a wrong
// code and a used one are refused), looks up the demo account, sees its
// readings and payments; the admin reads the view in the audit log.
func TestBrowserOffice(t *testing.T) {
	m := MustRunMain(t, sqlstoretest.SQLiteDSN(t))
	browser := browsertest.New(t)
	dir := os.Getenv("KABINET_SHOTS")
	if dir == "" {
		dir = t.TempDir()
	}
	const refusal = "Неверный логин, пароль или код подтверждения."

	op := browser.For(t)
	op.Open(m.URL() + "/office/")
	if got := op.Text("h1"); got != "Вход для операторов" {
		t.Fatalf("h1 = %q", got)
	}
	op.CheckLooks(t, dir, "office-login")
	officeSignIn(op, "operator", demoCode(t, m, "operator", 5))
	if got := op.Text(".notice-error"); got != refusal {
		t.Fatalf("a wrong code: notice %q", got)
	}
	code := demoCode(t, m, "operator", 0)
	officeSignIn(op, "operator", code)
	if got := op.Text("h1"); got != "Лицевые счета" {
		t.Fatalf("after sign-in: h1 = %q, notice %q", got, op.Text("main"))
	}

	// The same code again, typed into the sign-in form: refused, though
	// it is still the current one (or the one before).
	op.Open(m.URL() + "/office/login")
	officeSignIn(op, "operator", code)
	if got := op.Text(".notice-error"); got != refusal {
		t.Errorf("a used code: notice %q", got)
	}
	op.Open(m.URL() + "/office/accounts")
	op.FillByLabel("Номер лицевого счета, фамилия или адрес", "101 030 018 57")
	op.ClickText("Найти")
	op.CheckLooks(t, dir, "office-accounts")
	op.ClickText("10103001857")
	if got := op.Text("h1"); !strings.Contains(got, "10103001857") {
		t.Fatalf("account page h1 = %q", got)
	}
	main := op.Text("main")
	for _, want := range []string{"Иванов Иван Иванович", "ivanov@example.ru", "Приборы учета и показания", "Оплата"} {
		if !strings.Contains(main, want) {
			t.Errorf("the account page lacks %q", want)
		}
	}
	if n := op.Count(".readings-table tbody tr"); n == 0 {
		t.Error("no readings on the account page")
	}
	if n := op.Count(".ledger-table tbody tr"); n == 0 {
		t.Error("no ledger entries on the account page")
	}
	op.CheckLooks(t, dir, "office-account")
	op.Open(m.URL() + "/office/audit")
	if got := op.Text("h1"); got != "Доступ запрещён" {
		t.Errorf("an operator on the audit log: h1 = %q", got)
	}

	admin := browsertest.New(t) // a browser of its own
	admin.Open(m.URL() + "/office/login")
	officeSignIn(admin, "admin", demoCode(t, m, "admin", 0))
	admin.ClickText("Журнал аудита")
	admin.FillByLabel("Лицевой счет", "10103001857")
	admin.ClickText("Показать")
	rows := browsertest.Eval[[]string](admin, `[...document.querySelectorAll(".audit-table tbody tr")].map(r => r.textContent.replace(/\s+/g, " ").trim())`)
	if len(rows) != 1 || !strings.Contains(rows[0], "operator") || !strings.Contains(rows[0], "Просмотр лицевого счета") {
		t.Errorf("the audit log of 10103001857: %q", rows)
	}
	admin.CheckLooks(t, dir, "office-audit")
}
