package exchange

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"io"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
)

// Writer writes records of one kind in one encoding: CSV (UTF-8 unless
// Windows1251, a header row first) or JSON Lines (UTF-8, one object a line,
// empty fields left out, numbers and booleans unquoted).
type Writer struct {
	kind *Kind
	enc  Encoding
	bw   *bufio.Writer
	csv  *csv.Writer
	row  []string
	line bytes.Buffer
	out  io.Writer
}

// NewWriter starts a file of kind k on w. With windows1251, CSV text is
// encoded as 1С expects it (characters windows-1251 lacks become «?»).
func NewWriter(w io.Writer, k *Kind, enc Encoding, windows1251 bool) (*Writer, error) {
	wr := &Writer{kind: k, enc: enc, bw: bufio.NewWriterSize(w, 64<<10)}
	wr.out = wr.bw
	if windows1251 && enc == CSV {
		wr.out = encoding.ReplaceUnsupported(charmap.Windows1251.NewEncoder()).Writer(wr.bw)
	}
	if enc != CSV {
		return wr, nil
	}
	wr.csv = csv.NewWriter(wr.out)
	wr.csv.Comma = ';'
	wr.csv.UseCRLF = windows1251
	return wr, wr.csv.Write(k.Names())
}

// Write writes one record of the writer's kind.
func (wr *Writer) Write(rec *Record) error {
	if rec.Kind != wr.kind {
		panic("exchange: record of kind " + rec.Kind.Name + " written to a file of kind " + wr.kind.Name)
	}
	if wr.enc == CSV {
		return wr.csv.Write(rec.vals)
	}
	wr.line.Reset()
	wr.line.WriteByte('{')
	n := 0
	for i, f := range wr.kind.Fields {
		v := rec.vals[i]
		if v == "" {
			continue
		}
		if n > 0 {
			wr.line.WriteByte(',')
		}
		n++
		name, _ := json.Marshal(f.Name)
		wr.line.Write(name)
		wr.line.WriteByte(':')
		writeJSONValue(&wr.line, f.Type, v)
	}
	wr.line.WriteString("}\n")
	_, err := wr.out.Write(wr.line.Bytes())
	return err
}

func writeJSONValue(b *bytes.Buffer, t FieldType, v string) {
	switch t {
	case Int, Money, Area, Tariff, Bool:
		if json.Valid([]byte(v)) {
			b.WriteString(v)
			return
		}
	}
	s, _ := json.Marshal(v)
	b.Write(s)
}

// Flush writes out what is buffered; call it once at the end.
func (wr *Writer) Flush() error {
	if wr.csv != nil {
		wr.csv.Flush()
		if err := wr.csv.Error(); err != nil {
			return err
		}
	}
	return wr.bw.Flush()
}
