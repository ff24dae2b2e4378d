package main

import (
	"os"
	"strings"
	"testing"
	"time"

	"kabinet/browsertest"
	"kabinet/sqlstore/sqlstoretest"
)

// TestBrowserBroadcast is a broadcast's journey on the whole program: the
// admin signs in with password and TOTP, writes a broadcast to the demo
// customer's district, sees how many accounts it reaches, sends it and
// watches the progress reach the end; the customer's bell then shows it.
func TestBrowserBroadcast(t *testing.T) {
	m := MustRunMain(t, sqlstoretest.SQLiteDSN(t))
	browser := browsertest.New(t)
	dir := os.Getenv("KABINET_SHOTS")
	if dir == "" {
		dir = t.TempDir()
	}
	admin := browser.For(t)
	admin.Open(m.URL() + "/office/login")
	officeSignIn(admin, "admin", demoCode(t, m, "admin", 0))
	admin.ClickText("Рассылки")
	admin.FillByLabel("Заголовок *", "Плановое отключение")
	admin.FillByLabel("Текст *", "Завтра с 10:00 до 12:00 в Кировском округе не будет электричества.")
	admin.Check("Клиентам района")
	admin.SelectByLabel("Район", "Кировский округ")
	admin.CheckLooks(t, dir, "office-broadcasts")
	admin.ClickText("Проверить получателей")
	total := admin.Text("#broadcast-total")
	if total == "" || total == "0" {
		t.Fatalf("preview: %q recipients; page %q", total, admin.Text("main"))
	}
	admin.CheckLooks(t, dir, "office-broadcast-preview")
	admin.ClickText("Отправить")
	for range 60 {
		if admin.Count("#broadcast-done") == 1 {
			break
		}
		time.Sleep(500 * time.Millisecond)
		admin.Open(admin.URL())
	}
	if got := admin.Text("#broadcast-done"); !strings.HasPrefix(got, "Рассылка отправлена") {
		t.Fatalf("the broadcast did not finish: %q", admin.Text("main"))
	}
	if got := admin.Text("#broadcast-informed"); got == "0" || got == "" {
		t.Errorf("informed = %q", got)
	}
	admin.CheckLooks(t, dir, "office-broadcast-progress")

	customer := browsertest.New(t)
	customer.Open(m.URL() + "/")
	customer.FillByLabel("Номер лицевого счета / договора", "10103001857")
	customer.FillByLabel("Фамилия / пароль", "demo2026")
	customer.ClickText("Войти")
	if n := customer.Count(".bell-count"); n != 1 {
		t.Errorf("the bell shows no unread notification")
	}
	customer.Open(m.URL() + "/notifications")
	if got := customer.Text("main"); !strings.Contains(got, "Плановое отключение") {
		t.Errorf("the bell's history lacks the broadcast: %q", got)
	}
}
