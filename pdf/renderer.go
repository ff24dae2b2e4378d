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

// Renderer makes the documents. It keeps the QR symbols of recent payment
// strings, so reprinting a bill does not encode its codes again. A Renderer
// is safe for concurrent use.
type Renderer struct {
	// Phone is the supplier's phone printed in a bill's footer.
	Phone string
	qr    *qrCoder
}

// NewRenderer returns a Renderer with the demo supplier's phone.
func NewRenderer() *Renderer {
	return &Renderer{Phone: "8-800-100-9777", qr: newQRCoder(4096)}
}

// Bill renders b with a new Renderer; use one Renderer for many bills.
func Bill(b *kabinet.Bill) ([]byte, error) { return NewRenderer().Bill(b) }

// Statement renders s with a new Renderer.
func Statement(s *kabinet.Statement) ([]byte, error) { return NewRenderer().Statement(s) }

// SampleBill renders the explained sample of b with a new Renderer.
func SampleBill(b *kabinet.Bill) ([]byte, error) { return NewRenderer().SampleBill(b) }

// newDoc starts an A4 document whose metadata depends only on its content:
// the dates are the document's own and the catalogue is sorted, so two
// renderings are byte for byte the same.
func newDoc(title string, issued time.Time) *fpdf.Fpdf {
	f := fpdf.New("P", "mm", "A4", "")
	f.AddUTF8FontFromBytes(font, "", ptSansRegular)
	f.AddUTF8FontFromBytes(font, "B", ptSansBold)
	f.SetCreationDate(issued)
	f.SetModificationDate(issued)
	f.SetCatalogSort(true)
	f.SetTitle(title, true)
	f.SetCreator("Kabinet", true)
	f.SetMargins(marginX, marginTop, marginX)
	f.SetAutoPageBreak(false, 0)
	f.SetLineWidth(thinLine)
	return f
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
