package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"kabinet"
	"kabinet/requests"
	"kabinet/web/htmltest"
)

// Linking an account another person registered asks her; she sees who
// asks and who reaches her account, approves, and revokes. The person she
// let in sees her charges, not her contacts nor what she sent.
func TestLinkNeedsConsent(t *testing.T) {
	w := newProfileWorld(t)
	hers := w.p.registered(t, "ЕТСОО204646", "Петрова", "Ангара-2026-хариус", "petrova@example.ru")
	up := w.p.requests.NewUpload()
	if err := up.Add(context.Background(), "паспорт.pdf", strings.NewReader("%PDF-1.4 паспорт")); err != nil {
		t.Fatal(err)
	}
	owner, err := w.p.db.FindOwner(context.Background(), hers.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.p.requests.Documents(context.Background(), requests.Sender{Account: hers, User: owner},
		requests.DocumentsForm{Topic: "Смена собственника"}, up); err != nil {
		t.Fatal(err)
	}
	herPath := accountPath(hers, "")
	her := newAgent(t, w.p.Handler())
	her.post("/login", url.Values{"account": {"ЕТСОО204646"}, "secret": {"Ангара-2026-хариус"}})

	res := w.customer.post(w.ownPath+"profile/links", url.Values{"account": {"ЕТСОО204646"}, "secret": {"Петрова"}})
	d := doc(t, w.customer.follow(res, w.ownPath+"profile"))
	if got := d.Text("main > .notice-success"); !strings.HasPrefix(got, "Владельцу лицевого счета отправлен запрос.") {
		t.Errorf("flash = %q", got)
	}
	wantStatus(t, w.customer.get(herPath), http.StatusNotFound)
	if d.Has(".access-item") {
		t.Error("he sees the access list of his own account with nobody in it")
	}

	d = doc(t, her.get(herPath+"profile"))
	if got := d.Text(".access-pending .access-who"); got != kabinet.MaskEmail("ivanov@example.ru") {
		t.Fatalf("pending request = %q", got)
	}
	approve, _ := htmltest.Attr(d.Find(".access-pending form")[0], "action")
	her.follow(her.post(approve, url.Values{}), herPath+"profile")
	wantStatus(t, w.customer.get(herPath), http.StatusOK)

	t.Run("LinkedSeesNoContactsNorDocuments", func(t *testing.T) {
		d := doc(t, w.customer.get(herPath))
		if d.Has("#phone") || d.Has("#email") || !d.Has(".services-owner-only") {
			t.Error("the services panel shows the owner's contacts to a linked person")
		}
		d = doc(t, w.customer.get(herPath+"statement"))
		if d.Has("#email") {
			t.Error("the statement form shows the owner's e-mail")
		}
		body := w.customer.get(herPath + "requests").Body.String()
		if strings.Contains(body, "паспорт.pdf") {
			t.Error("«Мои обращения» shows the owner's documents to a linked person")
		}
		if strings.Contains(body, "petrova@example.ru") {
			t.Error("the owner's e-mail is shown to a linked person")
		}
		wantStatus(t, w.customer.post(herPath+"services", url.Values{"email": {"thief@example.ru"}}), http.StatusForbidden)
	})
	t.Run("StatementGoesToTheEmailOnFile", func(t *testing.T) {
		res := w.customer.post(herPath+"statement", url.Values{"full_name": {"Петрова Анна"}, "address": {"г. Иркутск"},
			"service": {"electricity"}, "from": {"2026-01-01"}, "to": {"2026-11-01"}, "email": {"thief@example.ru"}})
		if res.Code >= 500 {
			t.Fatalf("statement: %d", res.Code)
		}
		ms, err := w.p.db.FindMessages(context.Background(), kabinet.ChannelEmail, 10)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range ms {
			if m.Recipient == "thief@example.ru" {
				t.Fatal("a statement went to the address a linked person typed")
			}
		}
	})
	t.Run("Revoke", func(t *testing.T) {
		d := doc(t, her.get(herPath+"profile"))
		revoke, _ := htmltest.Attr(d.One(".access-item form"), "action")
		her.follow(her.post(revoke, url.Values{}), herPath+"profile")
		wantStatus(t, w.customer.get(herPath), http.StatusNotFound)
	})
}
