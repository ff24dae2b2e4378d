package exchange

import (
	"strconv"
	"strings"
	"time"

	"kabinet"
)

// Record is one line of a file of some kind: its values as text, in the
// kind's field order, and where it came from for error messages.
type Record struct {
	Kind *Kind
	File string
	Line int
	vals []string
}

// NewRecord returns an empty record of kind k, to fill and write.
func (k *Kind) NewRecord() *Record {
	return &Record{Kind: k, vals: make([]string, len(k.Fields))}
}

func (r *Record) at(name string) int {
	i := r.Kind.Field(name)
	if i < 0 {
		panic("exchange: kind " + r.Kind.Name + " has no field " + name)
	}
	return i
}

// Get returns a field's text ("" when empty). Naming a field the kind lacks
// is a programming error and panics.
func (r *Record) Get(name string) string { return r.vals[r.at(name)] }

// Has reports whether a field has a value.
func (r *Record) Has(name string) bool { return r.Get(name) != "" }

// Set sets a field's text.
func (r *Record) Set(name, v string) { r.vals[r.at(name)] = v }

// Reset empties every field, to reuse the record for the next line.
func (r *Record) Reset() { clear(r.vals) }

// Errorf returns a *LineError naming this record's file, line and field.
func (r *Record) Errorf(field, format string, args ...any) *LineError {
	return &LineError{File: r.File, Line: r.Line, Field: field, Reason: sprintf(format, args...)}
}

// The typed getters read values the Reader has already checked against
// their field's type, so they cannot fail; an empty value reads as zero.

// Int returns an Int field.
func (r *Record) Int(name string) int64 { n, _ := strconv.ParseInt(r.Get(name), 10, 64); return n }

// Money returns a Money field.
func (r *Record) Money(name string) kabinet.Money {
	m, _ := parseDecimal(r.Get(name), 2)
	return kabinet.Money(m)
}

// Area returns an Area field.
func (r *Record) Area(name string) kabinet.Area {
	a, _ := parseDecimal(r.Get(name), 2)
	return kabinet.Area(a)
}

// Tariff returns a Tariff field in hundredths of a kopeck.
func (r *Record) Tariff(name string) int64 { t, _ := parseDecimal(r.Get(name), 4); return t }

// Bool returns a Bool field.
func (r *Record) Bool(name string) bool { b, _ := parseBool(r.Get(name)); return b }

// Date returns a Date field as midnight UTC (zero when empty).
func (r *Record) Date(name string) time.Time { d, _ := parseDate(r.Get(name)); return d }

// Period returns a Period field.
func (r *Record) Period(name string) kabinet.Period { p, _ := parsePeriod(r.Get(name)); return p }

// Time returns a Time field.
func (r *Record) Time(name string) time.Time { t, _ := time.Parse(time.RFC3339, r.Get(name)); return t }

// SetInt sets an Int field.
func (r *Record) SetInt(name string, n int64) { r.Set(name, strconv.FormatInt(n, 10)) }

// SetMoney sets a Money field.
func (r *Record) SetMoney(name string, m kabinet.Money) { r.Set(name, formatDecimal(int64(m), 2)) }

// SetArea sets an Area field.
func (r *Record) SetArea(name string, a kabinet.Area) { r.Set(name, formatDecimal(int64(a), 2)) }

// SetTariff sets a Tariff field from hundredths of a kopeck.
func (r *Record) SetTariff(name string, t int64) { r.Set(name, formatDecimal(t, 4)) }

// SetBool sets a Bool field.
func (r *Record) SetBool(name string, b bool) { r.Set(name, strconv.FormatBool(b)) }

// SetDate sets a Date field; the zero time leaves it empty.
func (r *Record) SetDate(name string, d time.Time) {
	if !d.IsZero() {
		r.Set(name, d.Format(time.DateOnly))
	}
}

// SetPeriod sets a Period field.
func (r *Record) SetPeriod(name string, p kabinet.Period) { r.Set(name, p.String()) }

