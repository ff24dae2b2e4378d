package web

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kabinet"
	"kabinet/web/htmltest"
)

// Files of the accepted kinds, and one that is not: their first bytes
// are what the upload looks at.
var (
	pdfFile = []byte("%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n")
	pngFile = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
	jpgFile = []byte{0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, 'J', 'F', 'I', 'F'}
	tifFile = []byte("II*\x00\x08\x00\x00\x00")
	exeFile = []byte("MZ\x90\x00\x03\x00\x00\x00\x04\x00PE")
)

// upload is one file of a multipart form.
type upload struct {
	name string
	data []byte
}

// postFiles posts fields and files as a browser does: fields first, the
// files under "files".
func postFiles(a *agent, target string, fields url.Values, files ...upload) *httptest.ResponseRecorder {
	a.tb.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for k, vs := range fields {
		for _, v := range vs {
			mw.WriteField(k, v)
		}
	}
	for _, f := range files {
		part, err := mw.CreateFormFile("files", f.name)
		if err != nil {
			a.tb.Fatal(err)
		}
		part.Write(f.data)
	}
	mw.Close()
	r := httptest.NewRequest(http.MethodPost, target, &body)
	r.Header.Set("Content-Type", mw.FormDataContentType())
	r.Header.Set("Sec-Fetch-Site", "same-origin")
	return a.send(r)
}

func TestDocumentsUploads(t *testing.T) {
	d := newDemoPortal(t, "http://portal.test")
	a := d.signedIn(t, "10103001857")
	action := accountPath(d.ivanov, "documents")
	fields := url.Values{"topic": {"Смена собственника"}, "comment": {"Договор купли-продажи"}}
	big := func(n int) []byte {
		return append(append([]byte{}, pdfFile...), bytes.Repeat([]byte{' '}, n-len(pdfFile))...)
	}
	six := make([]upload, 6)
	for i := range six {
		six[i] = upload{"скан.pdf", pdfFile}
	}

	refusals := []struct {
		name  string
		files []upload
		want  string
	}{
		{"ErrPDFRenamedPNG", []upload{{"скан.png", pdfFile}}, "«скан.png» по содержимому — PDF, а не PNG"},
		{"ErrPNGRenamedPDF", []upload{{"скан.pdf", pngFile}}, "«скан.pdf» по содержимому — PNG, а не PDF"},
		{"ErrExecutableRenamedJPG", []upload{{"фото.jpg", exeFile}}, "«фото.jpg» по содержимому не JPEG"},
		{"ErrTooLarge", []upload{{"большой.pdf", big(4<<20 + 1)}}, "«большой.pdf» больше 4 Мб"},
		{"ErrSixFiles", six, "не больше 5 файлов"},
		{"ErrPathTraversal", []upload{{"../../etc/passwd.pdf", pdfFile}}, "Недопустимое имя файла «../../etc/passwd.pdf»"},
		{"ErrBackslashPath", []upload{{`..\..\boot.pdf`, pdfFile}}, "Недопустимое имя файла"},
		{"ErrExtension", []upload{{"программа.exe", exeFile}}, "подходят только файлы PDF, JPG, JPEG, PNG, TIF, TIFF"},
		{"ErrNoFiles", nil, "Прикрепите хотя бы один скан документа."},
	}
	for _, c := range refusals {
		t.Run(c.name, func(t *testing.T) {
			w := postFiles(a, action, fields, c.files...)
			wantStatus(t, w, http.StatusUnprocessableEntity)
			doc := a.doc()
			if got := doc.Text("#files-error"); !strings.Contains(got, c.want) {
				t.Errorf("error = %q, want %q", got, c.want)
			}
			if got := doc.Text("#comment"); got != "Договор купли-продажи" {
				t.Errorf("comment not kept: %q", got)
			}
			if got := doc.Text("#topic option[selected]"); got != "Смена собственника" {
				t.Errorf("topic not kept: %q", got)
			}
			wantNothingSaved(t, d, d.ivanov)
		})
	}

	t.Run("OKFourKindsAndDownload", func(t *testing.T) {
		w := postFiles(a, action, fields, upload{"договор.pdf", big(4 << 20)}, upload{"паспорт.JPG", jpgFile},
			upload{"план.png", pngFile}, upload{"акт.tiff", tifFile})
		a.follow(w, accountPath(d.ivanov, "requests"))
		doc := a.doc()
		if got := doc.Text(".notice-success"); !strings.Contains(got, "Документы отправлены") {
			t.Errorf("flash = %q", got)
		}
		links := doc.Find(".request-files a")
		if len(links) != 4 {
			t.Fatalf("%d files listed", len(links))
		}
		href, _ := htmltest.Attr(links[0], "href")
		res := a.get(href)
		wantStatus(t, res, http.StatusOK)
		if res.Body.Len() != 4<<20 || res.Header().Get("Content-Type") != "application/pdf" ||
			!strings.HasPrefix(res.Header().Get("Content-Disposition"), "attachment") {
			t.Errorf("download: %d bytes, %q, %q", res.Body.Len(), res.Header().Get("Content-Type"), res.Header().Get("Content-Disposition"))
		}
		if csp := res.Header().Get("Content-Security-Policy"); csp != "sandbox" {
			t.Errorf("download's CSP = %q, want sandbox", csp)
		}
		other := d.signedIn(t, "ИЭСБК0077001")
		wantStatus(t, other.get(href), http.StatusNotFound)
		own := strings.Replace(href, accountPath(d.ivanov, ""), accountPath(d.kuznetsova, ""), 1)
		wantStatus(t, other.get(own), http.StatusNotFound) // another account's file through one's own account
	})
}

