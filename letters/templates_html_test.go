package letters_test

import (
	"strings"
	"testing"

	"kabinet/letters"
	"kabinet/web/htmltest"
)

// links maps the visible text of each <a> in page to its href.
func links(tb testing.TB, page string) map[string]string {
	tb.Helper()
	found := map[string]string{}
	for _, a := range htmltest.Parse(tb, []byte(page)).Find("a") {
		href, _ := htmltest.Attr(a, "href")
		found[htmltest.Text(a)] = href
	}
	return found
}

func TestRenderHTML(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		l := golden["confirm_email"].(letters.ConfirmEmail)
		m := MustRender(t, l)
		doc := htmltest.Parse(t, []byte(m.HTML))
		if lang, _ := htmltest.Attr(doc.One("html"), "lang"); lang != "ru" {
			t.Errorf("lang = %q, want ru", lang)
		}
		if got := doc.Text("title"); got != m.Subject {
			t.Errorf("title = %q, want the subject %q", got, m.Subject)
		}
		if got := links(t, m.HTML)["Подтвердить регистрацию"]; got != l.Link {
			t.Errorf("button href = %q, want %q", got, l.Link)
		}
		if !strings.Contains(doc.Text("main"), "№ "+l.AccountNumber) {
			t.Errorf("the letter does not name account %s", l.AccountNumber)
		}
	})
	t.Run("EscapesHostileValues", func(t *testing.T) {
		m := MustRender(t, letters.Notice{
			SupplierName: `<script>alert(1)</script>`, Title: "Т",
			Body: `<img src=x onerror=alert(1)>`, Link: "javascript:alert(1)",
		})
		for _, bad := range []string{"<script>", "<img", `href="javascript:`} {
			if strings.Contains(m.HTML, bad) {
				t.Errorf("HTML contains %q unescaped:\n%s", bad, m.HTML)
			}
		}
		if got := links(t, m.HTML)["Открыть личный кабинет"]; got != "#ZgotmplZ" {
			t.Errorf("javascript: link became %q, want html/template's #ZgotmplZ", got)
		}
	})
	t.Run("NoticeUnsubscribe", func(t *testing.T) {
		n := golden["notice"].(letters.Notice)
		if m := MustRender(t, n); m.Unsubscribe != n.Unsubscribe {
			t.Errorf("Unsubscribe = %q, want %q", m.Unsubscribe, n.Unsubscribe)
		}
		if m := MustRender(t, golden["confirm_email"]); m.Unsubscribe != "" {
			t.Errorf("a transactional letter has List-Unsubscribe %q", m.Unsubscribe)
		}
	})
	t.Run("SubjectOnOneLine", func(t *testing.T) {
		m := MustRender(t, letters.Notice{SupplierName: "С", Title: "Первая\r\nBcc: x@example.ru", Body: "т"})
		if m.Subject != "Первая Bcc: x@example.ru" {
			t.Errorf("Subject = %q, want the line breaks collapsed", m.Subject)
		}
	})
}