// SetTime sets a Time field; the zero time leaves it empty.
func (r *Record) SetTime(name string, t time.Time) {
	if !t.IsZero() {
		r.Set(name, t.Format(time.RFC3339))
	}
}

// check checks every value against its field and returns the first problem.
// It also puts dates, periods and decimals in their canonical form, so the
// getters and a writer see one spelling.
func (r *Record) check() *LineError {
	for i, f := range r.Kind.Fields {
		v := strings.TrimSpace(r.vals[i])
		if v == "" {
			if f.Required {
				return r.Errorf(f.Name, "не заполнено")
			}
			r.vals[i] = ""
			continue
		}
		c, reason := canonical(f, v)
		if reason != "" {
			return r.Errorf(f.Name, "%s: %q", reason, v)
		}
		r.vals[i] = c
	}
	return nil
}

func canonical(f Field, v string) (string, string) {
	if canonicalAlready(f.Type, v) && len(f.Values) == 0 {
		return v, "" // the common case, checked without allocating
	}
	switch f.Type {
	case Int:
		if _, err := strconv.ParseInt(v, 10, 64); err != nil {
			return "", "не целое число"
		}
	case Money, Area:
		n, ok := parseDecimal(v, 2)
		if !ok {
			return "", "не число с двумя знаками после запятой"
		}
		v = formatDecimal(n, 2)
	case Tariff:
		n, ok := parseDecimal(v, 4)
		if !ok {
			return "", "не число с четырьмя знаками после запятой"
		}
		v = formatDecimal(n, 4)
	case Bool:
		b, ok := parseBool(v)
		if !ok {
			return "", "не 1/0, true/false или да/нет"
		}
		v = strconv.FormatBool(b)
	case Date:
		d, ok := parseDate(v)
		if !ok {
			return "", "не дата ГГГГ-ММ-ДД"
		}
		v = d.Format(time.DateOnly)
	case Period:
		p, ok := parsePeriod(v)
		if !ok {
			return "", "не период ГГГГ-ММ"
		}
		v = p.String()
	case Time:
		if _, err := time.Parse(time.RFC3339, v); err != nil {
			return "", "не время RFC 3339"
		}
	}
	if len(f.Values) > 0 && !containsString(f.Values, v) {
		return "", "не одно из " + strings.Join(f.Values, ", ")
	}
	return v, ""
}

// canonicalAlready reports whether v is a value of type t written as
// canonical would write it: most lines of a billing system's file are.
func canonicalAlready(t FieldType, v string) bool {
	switch t {
	case Text, Time:
		return t == Text
	case Int:
		return intText(v)
	case Money, Area:
		return decimalText(v, 2)
	case Tariff:
		return decimalText(v, 4)
	case Bool:
		return v == "true" || v == "false"
	case Date:
		_, ok := fastDate(v)
		return ok
	case Period:
		_, ok := fastPeriod(v)
		return ok
	}
	return false
}

// intText: an optional minus and 1 to 18 digits (ParseInt cannot fail).
func intText(v string) bool {
	v = strings.TrimPrefix(v, "-")
	return len(v) > 0 && len(v) <= 18 && digits(v)
}

// decimalText: -?(0|[1-9][0-9]{0,14})\.[0-9]{places}, as formatDecimal writes.
func decimalText(v string, places int) bool {
	v, neg := strings.CutPrefix(v, "-")
	whole, frac, ok := strings.Cut(v, ".")
	if neg && whole == "0" && strings.Trim(frac, "0") == "" {
		return false // -0.00 is written 0.00
	}
	return ok && len(frac) == places && digits(frac) && len(whole) > 0 && len(whole) <= 15 && digits(whole) &&
		(whole[0] != '0' || len(whole) == 1)
}

