package web

import (
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"strconv"

	"kabinet"
	"kabinet/requests"
)

// uploadSlack is what a form with files may carry besides the files:
// its fields and the multipart framing.
const uploadSlack = 1 << 20

// readUpload reads a form with files as it streams in: the fields into
// values, each file of fileField through up into the file store, with
// the body limited to the most files allowed plus uploadSlack. Nothing
// is buffered whole: a file goes to the store as it is read, and a part
// that is refused is skipped. A refused file is up.Refused, not an
// error; a form that is not multipart (no file chosen, no JavaScript
// needed) is read as an ordinary form.
func (s *portalSite) readUpload(w http.ResponseWriter, r *http.Request, up *requests.Upload, fileField string) (url.Values, error) {
	cfg := s.requests.Config()
	r.Body = http.MaxBytesReader(w, r.Body, int64(cfg.MaxFiles)*cfg.MaxFileSize+uploadSlack)
	mr, err := r.MultipartReader()
	if errors.Is(err, http.ErrNotMultipart) {
		if err := r.ParseForm(); err != nil {
			return nil, errBadForm
		}
		return r.PostForm, nil
	} else if err != nil {
		return nil, errBadForm
	}
	values, fieldBytes := url.Values{}, 0
	for {
		p, err := mr.NextPart()
		switch {
		case errors.Is(err, io.EOF):
			return values, checkValues(values, maxFieldChars, true)
		case tooLarge(err):
			up.Refuse(tooMuch(cfg))
			return values, checkValues(values, maxFieldChars, true)
		case err != nil:
			return nil, errBadForm
		}
		if name, isFile := fileName(p); isFile {
			err = s.readFile(r, up, p, name, p.FormName() == fileField)
		} else {
			err = readField(p, values, &fieldBytes)
		}
		if tooLarge(err) {
			up.Refuse(tooMuch(cfg))
			return values, checkValues(values, maxFieldChars, true)
		} else if err != nil {
			return nil, err
		}
	}
}

// readFile passes one file part to the upload, or skips it: a file of
// another field, no file chosen, or a file after one was refused.
func (s *portalSite) readFile(r *http.Request, up *requests.Upload, p io.Reader, name string, wanted bool) error {
	if !wanted || name == "" || up.Refused() != "" {
		_, err := io.Copy(io.Discard, p)
		return err
	}
	err := up.Add(r.Context(), name, p)
	if kabinet.ErrorCode(err) == kabinet.EINVALID {
		_, err = io.Copy(io.Discard, p) // read past the rest of the refused file
	}
	return err
}

// readField reads one field into values, the fields together bounded by
// maxFormBytes.
func readField(p *multipart.Part, values url.Values, total *int) error {
	b, err := io.ReadAll(io.LimitReader(p, int64(maxFormBytes-*total+1)))
	if err != nil {
		return err
	}
	if *total += len(b); *total > maxFormBytes {
		return errBadForm
	}
	values.Add(p.FormName(), string(b))
	return nil
}

// fileName is the file name of a part exactly as the client sent it, and
// whether the part is a file at all. multipart.Part.FileName would cut a
// path down to its last element; the name is checked as sent instead,
// so that a name with a path is refused, not quietly changed.
func fileName(p *multipart.Part) (string, bool) {
	_, params, err := mime.ParseMediaType(p.Header.Get("Content-Disposition"))
	if err != nil {
		return "", false
	}
	name, ok := params["filename"]
	return name, ok
}

func tooLarge(err error) bool {
	var mb *http.MaxBytesError
	return errors.As(err, &mb)
}

func tooMuch(cfg requests.Config) string {
	return "Слишком большой объем файлов: можно прикрепить не больше " + strconv.Itoa(cfg.MaxFiles) + " файлов по " +
		strconv.FormatInt(cfg.MaxFileSize>>20, 10) + " Мб."
}

var errBadForm = kabinet.Errorf(kabinet.EINVALID, "Не удалось прочитать форму. Обновите страницу и попробуйте снова.")
