package requests

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"kabinet"
	"kabinet/auth"
)

// fieldCheck validates form fields into auth.FormErrors, the errors the
// pages show beside each field.
type fieldCheck struct{ errs auth.FormErrors }

func newCheck() *fieldCheck { return &fieldCheck{errs: auth.FormErrors{}} }

// text trims v and requires it (with message empty when missing) and at
// most max characters.
func (c *fieldCheck) text(field, v, empty string, max int) string {
	v = strings.TrimSpace(v)
	switch {
	case v == "" && empty != "":
		c.set(field, empty)
	case utf8.RuneCountInString(v) > max:
		c.set(field, "Не больше "+strconv.Itoa(max)+" символов.")
	}
	return v
}

// phone requires a valid phone and returns it normalised.
func (c *fieldCheck) phone(field, v string) string {
	if strings.TrimSpace(v) == "" {
		c.set(field, "Укажите контактный телефон.")
		return ""
	}
	p, err := kabinet.ParsePhone(v)
	if err != nil {
		c.set(field, kabinet.ErrorMessage(err))
	}
	return p
}

// email requires a valid address and returns it normalised.
func (c *fieldCheck) email(field, v string) string {
	if strings.TrimSpace(v) == "" {
		c.set(field, "Укажите адрес электронной почты.")
		return ""
	}
	e, err := kabinet.ParseEmail(v)
	if err != nil {
		c.set(field, kabinet.ErrorMessage(err))
	}
	return e
}

// oneOf requires v to be one of the options.
func (c *fieldCheck) oneOf(field, v, empty string, options []string) string {
	for _, o := range options {
		if v == o {
			return v
		}
	}
	c.set(field, empty)
	return ""
}

func (c *fieldCheck) set(field, msg string) {
	if c.errs[field] == "" {
		c.errs[field] = msg
	}
}

func (c *fieldCheck) err() error {
	if len(c.errs) == 0 {
		return nil
	}
	return c.errs
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
