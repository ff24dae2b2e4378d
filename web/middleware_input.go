package web

import (
	"bytes"
	"io"
	"mime"
	"net/http"
	"net/url"
	"unicode"
	"unicode/utf8"

	"kabinet"
)

// Bounds of what the portal takes at its edge. No form field of the
// portal or the back office holds more than 5,000 characters (the longest
// text of a request), and no query parameter more than a search or a
// link's token; the services check their own, tighter limits beside each
// field.
const (
	maxFieldChars = 10_000
	maxQueryChars = 2_000
)

var (
	errBadBytes = kabinet.Errorf(kabinet.EINVALID, "Введённые данные содержат недопустимые символы: управляющие, невидимые или в неверной кодировке. Уберите их и отправьте форму снова.")
	errTooLong  = kabinet.Errorf(kabinet.EINVALID, "Слишком длинное значение: в поле можно ввести не больше 10 000 символов.")
	errBadQuery = kabinet.Errorf(kabinet.EINVALID, "Неверный адрес страницы: в нём недопустимые символы или слишком длинное значение.")
)

// checkInput refuses, before any handler or database sees them, query
// parameters and posted form fields that are not text a person typed:
// invalid UTF-8, NUL and other control characters (a form's line breaks
// and tabs aside), bidirectional overrides that make text read other than
// it is stored, and values past the bounds above. Every handler then
// reads clean, bounded strings, on both engines alike (PostgreSQL refuses
// NUL and bad UTF-8 where SQLite stores them). Forms with files are
// checked as they are read (readUpload), with the same rules.
func (s *site) checkInput(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := checkQuery(r.URL.RawQuery); err != nil {
			s.fail(w, r, err)
			return
		}
		if err := checkPostedForm(w, r); err != nil {
			s.fail(w, r, err)
			return
		}
		next.ServeHTTP(w, r)
	})
}

func checkQuery(raw string) error {
	if raw == "" {
		return nil
	}
	q, err := url.ParseQuery(raw)
	if err != nil {
		return errBadQuery
	}
	if checkValues(q, maxQueryChars, false) != nil {
		return errBadQuery
	}
	return nil
}

// checkPostedForm checks an url-encoded body and puts it back for the
// handler to parse.
func checkPostedForm(w http.ResponseWriter, r *http.Request) error {
	if r.Body == nil || r.Method == http.MethodGet || r.Method == http.MethodHead {
		return nil
	}
	if ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); ct != "application/x-www-form-urlencoded" {
		return nil
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxFormBytes))
	if err != nil {
		return errBadForm
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	form, err := url.ParseQuery(string(body))
	if err != nil {
		return errBadForm
	}
	return checkValues(form, maxFieldChars, true)
}

// checkValues checks every name and value of a form or query.
func checkValues(vs url.Values, maxChars int, multiline bool) error {
	for k, list := range vs {
		if err := checkText(k, 100, false); err != nil {
			return err
		}
		for _, v := range list {
			if err := checkText(v, maxChars, multiline); err != nil {
				return err
			}
		}
	}
	return nil
}

// checkText refuses what checkInput refuses in one string.
func checkText(s string, maxChars int, multiline bool) error {
	if len(s) > 4*maxChars || !utf8.ValidString(s) {
		return errBadBytes
	}
	if utf8.RuneCountInString(s) > maxChars {
		return errTooLong
	}
	for _, c := range s {
		if multiline && (c == '\n' || c == '\r' || c == '\t') {
			continue
		}
		if unicode.IsControl(c) || kabinet.IsBidiControl(c) {
			return errBadBytes
		}
	}
	return nil
}