// A name with a right-to-left override would show operators a false
// extension: the controls are dropped from the name kept (issue 14).
func TestUploadNameLosesBidi(t *testing.T) {
	d := newDemoPortal(t, "http://portal.test")
	a := d.signedIn(t, "10103001857")
	w := postFiles(a, accountPath(d.ivanov, "documents"), url.Values{"topic": {"Смена собственника"}, "comment": {"Договор"}},
		upload{"счет\u202Eexe.pdf", pdfFile})
	a.follow(w, accountPath(d.ivanov, "requests"))
	if got := a.doc().Text(".request-files a"); !strings.HasPrefix(got, "счетexe.pdf") {
		t.Errorf("listed name = %q, want the override gone", got)
	}
}

// wantNothingSaved checks that a refused form left no request and no file.
func wantNothingSaved(t *testing.T, d *demoPortal, a *kabinet.Account) {
	t.Helper()
	rs, err := d.db.FindRequests(context.Background(), kabinet.RequestFilter{AccountID: a.ID})
	if err != nil || len(rs) != 0 {
		t.Errorf("requests saved: %d, %v", len(rs), err)
	}
	filepath.WalkDir(d.uploads, func(path string, e os.DirEntry, err error) error {
		if err == nil && !e.IsDir() {
			t.Errorf("file left behind: %s", path)
		}
		return nil
	})
}

func TestSpecialist(t *testing.T) {
	d := newDemoPortal(t, "http://portal.test")
	a := d.signedIn(t, "10103001857")
	action := accountPath(d.ivanov, "specialist")
	wantStatus(t, a.get(action), http.StatusOK)
	doc := a.doc()
	wantValue(t, doc.One("#full_name"), d.ivanov.FullName())
	wantValue(t, doc.One("#contract"), d.ivanov.Display)
	wantValue(t, doc.One("#phone"), "+7 (950) 123-45-67")
	if got := doc.Text("#purpose option[selected]"); got != "Опломбировка нового прибора учета" {
		t.Errorf("purpose = %q", got)
	}

	t.Run("ErrFieldsKeepInput", func(t *testing.T) {
		w := a.post(action, url.Values{"full_name": {""}, "address": {"Иркутск"}, "contract": {"10103001857"},
			"phone": {"12"}, "service": {"gas"}, "purpose": {"Другое"}, "comment": {""}})
		wantStatus(t, w, http.StatusUnprocessableEntity)
		doc := a.doc()
		for _, id := range []string{"full_name", "phone", "service", "comment"} {
			if doc.Text("#"+id+"-error") == "" {
				t.Errorf("no error beside %s", id)
			}
		}
		wantValue(t, doc.One("#address"), "Иркутск")
		wantValue(t, doc.One("#phone"), "12")
		wantNothingSaved(t, d, d.ivanov)
	})
	t.Run("OKListed", func(t *testing.T) {
		w := a.post(action, url.Values{"full_name": {"Иванов Иван Иванович"}, "address": {"Иркутск"}, "contract": {"10103001857"},
			"phone": {"+7 950 123-45-67"}, "service": {"electricity"}, "purpose": {"Замена прибора учета"}, "comment": {"После 18:00"}})
		a.follow(w, accountPath(d.ivanov, "requests"))
		doc := a.doc()
		if got := doc.Text(".request-number"); !strings.HasPrefix(got, "ВС-") {
			t.Errorf("number = %q", got)
		}
		if got := doc.Text(".status"); got != "Принято" {
			t.Errorf("status = %q", got)
		}
		if got := doc.Text(".request-deadline"); got != "до 01.01.2027" {
			t.Errorf("deadline = %q", got) // sent 2 December at 18:00 Irkutsk time
		}
	})
}

