// Package exchange is the billing exchange (BEY-6): the record formats
// Kabinet and the supplier's billing system trade, their two encodings (CSV
// with «;» in UTF-8 or windows-1251, and JSON Lines), and the import of what
// the billing system owns. docs/exchange.md documents every kind. No HTTP
// here: the command line, the inbox job and the exchange API all call in.
package exchange

import (
	"path/filepath"
	"slices"
	"strings"
	"sync"
)

// FieldType is how a field's value is written and checked.
type FieldType int

// Field types. Money and Area are decimals with at most two places (rubles,
// square metres), written with a point and read with a point or a comma;
// Tariff has up to four (₽ per unit, 1,2460). Dates are YYYY-MM-DD (DD.MM.YYYY
// is read too), periods YYYY-MM (MM.YYYY read too), times RFC 3339.
const (
	Text FieldType = iota
	Int
	Money
	Area
	Tariff
	Bool
	Date
	Period
	Time
)

// String names the type as docs/exchange.md and the JSON Schemas do.
func (t FieldType) String() string {
	return [...]string{"text", "integer", "money", "area", "tariff", "boolean", "date", "period", "date-time"}[t]
}

// Field is one column of a kind.
type Field struct {
	Name     string
	Type     FieldType
	Required bool
	// Values, when set, are the only values allowed (an enumeration).
	Values []string
	// Doc is the field's meaning, with the ЕПД or ГИС ЖКХ term it follows.
	Doc string
}

// Direction tells who writes a kind: the billing system (In) or Kabinet (Out).
type Direction int

// Directions.
const (
	In Direction = iota
	Out
)

// Kind is one kind of record: its name (which is also how its files are
// named), its fields in column order, and its rule for bad lines.
type Kind struct {
	Name      string
	Direction Direction
	Fields    []Field
	// Whole means one bad line refuses the whole file (money must balance);
	// otherwise the good lines go in and the bad ones are reported.
	Whole bool
	Doc   string

	// index is built on first use; the import's goroutines share kinds.
	indexOnce sync.Once
	index     map[string]int
}

// Field returns the index of the named field, or -1.
func (k *Kind) Field(name string) int {
	k.indexOnce.Do(k.buildIndex)
	if i, ok := k.index[name]; ok {
		return i
	}
	return -1
}

func (k *Kind) buildIndex() {
	idx := make(map[string]int, len(k.Fields))
	for i, f := range k.Fields {
		idx[f.Name] = i
	}
	k.index = idx
}

// Names returns the field names in column order: the CSV header.
func (k *Kind) Names() []string {
	names := make([]string, len(k.Fields))
	for i, f := range k.Fields {
		names[i] = f.Name
	}
	return names
}

// Kinds returns every kind, the billing system's first, in the order a
// directory of files is imported (what a record refers to comes before it).
func Kinds() []*Kind {
	return append(slices.Clone(inKinds), outKinds...)
}

// KindByName returns the kind with that name, or nil.
func KindByName(name string) *Kind {
	for _, k := range Kinds() {
		if k.Name == name {
			return k
		}
	}
	return nil
}

// KindOfFile recognises a kind from a file's name: the name starts with the
// kind's name followed by the end, «.», «-» or «_» (accounts.csv,
// accounts-full-2026-11-27.csv, ledger_delta.jsonl). The longest name wins,
// so bill_lines is not taken for bills. Nil when none matches.
func KindOfFile(path string) *Kind {
	base := strings.ToLower(filepath.Base(path))
	var best *Kind
	for _, k := range Kinds() {
		rest, ok := strings.CutPrefix(base, k.Name)
		if !ok || rest != "" && !strings.ContainsRune(".-_", rune(rest[0])) {
			continue
		}
		if best == nil || len(k.Name) > len(best.Name) {
			best = k
		}
	}
	return best
}

// kindOfHeader recognises a kind from the field names a file's first line
// carries: the kind that has every one of them and all its required fields.
func kindOfHeader(names []string) *Kind {
	for _, k := range Kinds() {
		if fitsKind(k, names) {
			return k
		}
	}
	return nil
}

func fitsKind(k *Kind, names []string) bool {
	for _, n := range names {
		if k.Field(n) < 0 {
			return false
		}
	}
	for _, f := range k.Fields {
		if f.Required && !slices.Contains(names, f.Name) {
			return false
		}
	}
	return true
}

// IsFull reports whether a file's name marks it a full snapshot of its kind
// (a word «full» in its name: accounts-full-2026-11-27.csv): what the
// snapshot lacks is closed. Other files are deltas.
func IsFull(path string) bool {
	base := strings.ToLower(filepath.Base(path))
	return slices.Contains(strings.FieldsFunc(base, func(r rune) bool { return strings.ContainsRune(".-_ ", r) }), "full")
}
