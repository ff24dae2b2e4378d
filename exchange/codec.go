package exchange

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// Encoding is how records are written down: CSV or JSON Lines.
type Encoding string

// Encodings.
const (
	CSV   Encoding = "csv"
	JSONL Encoding = "jsonl"
)

// EncodingOfFile returns the encoding a file's extension names: .jsonl,
// .ndjson and .json are JSON Lines, everything else CSV.
func EncodingOfFile(path string) Encoding {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".jsonl", ".ndjson", ".json":
		return JSONL
	}
	return CSV
}

// LineError is a bad line: the file, the line (1-based; a CSV header is
// line 1), the field and the reason, in Russian for the operator.
type LineError struct {
	File   string
	Line   int
	Field  string
	Reason string
}

// Error reads "accounts.csv:12: rooms: не целое число: "три"".
func (e *LineError) Error() string {
	s := fmt.Sprintf("%s:%d", e.File, e.Line)
	if e.Field != "" {
		s += ": " + e.Field
	}
	return s + ": " + e.Reason
}

func sprintf(format string, args ...any) string {
	if len(args) == 0 {
		return format
	}
	return fmt.Sprintf(format, args...)
}

// Reader reads the records of one file. Next returns a *LineError for a bad
// line and goes on with the next one; any other error ends the file.
type Reader struct {
	kind *Kind
	file string
	enc  Encoding
	src  *lineSource
	csv  *csv.Reader
	cols []int // CSV: the field index of each column
	line int
	// first is a JSON line read to recognise the kind, not yet returned.
	first []byte
}

// NewReader starts reading a file named name (for the kind, the encoding and
// error messages) from r. kind may be nil: it is then recognised from the
// name, else from the CSV header or the first JSON line's keys. The text is
// UTF-8 (a byte order mark is skipped) unless a line is not valid UTF-8: from
// that line on it is read as windows-1251, as 1С writes it.
func NewReader(name string, r io.Reader, kind *Kind) (*Reader, error) {
	rd := &Reader{kind: kind, file: filepath.Base(name), enc: EncodingOfFile(name), src: newLineSource(r)}
	if rd.kind == nil {
		rd.kind = KindOfFile(name)
	}
	if rd.enc == JSONL {
		return rd, rd.startJSON()
	}
	return rd, rd.startCSV()
}

// Kind returns the file's kind.
func (rd *Reader) Kind() *Kind { return rd.kind }

// Windows1251 reports whether the file turned out to be windows-1251.
func (rd *Reader) Windows1251() bool { return rd.src.cp1251 }

func (rd *Reader) fail(format string, args ...any) error {
	return &LineError{File: rd.file, Line: max(rd.line, 1), Reason: sprintf(format, args...)}
}

func (rd *Reader) startCSV() error {
	rd.csv = csv.NewReader(rd.src)
	rd.csv.Comma = ';'
	rd.csv.FieldsPerRecord = -1
	rd.csv.ReuseRecord = true
	header, err := rd.csv.Read()
	if errors.Is(err, io.EOF) {
		return rd.fail("пустой файл: нет строки заголовка")
	}
	if err != nil {
		return rd.fail("строка заголовка: %v", err)
	}
	rd.line = 1
	names := make([]string, len(header))
	for i, h := range header {
		names[i] = strings.ToLower(strings.TrimSpace(h))
	}
	if rd.kind == nil {
		rd.kind = kindOfHeader(names)
	}
	if rd.kind == nil {
		return rd.fail("вид записей не узнан ни по имени файла, ни по заголовку")
	}
	return rd.mapColumns(names)
}

func (rd *Reader) mapColumns(names []string) error {
	rd.cols = make([]int, len(names))
	for i, n := range names {
		rd.cols[i] = rd.kind.Field(n)
		if rd.cols[i] < 0 {
			return &LineError{File: rd.file, Line: 1, Field: n, Reason: "нет такого поля у вида " + rd.kind.Name}
		}
		if slices.Contains(names[:i], n) {
			return &LineError{File: rd.file, Line: 1, Field: n, Reason: "поле повторяется"}
		}
	}
	for _, f := range rd.kind.Fields {
		if f.Required && !slices.Contains(names, f.Name) {
			return &LineError{File: rd.file, Line: 1, Field: f.Name, Reason: "обязательного поля нет в заголовке"}
		}
	}
	return nil
}