// fastDate reads YYYY-MM-DD without time.Parse; false for anything else,
// which parseDate then tries.
func fastDate(v string) (time.Time, bool) {
	if len(v) != 10 || v[4] != '-' || v[7] != '-' {
		return time.Time{}, false
	}
	y, ok1 := num(v[:4])
	m, ok2 := num(v[5:7])
	d, ok3 := num(v[8:])
	if !ok1 || !ok2 || !ok3 || m < 1 || m > 12 || d < 1 || d > daysIn(time.Month(m), y) {
		return time.Time{}, false
	}
	return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC), true
}

// fastPeriod reads YYYY-MM without time.Parse.
func fastPeriod(v string) (kabinet.Period, bool) {
	if len(v) != 7 || v[4] != '-' {
		return kabinet.Period{}, false
	}
	y, ok1 := num(v[:4])
	m, ok2 := num(v[5:])
	if !ok1 || !ok2 || m < 1 || m > 12 {
		return kabinet.Period{}, false
	}
	return kabinet.PeriodOf(time.Date(y, time.Month(m), 1, 0, 0, 0, 0, time.UTC)), true
}

func num(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
	}
	return n, true
}

func daysIn(m time.Month, y int) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// parseDecimal parses a signed decimal with at most places decimals, with a
// point or a comma, into an integer of 10^-places units: "-12,5" at 2 is -1250.
func parseDecimal(s string, places int) (int64, bool) {
	if decimalText(s, places) {
		return decimalValue(s), true
	}
	s = strings.ReplaceAll(strings.ReplaceAll(s, " ", ""), "\u00a0", "")
	neg := false
	switch {
	case strings.HasPrefix(s, "-"), strings.HasPrefix(s, "−"):
		neg, s = true, strings.TrimLeft(s, "-−")
	case strings.HasPrefix(s, "+"):
		s = s[1:]
	}
	whole, frac, hasFrac := strings.Cut(strings.Replace(s, ",", ".", 1), ".")
	if whole == "" || len(whole) > 15 || !digits(whole) || !digits(frac) || len(frac) > places || hasFrac && frac == "" {
		return 0, false
	}
	frac += strings.Repeat("0", places-len(frac))
	n, _ := strconv.ParseInt(whole+frac, 10, 64)
	if neg {
		n = -n
	}
	return n, true
}

// decimalValue is the value of decimalText s in units of its last
// place, read digit by digit, without the copy strings.Replace made of
// every amount of a file (some 200M at a million homes). Nineteen digits
// may pass int64; such texts go to ParseInt, which saturates.
func decimalValue(s string) int64 {
	if len(s) > 19 {
		n, _ := strconv.ParseInt(strings.Replace(s, ".", "", 1), 10, 64)
		return n
	}
	var n int64
	for i := range len(s) {
		if c := s[i]; c >= '0' && c <= '9' {
			n = n*10 + int64(c-'0')
		}
	}
	if s[0] == '-' {
		n = -n
	}
	return n
}

func formatDecimal(n int64, places int) string {
	sign := ""
	if n < 0 {
		sign, n = "-", -n
	}
	s := strconv.FormatInt(n, 10)
	if len(s) <= places {
		s = strings.Repeat("0", places-len(s)+1) + s
	}
	return sign + s[:len(s)-places] + "." + s[len(s)-places:]
}

func digits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

func parseBool(s string) (bool, bool) {
	switch strings.ToLower(s) {
	case "1", "true", "да", "yes":
		return true, true
	case "0", "false", "нет", "no":
		return false, true
	}
	return false, false
}

func parseDate(s string) (time.Time, bool) {
	if d, ok := fastDate(s); ok {
		return d, true
	}
	for _, layout := range []string{time.DateOnly, "02.01.2006"} {
		if d, err := time.Parse(layout, s); err == nil {
			return d, true
		}
	}
	return time.Time{}, false
}

func parsePeriod(s string) (kabinet.Period, bool) {
	if p, ok := fastPeriod(s); ok {
		return p, true
	}
	for _, layout := range []string{"2006-01", "01.2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return kabinet.PeriodOf(t), true
		}
	}
	return kabinet.Period{}, false
}

func containsString(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
