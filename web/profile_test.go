package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"kabinet"
	"kabinet/web/htmltest"
)

// profileWorld is a customer whose account has two providers, and a second
// account, not registered, that the customer can link with its surname.
type profileWorld struct {
	p          *portal
	own, dacha *kabinet.Account
	ownPath    string // /a/{own}/
	dachaPath  string
	customer   *agent
}

func newProfileWorld(t *testing.T) *profileWorld {
	t.Helper()
	p := newPortal(t, "http://portal.test", Config{})
	heat := &kabinet.Provider{Code: "BEK", Name: "ООО «Байкальская энергетическая компания»", Services: []kabinet.Service{kabinet.ServiceHeat}}
	power := &kabinet.Provider{Code: "IES", Name: "ООО «Иркутскэнергосбыт»", Services: []kabinet.Service{kabinet.ServiceElectricity}}
	for _, pr := range []*kabinet.Provider{heat, power} {
		if err := p.db.CreateProvider(context.Background(), pr); err != nil {
			t.Fatal(err)
		}
	}
	w := &profileWorld{p: p}
	w.own = p.registered(t, "10103001857", "Иванов", "Байкал-2026-омуль", "ivanov@example.ru",
		&kabinet.SubAccount{ProviderID: heat.ID, Number: "10103001857", Services: heat.Services},
		&kabinet.SubAccount{ProviderID: power.ID, Number: "КАКЕ00090621", Services: power.Services})
	w.dacha = p.account(t, "ИЭСБК0041300", "Петрова")
	w.ownPath, w.dachaPath = accountPath(w.own, ""), accountPath(w.dacha, "")
	w.customer = newAgent(t, p.Handler())
	w.customer.post("/login", url.Values{"account": {"10103001857"}, "secret": {"Байкал-2026-омуль"}})
	return w
}

// link links the dacha with its owner's surname.
func (w *profileWorld) link(t *testing.T) {
	t.Helper()
	res := w.customer.post(w.ownPath+"profile/links", url.Values{"account": {"ИЭСБК0041300"}, "secret": {"Петрова"}})
	w.customer.follow(res, w.ownPath+"profile")
}

func TestProfileShowsTheAccount(t *testing.T) {
	w := newProfileWorld(t)
	res := w.customer.get(w.ownPath + "profile")
	wantStatus(t, res, http.StatusOK)
	d := doc(t, res)
	for sel, want := range map[string]string{
		"h1":                             "Личные данные",
		".owner-name":                    "Иванов Анна Сергеевна",
		".owner-address":                 "г. Иркутск, ул. Байкальская, д. 202, кв. 45",
		".profile-facts .account-number": "10103001857",
		"label[for=name]":                "Наименование счета",
	} {
		if got := d.Text(sel); got != want {
			t.Errorf("%s = %q, want %q", sel, got, want)
		}
	}
	holdings := d.Find(".holding")
	if len(holdings) != 2 {
		t.Fatalf("%d holdings, want 2", len(holdings))
	}
	if got := htmltest.Text(holdings[1]); got != "Лицевой счет: КАКЕ00090621 (Электроэнергия) ООО «Иркутскэнергосбыт»" {
		t.Errorf("second holding = %q", got)
	}
	// One account: the switcher names it, the list cannot unlink it.
	if got := d.Text(`.account-switch a[aria-current=true]`); got != "10103001857" {
		t.Errorf("switcher = %q", got)
	}
	if d.Has(`a[href$="/unlink"]`) {
		t.Error("the registered account offers unlinking")
	}
}

func TestAccountName(t *testing.T) {
	w := newProfileWorld(t)
	long := strings.Repeat("Дача ", 9)
	res := w.customer.post(w.ownPath+"profile/name", url.Values{"name": {long}})
	wantStatus(t, res, http.StatusUnprocessableEntity)
	d := doc(t, res)
	if got := d.Text("#name-error"); got != "Наименование не может быть длиннее 40 символов." {
		t.Errorf("name error = %q", got)
	}
	if v, _ := htmltest.Attr(d.One("#name"), "value"); v != long {
		t.Errorf("typed name not kept: %q", v)
	}

	res = w.customer.follow(w.customer.post(w.ownPath+"profile/name", url.Values{"name": {"  Квартира  "}}), w.ownPath+"profile")
	d = doc(t, res)
	if got := d.Text("main > .notice-success"); got != "Наименование счета сохранено." {
		t.Errorf("flash = %q", got)
	}
	if v, _ := htmltest.Attr(d.One("#name"), "value"); v != "Квартира" {
		t.Errorf("saved name = %q", v)
	}
	if got := d.Text(`.account-switch a[aria-current=true]`); got != "Квартира 10103001857" {
		t.Errorf("switcher = %q", got)
	}
}