func TestStatementByEmail(t *testing.T) {
	d := newDemoPortal(t, "http://portal.test")
	a := d.signedIn(t, "10103001857")
	action := accountPath(d.ivanov, "statement")
	wantStatus(t, a.get(action), http.StatusOK)
	wantValue(t, a.doc().One("#email"), "ivanov@example.ru")
	form := func(from, to, email string) url.Values {
		return url.Values{"full_name": {"Иванов Иван Иванович"}, "address": {"Иркутск"}, "service": {"electricity"},
			"from": {from}, "to": {to}, "email": {email}}
	}
	refusals := []struct {
		name, from, to, field, want string
	}{
		{"ErrFuture", "2026-01-01", "2026-12-31", "to", "не может быть позже сегодняшней"},
		{"ErrReversed", "2026-10-01", "2026-09-01", "from", "не позже конечной"},
		{"ErrOverThreeYears", "2023-01-01", "2026-11-30", "from", "не больше чем за 3 года"},
		{"ErrNotADate", "31.02.2026", "2026-11-30", "from", "ДД.ММ.ГГГГ"},
		{"ErrEmpty", "", "2026-11-30", "from", "Укажите начальную дату."},
	}
	for _, c := range refusals {
		t.Run(c.name, func(t *testing.T) {
			wantStatus(t, a.post(action, form(c.from, c.to, "ivanov@example.ru")), http.StatusUnprocessableEntity)
			if got := a.doc().Text("#" + c.field + "-error"); !strings.Contains(got, c.want) {
				t.Errorf("error = %q, want %q", got, c.want)
			}
			wantValue(t, a.doc().One("#from"), c.from)
		})
	}
	t.Run("OKSentAndEmailSaved", func(t *testing.T) {
		a.follow(a.post(action, form("01.01.2026", "2026-11-30", "Ivanov.New@Example.ru")), accountPath(d.ivanov, "requests"))
		if got := a.doc().Text(".status"); got != "Ответ дан" {
			t.Errorf("status = %q", got)
		}
		ms, err := d.db.FindMessages(context.Background(), kabinet.ChannelEmail, 1)
		if err != nil || len(ms) != 1 || ms[0].Recipient != "ivanov.new@example.ru" {
			t.Fatalf("letter = %v, %v", ms, err)
		}
		m, err := d.db.FindMessageByID(context.Background(), ms[0].ID)
		if err != nil || len(m.Attachments) != 1 || !bytes.HasPrefix(m.Attachments[0].Data, []byte("%PDF-")) {
			t.Fatalf("attachment = %+v, %v", m.Attachments, err)
		}
		set, err := d.home.Settings(context.Background(), d.ivanov, nil)
		if err != nil || set.Email != "ivanov.new@example.ru" {
			t.Errorf("settings e-mail = %q, %v", set.Email, err)
		}
	})
}

func TestFeedback(t *testing.T) {
	d := newDemoPortal(t, "http://portal.test")
	anon := newAgent(t, d.Handler())
	wantStatus(t, anon.get("/feedback"), http.StatusOK)
	wantValue(t, anon.doc().One("#full_name"), "")
	valid := url.Values{"branch": {"1"}, "full_name": {"Петров Петр"}, "address": {"Иркутск, ул. Ленина, 1"},
		"account": {"иэсбк-0041300"}, "phone": {"89501234567"}, "email": {"petrov@example.ru"}, "answer_channel": {"phone"},
		"topic": {"Перерасчет"}, "text": {"Прошу сделать перерасчет."}, "consent": {"on"}}

	t.Run("ErrEveryFieldMandatory", func(t *testing.T) {
		wantStatus(t, postFiles(anon, "/feedback", url.Values{"topic": {"Тема"}}), http.StatusUnprocessableEntity)
		doc := anon.doc()
		for _, id := range []string{"branch", "full_name", "address", "account", "phone", "email", "answer_channel", "text", "consent"} {
			if doc.Text("#"+id+"-error") == "" {
				t.Errorf("no error beside %s", id)
			}
		}
		wantValue(t, doc.One("#topic"), "Тема")
	})
	t.Run("OKAnonymousGetsNumber", func(t *testing.T) {
		w := postFiles(anon, "/feedback", valid, upload{"квитанция.pdf", pdfFile})
		wantStatus(t, w, http.StatusSeeOther)
		wantStatus(t, anon.get(w.Header().Get("Location")), http.StatusOK)
		if got := anon.doc().Text(".request-number"); !strings.HasPrefix(got, "ОБ-") {
			t.Errorf("number = %q", got)
		}
		rs, _ := d.db.FindRequests(context.Background(), kabinet.RequestFilter{Kind: kabinet.RequestFeedback})
		if len(rs) != 1 || rs[0].AccountID != 0 || rs[0].AccountNumber != "ИЭСБК0041300" || len(rs[0].Attachments) != 1 {
			t.Errorf("saved = %+v", rs)
		}
	})
	t.Run("ErrRateLimitedAnonymous", func(t *testing.T) {
		var last *httptest.ResponseRecorder
		for range 5 {
			last = anon.post("/feedback", valid)
		}
		wantStatus(t, last, http.StatusTooManyRequests)
		if got := anon.doc().Text(".notice-error"); !strings.Contains(got, "Слишком много обращений") {
			t.Errorf("notice = %q", got)
		}
	})
	t.Run("OKSignedInPrefilledAndListed", func(t *testing.T) {
		a := d.signedIn(t, "10103001857")
		wantStatus(t, a.get("/feedback"), http.StatusOK)
		doc := a.doc()
		wantValue(t, doc.One("#full_name"), d.ivanov.FullName())
		wantValue(t, doc.One("#account"), d.ivanov.Display)
		a.follow(a.post("/feedback", valid), accountPath(d.ivanov, "requests"))
		if got := a.doc().Text(".request-topic"); got != "Перерасчет" {
			t.Errorf("topic = %q", got)
		}
	})
}
