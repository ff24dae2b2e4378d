package web

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"golang.org/x/net/html"

	"kabinet"
	"kabinet/web/htmltest"
)

func TestServicesPanel(t *testing.T) {
	d := newDemoPortal(t, "http://portal.test")
	a := d.signedIn(t, "10103001857")
	ctx := context.Background()
	home := accountPath(d.ivanov, "")
	action := accountPath(d.ivanov, "services")

	t.Run("DefaultsFromTheAccount", func(t *testing.T) {
		doc := a.doc()
		doc.One(`form[action="` + action + `"][method=post]`)
		wantValue(t, doc.One("#phone"), "+7 (950) 123-45-67")
		wantValue(t, doc.One("#email"), "ivanov@example.ru")
		doc.One("#bill_paper[checked]")
		if doc.Has("#sms[checked]") || doc.Has("#push[checked]") {
			t.Error("services ticked that nobody chose")
		}
		for _, rest := range []string{"specialist", "statement", "documents"} {
			doc.One(`.service-links a[href="` + accountPath(d.ivanov, rest) + `"]`)
			wantStatus(t, a.get(accountPath(d.ivanov, rest)), http.StatusOK)
			a.doc().One(`main a[href="` + home + `"]`)
		}
	})

	t.Run("ErrInvalidKeepsInputAndSavesNothing", func(t *testing.T) {
		w := a.post(action, url.Values{"sms": {"on"}, "phone": {"8 (301) 12"}, "bill_email": {"on"}, "email": {"ivanov@"}, "push": {"on"}})
		wantStatus(t, w, http.StatusUnprocessableEntity)
		doc := a.doc()
		if got := doc.Text("#phone-error"); got != "Укажите российский номер: 10 цифр после +7 или 8, например +7 950 123-45-67." {
			t.Errorf("phone error = %q", got)
		}
		if got := doc.Text("#email-error"); got != "Укажите адрес электронной почты, например ivanov@mail.ru." {
			t.Errorf("email error = %q", got)
		}
		wantValue(t, doc.One("#phone"), "8 (301) 12")
		wantValue(t, doc.One("#email"), "ivanov@")
		doc.One("#sms[checked]")
		doc.One("#push[checked]")
		doc.One("#bill_email[checked]")
		doc.One(`#phone[aria-invalid=true]`)
		if _, err := d.db.FindServiceSettings(ctx, d.ivanov.ID); kabinet.ErrorCode(err) != kabinet.ENOTFOUND {
			t.Errorf("a refused form saved something: %v", err)
		}
	})

	t.Run("ErrNoWayToGetTheBill", func(t *testing.T) {
		wantStatus(t, a.post(action, url.Values{"phone": {""}, "email": {""}}), http.StatusUnprocessableEntity)
		if got := a.doc().Text("#bill-error"); got != "Выберите хотя бы один способ получения счета: на дом или по e-mail." {
			t.Errorf("bill error = %q", got)
		}
	})

	t.Run("SaveAllAtOnce", func(t *testing.T) {
		w := a.post(action, url.Values{"sms": {"on"}, "phone": {"+7 902 555-00-11"}, "email_info": {"on"},
			"bill_email": {"on"}, "email": {"Ivanov@Example.ru "}})
		wantStatus(t, w, http.StatusSeeOther)
		if got := w.Header().Get("Location"); got != home+"#services" {
			t.Fatalf("Location = %q", got)
		}
		a.get(home)
		doc := a.doc()
		if got := doc.Text(".notice-success"); got != "Изменения сохранены." {
			t.Errorf("flash = %q", got)
		}
		doc.One("#sms[checked]")
		doc.One("#email_info[checked]")
		doc.One("#bill_email[checked]")
		if doc.Has("#bill_paper[checked]") || doc.Has("#push[checked]") {
			t.Error("unticked services still ticked")
		}
		wantValue(t, doc.One("#phone"), "+7 (902) 555-00-11")
		wantValue(t, doc.One("#email"), "ivanov@example.ru")
		if got := doc.Text(".saved-at"); got != "Сохранено 02.12.2026 в 18:00" {
			t.Errorf("saved at = %q", got)
		}
	})

	t.Run("ChangeLogForTheBilling", func(t *testing.T) {
		cs, err := d.db.FindServiceChanges(ctx, d.ivanov.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := []kabinet.ServiceChange{
			{Field: "sms", Old: "false", New: "true"},
			{Field: "phone", Old: "79501234567", New: "79025550011"},
			{Field: "email_info", Old: "false", New: "true"},
			{Field: "bill_paper", Old: "true", New: "false"},
			{Field: "bill_email", Old: "false", New: "true"},
		}
		if len(cs) != len(want) {
			t.Fatalf("logged %+v, want %+v", cs, want)
		}
		owner, _ := d.db.FindOwner(ctx, d.ivanov.ID)
		for i, c := range cs {
			if c.Field != want[i].Field || c.Old != want[i].Old || c.New != want[i].New ||
				c.Source != "web" || c.UserID != owner.ID || !c.ChangedAt.Equal(d.clock.Now()) {
				t.Errorf("change %d = %+v, want %+v from the web by user %d", i, c, want[i], owner.ID)
			}
		}
	})

	t.Run("SameAgainChangesNothing", func(t *testing.T) {
		a.post(action, url.Values{"sms": {"on"}, "phone": {"+79025550011"}, "email_info": {"on"},
			"bill_email": {"on"}, "email": {"ivanov@example.ru"}})
		a.get(home)
		if got := a.doc().Text(".notice-success"); got != "Изменений нет: настройки остались прежними." {
			t.Errorf("flash = %q", got)
		}
		if cs, _ := d.db.FindServiceChanges(ctx, d.ivanov.ID); len(cs) != 5 {
			t.Errorf("%d changes logged, want still 5", len(cs))
		}
	})

	t.Run("ErrOtherAccount", func(t *testing.T) {
		wantStatus(t, a.post(accountPath(d.kuznetsova, "services"), url.Values{"bill_paper": {"on"}}), http.StatusNotFound)
	})
}

func TestNotificationBell(t *testing.T) {
	d := newDemoPortal(t, "http://portal.test")
	a := d.signedIn(t, "10103001857")
	ctx := context.Background()
	if a.doc().Has(".bell-count") {
		t.Fatal("a count on the bell with no notifications")
	}
	a.doc().One(`header nav a.bell[href="/notifications"]`)
	owner, _ := d.db.FindOwner(ctx, d.ivanov.ID)
	for _, title := range []string{"Счет за ноябрь готов", "Передайте показания до 25 декабря"} {
		if err := d.home.Notify(ctx, &kabinet.Notification{UserID: owner.ID, AccountID: d.ivanov.ID, Title: title,
			Link: accountPath(d.ivanov, "")}); err != nil {
			t.Fatal(err)
		}
	}
	a.get(accountPath(d.ivanov, ""))
	if got := a.doc().Text(".bell-count"); got != "2 непрочитанных" {
		t.Errorf("bell = %q", got)
	}
	wantStatus(t, a.get("/notifications"), http.StatusOK)
	doc := a.doc()
	if got := doc.Find(".notification-new"); len(got) != 2 {
		t.Errorf("%d new notifications listed, want 2", len(got))
	}
	if got := htmltest.Text(doc.Find(".notification-title")[0]); got != "Передайте показания до 25 декабря" {
		t.Errorf("newest = %q", got)
	}
	if doc.Has(".bell-count") {
		t.Error("the history page still counts what it shows as unread")
	}
	a.get("/notifications")
	if a.doc().Has(".notification-new") {
		t.Error("notifications still new after they were seen")
	}
	t.Run("StrangerSignsIn", func(t *testing.T) {
		w := newAgent(t, d.Handler()).get("/notifications")
		wantStatus(t, w, http.StatusSeeOther)
	})
}

// wantValue fails unless an input holds want.
func wantValue(t *testing.T, n *html.Node, want string) {
	t.Helper()
	if got, _ := htmltest.Attr(n, "value"); got != want {
		t.Errorf("#%s value = %q, want %q", idOf(n), got, want)
	}
}

func idOf(n *html.Node) string {
	id, _ := htmltest.Attr(n, "id")
	return id
}