func TestLinkAndSwitch(t *testing.T) {
	w := newProfileWorld(t)
	wantStatus(t, w.customer.get(w.dachaPath), http.StatusNotFound)

	t.Run("RefusedKeepsTheNumber", func(t *testing.T) {
		res := w.customer.post(w.ownPath+"profile/links", url.Values{"account": {"ИЭСБК0041300"}, "secret": {"Иванова"}})
		wantStatus(t, res, http.StatusUnprocessableEntity)
		d := doc(t, res)
		if got := d.Text(".link-add .notice-error"); got != "Неверный номер лицевого счета или фамилия / пароль." {
			t.Errorf("notice = %q", got)
		}
		if v, _ := htmltest.Attr(d.One("#link-account"), "value"); v != "ИЭСБК0041300" {
			t.Errorf("number not kept: %q", v)
		}
		if v, _ := htmltest.Attr(d.One("#link-secret"), "value"); v != "" {
			t.Errorf("secret echoed: %q", v)
		}
		if _, open := htmltest.Attr(d.One("details.link-add"), "open"); !open {
			t.Error("the refused form is folded away")
		}
	})
	t.Run("EmptyFields", func(t *testing.T) {
		res := w.customer.post(w.ownPath+"profile/links", url.Values{})
		wantStatus(t, res, http.StatusUnprocessableEntity)
		d := doc(t, res)
		d.One("#link-account-error")
		d.One("#link-secret-error")
	})
	t.Run("Linked", func(t *testing.T) {
		w.link(t)
		d := w.customer.doc()
		if got := d.Text("main > .notice-success"); !strings.HasPrefix(got, "Лицевой счет привязан.") {
			t.Errorf("flash = %q", got)
		}
		d.One(`.links-list a[href="` + w.dachaPath + `unlink"]`)
		// The switcher keeps the section: from «Личные данные» to the
		// dacha's «Личные данные».
		d.One(`.account-switch a[href="` + w.dachaPath + `profile"]`)
	})
	t.Run("SwitchKeepsTheSection", func(t *testing.T) {
		d := doc(t, w.customer.get(w.ownPath))
		d.One(`.account-switch a[href="` + w.dachaPath + `"]`)
		d = doc(t, w.customer.get(w.ownPath+"readings"))
		d.One(`.account-switch a[href="` + w.dachaPath + `readings"]`)
		d = doc(t, w.customer.get(w.ownPath+"unlink"))
		d.One(`.account-switch a[href="` + w.dachaPath + `"]`)
	})
	t.Run("SeesTheLinkedAccount", func(t *testing.T) {
		res := w.customer.get(w.dachaPath + "profile")
		wantStatus(t, res, http.StatusOK)
		d := doc(t, res)
		if got := d.Text(".owner-name"); got != "Петрова Анна Сергеевна" {
			t.Errorf("owner = %q", got)
		}
		if got := d.Text(`.account-switch a[aria-current=true]`); got != "ИЭСБК0041300" {
			t.Errorf("current in switcher = %q", got)
		}
		if got := d.Text(`header nav a[aria-current=page]`); got != "Личные данные" {
			t.Errorf("nav current = %q", got)
		}
	})
	t.Run("ErrLinkedTwice", func(t *testing.T) {
		res := w.customer.post(w.dachaPath+"profile/links", url.Values{"account": {"ИЭСБК0041300"}, "secret": {"Петрова"}})
		wantStatus(t, res, http.StatusUnprocessableEntity)
		if got := doc(t, res).Text(".link-add .notice-error"); got != "Этот лицевой счет уже есть в вашем личном кабинете." {
			t.Errorf("notice = %q", got)
		}
	})
}

func TestUnlink(t *testing.T) {
	w := newProfileWorld(t)
	w.link(t)

	t.Run("RegisteredStays", func(t *testing.T) {
		res := w.customer.get(w.ownPath + "unlink")
		wantStatus(t, res, http.StatusOK)
		if doc(t, res).Has("main form") {
			t.Error("the registered account offers an unlink form")
		}
		wantStatus(t, w.customer.post(w.ownPath+"unlink", url.Values{}), http.StatusConflict)
	})
	t.Run("AsksFirst", func(t *testing.T) {
		res := w.customer.get(w.dachaPath + "unlink")
		wantStatus(t, res, http.StatusOK)
		d := doc(t, res)
		d.One(`main form[method=post][action="` + w.dachaPath + `unlink"] button`)
		d.One(`main a[href="` + w.dachaPath + `profile"]`)
		wantStatus(t, w.customer.get(w.dachaPath), http.StatusOK) // asking changed nothing
	})
	t.Run("Unlinked", func(t *testing.T) {
		res := w.customer.follow(w.customer.post(w.dachaPath+"unlink", url.Values{}), w.ownPath+"profile")
		d := doc(t, res)
		if got := d.Text("main > .notice-success"); got != "Лицевой счет отвязан." {
			t.Errorf("flash = %q", got)
		}
		if d.Has(`a[href^="` + w.dachaPath + `"]`) {
			t.Error("the unlinked account is still listed")
		}
		wantStatus(t, w.customer.get(w.dachaPath), http.StatusNotFound)
		wantStatus(t, w.customer.post(w.dachaPath+"unlink", url.Values{}), http.StatusNotFound)
	})
}

// Linking is counted with the sign-in: ten wrong surnames lock the account
// out, and the answer reads like any other refusal's.
func TestLinkLockedOut(t *testing.T) {
	w := newProfileWorld(t)
	var statuses []int
	for range 11 {
		res := w.customer.post(w.ownPath+"profile/links", url.Values{"account": {"ИЭСБК0041300"}, "secret": {"Сидорова"}})
		statuses = append(statuses, res.Code)
	}
	for i, s := range statuses {
		if s != http.StatusUnprocessableEntity {
			t.Errorf("attempt %d: status %d", i+1, s)
		}
	}
	res := w.customer.post(w.ownPath+"profile/links", url.Values{"account": {"ИЭСБК0041300"}, "secret": {"Петрова"}})
	wantStatus(t, res, http.StatusUnprocessableEntity)
	if got := doc(t, res).Text(".link-add .notice-error"); !strings.HasPrefix(got, "Слишком много неудачных попыток") {
		t.Errorf("notice = %q", got)
	}
	if got := w.customer.get("/a/" + strconv.FormatInt(w.dacha.ID, 10) + "/").Code; got != http.StatusNotFound {
		t.Errorf("locked-out link went through: %d", got)
	}
}
