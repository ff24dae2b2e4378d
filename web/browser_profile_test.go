package web

import (
	"testing"

	"kabinet"
	"kabinet/browsertest"
)

// The journey of «Личные данные» (DATA-1..3): sign in, link a second
// account by its owner's surname, switch to it from the header, see its
// data, unlink it; with axe-core and screenshots at 360 px on the way,
// in the ordinary version and the version for the visually impaired.
func TestBrowserProfile(t *testing.T) {
	url, p := startAuthPortal(t) // ИЭСБК0041300 Петрова, not registered
	power := &kabinet.Provider{Code: "IES", Name: "ООО «Иркутскэнергосбыт»", Services: []kabinet.Service{kabinet.ServiceElectricity}}
	heat := &kabinet.Provider{Code: "BEK", Name: "ООО «Байкальская энергетическая компания»",
		Services: []kabinet.Service{kabinet.ServiceHeat}}
	for _, pr := range []*kabinet.Provider{heat, power} {
		if err := p.db.CreateProvider(t.Context(), pr); err != nil {
			t.Fatal(err)
		}
	}
	p.registered(t, "10103001857", "Иванов", "Байкал-2026-омуль", "ivanov@example.ru",
		&kabinet.SubAccount{ProviderID: heat.ID, Number: "10103001857", Services: heat.Services},
		&kabinet.SubAccount{ProviderID: power.ID, Number: "КАКЕ00090621", Services: power.Services})
	dir := shotDir(t)
	b := browsertest.New(t).For(t)

	visit(b, url, "10103001857", "Байкал-2026-омуль")
	b.ClickText("Личные данные")
	wantText(t, b, "h1", "Личные данные")
	noSmallTargets(t, b)
	checkLooks(t, b, dir, "profile")

	// Name the account; a name too long is refused beside the field.
	b.FillByLabel("Наименование счета", "Квартира на Байкальской, где живут родители")
	b.ClickText("Сохранить")
	wantText(t, b, "#name-error", "Наименование не может быть длиннее 40 символов.")
	checkLooks(t, b, dir, "profile-name-error")
	b.FillByLabel("Наименование счета", "Квартира")
	b.ClickText("Сохранить")
	wantText(t, b, ".account-switch a[aria-current=true]", "Квартира 10103001857")

	// Link the second account with a wrong surname, then the right one.
	Eval(t, b, `document.querySelector(".link-add summary").click()`)
	b.FillByLabel("Номер лицевого счета / договора", "ИЭСБК0041300")
	b.FillByLabel("Фамилия / пароль", "Иванова")
	b.ClickText("Добавить")
	wantText(t, b, ".link-add .notice-error", "Неверный номер лицевого счета или фамилия / пароль.")
	checkLooks(t, b, dir, "profile-link-refused")
	b.FillByLabel("Фамилия / пароль", "Петрова")
	b.ClickText("Добавить")
	wantText(t, b, "main > .notice-success", "Лицевой счет привязан. Переключаться между счетами можно вверху страницы.")
	noSmallTargets(t, b)
	checkLooks(t, b, dir, "profile-linked")

	// One click in the header: the other account's «Личные данные».
	b.ClickText("ИЭСБК0041300")
	wantText(t, b, "h1", "Личные данные")
	wantText(t, b, ".owner-name", "Петрова Анна Сергеевна")
	wantText(t, b, ".account-switch a[aria-current=true]", "ИЭСБК0041300")

	// The same page in the version for the visually impaired.
	b.ClickText("Версия для слабовидящих")
	b.ClickText("200 %")
	b.ClickText("Белым по чёрному")
	wantHTML(t, b, "200", "black", "on")
	wantText(t, b, "h1", "Личные данные")
	checkLooks(t, b, dir, "profile-200-black")
	b.ClickText("Синим по голубому")
	b.ClickText("150 %")
	checkLooks(t, b, dir, "profile-150-blue")
	b.ClickText("Обычная версия")

	// Unlink it, after being asked.
	b.ClickText("Отвязать ИЭСБК0041300")
	wantText(t, b, "h1", "Отвязать лицевой счет")
	checkLooks(t, b, dir, "unlink")
	b.ClickText("Отвязать")
	wantText(t, b, "main > .notice-success", "Лицевой счет отвязан.")
	wantText(t, b, ".owner-name", "Иванов Анна Сергеевна")
	if n := b.Count(".account-switch a"); n != 1 {
		t.Errorf("%d accounts in the switcher after unlinking, want 1", n)
	}
}

// Eval runs a script that needs no answer, such as a click that opens a
// disclosure without loading a page.
func Eval(t *testing.T, b *browsertest.Browser, script string) {
	t.Helper()
	browsertest.Eval[any](b, "("+script+", null)")
}
