// Package pdf renders bills (единый платёжный документ), the explained
// sample bill and reconciliation statements as A4 PDF documents with
// go-pdf/fpdf, in PT Sans, with a ГОСТ Р 56042-2014 payment QR code per
// provider. Output is deterministic: the same snapshot gives the same bytes,
// so a bill can be made again at any time instead of being stored.
package pdf

import (
	"bytes"
	_ "embed"
	"fmt"
	"time"

	"github.com/go-pdf/fpdf"

	"kabinet"
)

// The fonts travel inside the binary rather than being read from
// /usr/share/fonts at run time: the server then needs no font package, and
// a Debian font update cannot change the bytes of a bill (see fonts/README).
var (
	//go:embed fonts/PTS55F.ttf
	ptSansRegular []byte
	//go:embed fonts/PTS75F.ttf
	ptSansBold []byte
)

// font is the family name the documents use.
const font = "PTSans"

// demoPhone is the demo supplier's phone; a real one sets Renderer.Phone.
const demoPhone = "8-800-100-9777"

// Renderer makes the documents. It prepares the fonts once (see
// preparedFont) and keeps the QR symbols of recent payment strings, so
// reprinting a bill does not encode its codes again. Make one and use it
// for every document: it is safe for concurrent use.
type Renderer struct {
	// Phone is the supplier's phone printed in a bill's footer.
	Phone string
	// Location is the supplier's time zone, in which the date a document
	// was issued is printed (UTC when nil): a bill issued in the night
	// after a month ended is dated the 1st there, not the 31st.
	Location *time.Location
	qr       *qrCoder
	fonts    *fontSet // nil: every document uses the Unicode fonts
}

// NewRenderer returns a Renderer with the demo supplier's phone. It takes
// some 30 ms to prepare the fonts. Should that fail (it could only if fpdf
// changed how it writes fonts, which a test watches), the Renderer still
// works with fpdf's slower Unicode fonts.
func NewRenderer() *Renderer {
	fonts, err := prepareFonts()
	if err != nil {
		fonts = nil
	}
	return &Renderer{Phone: demoPhone, qr: newQRCoder(4096), fonts: fonts}
}

// Bill renders one bill without preparing fonts, which pays for a single
// document; for more, use a Renderer.
func Bill(b *kabinet.Bill) ([]byte, error) { return oneShot().Bill(b) }

// Statement renders one statement; for more, use a Renderer.
func Statement(s *kabinet.Statement) ([]byte, error) { return oneShot().Statement(s) }

// SampleBill renders one explained sample; for more, use a Renderer.
func SampleBill(b *kabinet.Bill) ([]byte, error) { return oneShot().SampleBill(b) }

// oneShot is a Renderer with the Unicode fonts: about 6 ms slower per
// document than prepared ones, but without the 30 ms of preparing them.
func oneShot() *Renderer {
	return &Renderer{Phone: demoPhone, qr: newQRCoder(2)}
}

// issued is the date a document issued at t bears.
func (r *Renderer) issued(t time.Time) string {
	if r.Location != nil {
		t = t.In(r.Location)
	}
	return date(t)
}

// render draws a document with the prepared fonts and, if its text strays
// outside their codepage (a rare letter in a name), again with the Unicode
// fonts, which have every glyph of PT Sans.
func (r *Renderer) render(draw func(fonts *fontSet) (doc, error)) ([]byte, error) {
	d, err := draw(r.fonts)
	if err == nil && d.cp != nil && *d.strayed {
		d, err = draw(nil)
	}
	if err != nil {
		return nil, err
	}
	return output(d.Fpdf)
}

// newDoc starts an A4 document in PT Sans, prepared (fonts) or Unicode
// (nil), whose metadata depends only on its content: the dates are the
// document's own and the catalogue is sorted, so two renderings are byte
// for byte the same.
func newDoc(title string, issued time.Time, fonts *fontSet) doc {
	f := fpdf.New("P", "mm", "A4", "")
	d := doc{Fpdf: f, strayed: new(bool)}
	if fonts != nil {
		f.AddFontFromBytes(font, "", fonts.regular.def, fonts.regular.z)
		f.AddFontFromBytes(font, "B", fonts.bold.def, fonts.bold.z)
		d.cp = fonts.cp
	} else {
		f.AddUTF8FontFromBytes(font, "", ptSansRegular)
		f.AddUTF8FontFromBytes(font, "B", ptSansBold)
	}
	f.SetCreationDate(issued)
	f.SetModificationDate(issued)
	f.SetCatalogSort(true)
	f.SetTitle(title, true)
	f.SetCreator("Kabinet", true)
	f.SetMargins(marginX, marginTop, marginX)
	f.SetAutoPageBreak(false, 0)
	f.SetLineWidth(thinLine)
	return d
}

// output finishes f; fpdf keeps the first error of any call, so it is
// checked once here.
func output(f *fpdf.Fpdf) ([]byte, error) {
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		return nil, fmt.Errorf("pdf: %w", err)
	}
	return buf.Bytes(), nil
}
