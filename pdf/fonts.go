package pdf

import (
	"bytes"
	"encoding/json"
	"errors"
	"strconv"

	"github.com/go-pdf/fpdf"
)

// preparedFont is a font ready for fpdf's single-byte TrueType path: its
// definition (widths, metrics, encoding) as fpdf's JSON, and a subset of
// PT Sans holding the codepage's glyphs, zlib-compressed.
//
// Why: fpdf's Unicode fonts cost about 3 ms per font in every document —
// it JSON-hashes a 65,536-entry width table, maps every glyph of the font
// and subsets and compresses afresh — which alone would break the 4 ms
// per bill. Done once per Renderer, a document only copies ~25 KB of font.
type preparedFont struct {
	def, z []byte
}

// fontSet is PT Sans regular and bold prepared for one codepage.
type fontSet struct {
	cp            *codepage
	regular, bold preparedFont
}

func prepareFonts() (*fontSet, error) {
	cp := newCodepage()
	regular, err := prepareFont(cp, ptSansRegular, "PTSans-Regular")
	if err != nil {
		return nil, err
	}
	bold, err := prepareFont(cp, ptSansBold, "PTSans-Bold")
	return &fontSet{cp: cp, regular: regular, bold: bold}, err
}

// fontDef mirrors the fields of fpdf's font definition JSON.
type fontDef struct {
	Tp, Name     string
	Desc         fpdf.FontDescType
	Up, Ut       int
	Cw           []int
	Enc, Diff    string
	File         string
	OriginalSize int
}

// prepareFont makes the subset of ttf by letting fpdf subset it in a
// throwaway document that uses every codepage character, and takes the
// metrics from the same document.
func prepareFont(cp *codepage, ttf []byte, name string) (preparedFont, error) {
	f := fpdf.New("P", "pt", "A4", "")
	f.AddUTF8FontFromBytes(font, "", ttf)
	f.SetFont(font, "", 1000) // at 1000 pt a width in points is in glyph units
	f.AddPage()
	f.Cell(10, 10, cp.all())
	def := fontDef{Tp: "TrueType", Name: "KBNTPT+" + name, Desc: f.GetFontDesc(font, ""),
		Up: -100, Ut: 50, Cw: make([]int, 256), Enc: "kabinet", Diff: cp.differences(), File: name + ".z"}
	def.Desc.Flags = fpdf.FontFlagNonsymbolic // glyphs are found by their Unicode names
	for code := 32; code < 256; code++ {
		if code >= 127 && code < 128 || code >= 128+len(cp.runes) {
			continue
		}
		r := rune(code)
		if code >= 128 {
			r = cp.runes[code-128]
		}
		def.Cw[code] = f.GetStringSymbolWidth(string(r))
	}
	var out bytes.Buffer
	if err := f.Output(&out); err != nil {
		return preparedFont{}, err
	}
	z, size, err := fontStream(out.Bytes())
	if err != nil {
		return preparedFont{}, err
	}
	def.OriginalSize = size
	js, err := json.Marshal(def)
	return preparedFont{def: js, z: z}, err
}

// fontStream finds the embedded font file in a PDF that fpdf v0.9.0 wrote
// with one Unicode font: the stream after "/Length1", still compressed,
// and its uncompressed size.
func fontStream(doc []byte) (z []byte, size int, err error) {
	bad := errors.New("pdf: no font stream in fpdf's output")
	i := bytes.Index(doc, []byte("\n/Length1 "))
	open := bytes.LastIndex(doc[:max(i, 0)], []byte("<</Length "))
	if i < 0 || open < 0 {
		return nil, 0, bad
	}
	n, err1 := strconv.Atoi(string(bytes.Fields(doc[open+len("<</Length "):])[0]))
	size, err2 := strconv.Atoi(string(bytes.Fields(doc[i+len("\n/Length1 "):])[0]))
	start := bytes.Index(doc[i:], []byte("stream\n"))
	if err1 != nil || err2 != nil || start < 0 || i+start+len("stream\n")+n > len(doc) {
		return nil, 0, bad
	}
	start += i + len("stream\n")
	return doc[start : start+n], size, nil
}
