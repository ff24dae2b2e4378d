package auth

import (
	"sort"
	"strconv"
	"strings"

	"kabinet"
)

// FormErrors are the reasons a form was refused, by field name, in Russian,
// to show beside each field. It is an EINVALID error.
type FormErrors map[string]string

// Error lists the reasons.
func (e FormErrors) Error() string {
	keys := make([]string, 0, len(e))
	for k := range e {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + ": " + e[k]
	}
	return "auth: " + strings.Join(parts, "; ")
}

// Unwrap makes kabinet.ErrorCode see EINVALID.
func (e FormErrors) Unwrap() error {
	return kabinet.Errorf(kabinet.EINVALID, "Проверьте поля формы.")
}

// check records err's message under field if err is not nil.
func (e FormErrors) check(field string, err error) {
	if err != nil && e[field] == "" {
		e[field] = kabinet.ErrorMessage(err)
	}
}

// err returns e as an error, nil when no field was refused.
func (e FormErrors) err() error {
	if len(e) == 0 {
		return nil
	}
	return e
}

func itoa(n int) string { return strconv.Itoa(n) }
