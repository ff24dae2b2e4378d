package web

import (
	"net/http"

	"kabinet"
)

// maxFormBytes bounds a posted form; the portal's forms are a few fields.
// File uploads will get their own limit.
const maxFormBytes = 64 << 10

// Field is one labelled form control for the "field" partial: the label
// above, an optional hint, and the error beside it in red.
type Field struct {
	ID, Name, Label, Type, Value string
	Hint, Error                  string
	// Autocomplete and InputMode help phones and password managers.
	Autocomplete, InputMode string
	Required                bool
	// Mark puts * after the label: «Поля, помеченные *, обязательны».
	Mark bool
}

// DescribedBy lists the ids of the hint and the error for aria-describedby.
func (f Field) DescribedBy() string {
	switch {
	case f.Hint != "" && f.Error != "":
		return f.ID + "-error " + f.ID + "-hint"
	case f.Error != "":
		return f.ID + "-error"
	case f.Hint != "":
		return f.ID + "-hint"
	}
	return ""
}

// parseForm parses a posted form with a size limit.
func parseForm(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
	if err := r.ParseForm(); err != nil {
		return kabinet.Errorf(kabinet.EINVALID, "Не удалось прочитать форму. Обновите страницу и попробуйте снова.")
	}
	return nil
}