func (rd *Reader) startJSON() error {
	if rd.kind != nil {
		return nil
	}
	for {
		line, err := rd.src.line()
		if errors.Is(err, io.EOF) {
			return rd.fail("пустой файл: вид записей не узнан")
		}
		if err != nil {
			return err
		}
		rd.line++
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		var obj map[string]json.RawMessage
		if json.Unmarshal(line, &obj) != nil {
			return rd.fail("не объект JSON")
		}
		names := make([]string, 0, len(obj))
		for n := range obj {
			names = append(names, n)
		}
		if rd.kind = kindOfHeader(names); rd.kind == nil {
			return rd.fail("вид записей не узнан ни по имени файла, ни по полям первой строки")
		}
		rd.first = slices.Clone(line)
		return nil
	}
}

// Next returns the next record, io.EOF at the end, a *LineError for a bad
// line (reading may go on), or another error that ends the file. The record
// is reused by the next call.
func (rd *Reader) Next(rec *Record) error {
	if rec.Kind != rd.kind {
		panic("exchange: record of kind " + rec.Kind.Name + " for a file of kind " + rd.kind.Name)
	}
	rec.Reset()
	rec.File = rd.file
	if rd.enc == JSONL {
		return rd.nextJSON(rec)
	}
	return rd.nextCSV(rec)
}

func (rd *Reader) nextCSV(rec *Record) error {
	row, err := rd.csv.Read()
	if errors.Is(err, io.EOF) {
		return io.EOF
	}
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		rd.line = pe.Line
		rec.Line = pe.Line
		return rec.Errorf("", "строка CSV: %v", pe.Err)
	}
	if err != nil {
		return err
	}
	rd.line, _ = rd.csv.FieldPos(0)
	rec.Line = rd.line
	if len(row) != len(rd.cols) {
		return rec.Errorf("", "полей %d, а в заголовке %d", len(row), len(rd.cols))
	}
	for i, v := range row {
		rec.vals[rd.cols[i]] = v
	}
	if e := rec.check(); e != nil {
		return e
	}
	return nil
}

func (rd *Reader) nextJSON(rec *Record) error {
	line := rd.first
	rd.first = nil
	for len(bytes.TrimSpace(line)) == 0 {
		var err error
		if line, err = rd.src.line(); err != nil {
			return err
		}
		rd.line++
	}
	rec.Line = rd.line
	if e := decodeJSONLine(rec, line); e != nil {
		return e
	}
	if e := rec.check(); e != nil {
		return e
	}
	return nil
}

// decodeJSONLine fills rec from one JSON object. Numbers keep their text
// (never a float), booleans become true/false, null is empty.
func decodeJSONLine(rec *Record, line []byte) *LineError {
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(line, &obj); err != nil {
		return rec.Errorf("", "не объект JSON: %v", err)
	}
	for name, raw := range obj {
		i := rec.Kind.Field(name)
		if i < 0 {
			return rec.Errorf(name, "нет такого поля у вида %s", rec.Kind.Name)
		}
		v, ok := jsonText(raw)
		if !ok {
			return rec.Errorf(name, "не строка, число или логическое значение")
		}
		rec.vals[i] = v
	}
	return nil
}

func jsonText(raw json.RawMessage) (string, bool) {
	raw = bytes.TrimSpace(raw)
	switch {
	case len(raw) == 0 || string(raw) == "null":
		return "", true
	case raw[0] == '"':
		var s string
		return s, json.Unmarshal(raw, &s) == nil
	case string(raw) == "true" || string(raw) == "false":
		return string(raw), true
	case (raw[0] == '-' || raw[0] >= '0' && raw[0] <= '9') && json.Valid(raw) && !bytes.ContainsAny(raw, "eE"):
		return string(raw), true
	}
	return "", false
}

// lineSource hands out the file line by line in UTF-8: a BOM is dropped, and
// from the first line that is not valid UTF-8 on, lines are decoded from
// windows-1251. It is also an io.Reader for encoding/csv.
type lineSource struct {
	br     *bufio.Reader
	cp1251 bool
	first  bool
	buf    []byte // the rest of the current line, for Read
}

func newLineSource(r io.Reader) *lineSource {
	return &lineSource{br: bufio.NewReaderSize(r, 64<<10), first: true}
}

func (s *lineSource) line() ([]byte, error) {
	line, err := s.br.ReadBytes('\n')
	if len(line) == 0 && err != nil {
		return nil, err
	}
	if s.first {
		line = bytes.TrimPrefix(line, []byte("\xef\xbb\xbf"))
		s.first = false
	}
	if !s.cp1251 && !utf8.Valid(line) {
		s.cp1251 = true
	}
	if s.cp1251 {
		line, _ = charmap.Windows1251.NewDecoder().Bytes(line)
	}
	return line, nil
}

func (s *lineSource) Read(p []byte) (int, error) {
	for len(s.buf) == 0 {
		line, err := s.line()
		if err != nil {
			return 0, err
		}
		s.buf = line
	}
	n := copy(p, s.buf)
	s.buf = s.buf[n:]
	return n, nil
}
