package exchangeapi

import (
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"path/filepath"

	"kabinet"
	"kabinet/exchange"
)

// maxParts bounds the PDFs of one request: a day's bills of a large
// district, not a month's of every account (those go through the inbox).
const maxParts = 10000

// saveParts saves a multipart/form-data body into dir: the part named
// "file" is the file of lines (CSV, or JSON Lines when its Content-Type or
// name says so), saved as name; every other part is a file the lines name
// (the supplier's bill PDFs of bill_files), saved beside it under its own
// file name, which must be a plain name given once. Only bill_files names
// files, so other kinds take the "file" part alone. The importer checks
// each PDF (its first bytes, its size) as it does beside a file on disk.
func saveParts(r *http.Request, body io.Reader, kind *exchange.Kind, dir, name string) (string, error) {
	_, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || params["boundary"] == "" {
		return "", kabinet.Errorf(kabinet.EINVALID, "Тело multipart/form-data без границы частей")
	}
	mr := multipart.NewReader(body, params["boundary"])
	var lines string
	seen := map[string]bool{}
	for n := 0; ; n++ {
		p, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return "", err
		}
		if n > maxParts {
			return "", kabinet.Errorf(kabinet.EINVALID, "Больше %d файлов в одном запросе", maxParts)
		}
		path, err := partPath(p, kind, dir, name, seen)
		if err != nil {
			return "", err
		}
		if p.FormName() == "file" {
			lines = path
		}
		if err := saveFile(path, p); err != nil {
			return "", err
		}
	}
	if lines == "" {
		return "", kabinet.Errorf(kabinet.EINVALID, "Нет части «file» с файлом строк")
	}
	return lines, nil
}

// partPath is where a part goes in dir: the file of lines as name with the
// encoding its type or name says, a PDF under its plain file name.
func partPath(p *multipart.Part, kind *exchange.Kind, dir, name string, seen map[string]bool) (string, error) {
	if p.FormName() == "file" {
		if seen["file"] {
			return "", kabinet.Errorf(kabinet.EINVALID, "Часть «file» повторяется")
		}
		seen["file"] = true
		enc := encodingOf(p.Header.Get("Content-Type"))
		if filepath.Ext(p.FileName()) == ".jsonl" {
			enc = exchange.JSONL
		}
		return filepath.Join(dir, name+"."+string(enc)), nil
	}
	if kind != exchange.KindBillFiles {
		return "", kabinet.Errorf(kabinet.EINVALID, "Файлы рядом со строками принимает только bill_files; лишняя часть «%s»", p.FormName())
	}
	file := p.FileName() // multipart keeps only the last element of a path
	if file == "" || file == "." || file == ".." || file != filepath.Base(file) || filepath.Ext(file) == "" ||
		seen["/"+file] || isLinesName(file, name) {
		return "", kabinet.Errorf(kabinet.EINVALID, "Часть «%s»: нужно простое имя файла, один раз: %q", p.FormName(), file)
	}
	seen["/"+file] = true
	return filepath.Join(dir, file), nil
}

// isLinesName reports whether file would take the place of the file of
// lines.
func isLinesName(file, name string) bool {
	for _, enc := range []exchange.Encoding{exchange.CSV, exchange.JSONL} {
		if file == name+"."+string(enc) {
			return true
		}
	}
	return false
}
