package pdf

import (
	"bytes"
	"compress/zlib"
	"encoding/json"
	"io"
	"strings"
	"testing"
)

// TestPreparedFonts guards the reading of fpdf's output that prepareFont
// relies on: a new fpdf version that writes fonts otherwise fails here.
func TestPreparedFonts(t *testing.T) {
	fonts, err := prepareFonts()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []preparedFont{fonts.regular, fonts.bold} {
		var def fontDef
		if err := json.Unmarshal(f.def, &def); err != nil {
			t.Fatal(err)
		}
		zr, err := zlib.NewReader(bytes.NewReader(f.z))
		if err != nil {
			t.Fatal(err)
		}
		ttf, err := io.ReadAll(zr)
		if err != nil || len(ttf) != def.OriginalSize || string(ttf[:4]) != "\x00\x01\x00\x00" {
			t.Errorf("%s: the subset is %d bytes (%v), head %q; want %d bytes of TrueType", def.Name, len(ttf), err, ttf[:4], def.OriginalSize)
		}
		for code, w := range def.Cw[32:127] {
			if w == 0 {
				t.Errorf("%s: code %d has no width", def.Name, code+32)
			}
		}
		if ru := def.Cw[fonts.cp.codes['₽']]; ru == 0 || ru == def.Desc.MissingWidth {
			t.Errorf("%s: ₽ has width %d, as if the font lacked it", def.Name, ru)
		}
	}
	if r := NewRenderer(); r.fonts == nil {
		t.Error("NewRenderer fell back to the Unicode fonts")
	}
}

// TestUnicodeFallback: a name with a letter outside the codepage is drawn
// with the Unicode fonts, whole and still deterministic.
func TestUnicodeFallback(t *testing.T) {
	b := demoBill()
	b.Data.Payer = "Ğülşən Əliyeva"
	r := NewRenderer()
	doc := MustBill(t, r, b)
	if bytes.Contains(doc, []byte("KBNTPT+")) || !bytes.Contains(doc, []byte("/Type0")) {
		t.Error("the bill was not drawn with the Unicode fonts")
	}
	if text := pdfText(t, doc); !strings.Contains(text, "Ğülşən Əliyeva") {
		t.Errorf("the payer's name is lost:\n%s", text)
	}
	if !bytes.Equal(doc, MustBill(t, r, b)) {
		t.Error("the fallback is not deterministic")
	}
	if doc := MustBill(t, r, demoBill()); !bytes.Contains(doc, []byte("KBNTPT+")) {
		t.Error("a Russian bill was not drawn with the prepared fonts")
	}
}
