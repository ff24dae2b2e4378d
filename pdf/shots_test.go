package pdf

import (
	"os"
	"path/filepath"
	"testing"
)

// TestShots writes the demo documents to the directory named by
// KABINET_PDF_SHOTS, to be looked at (pdftoppm -r 110 -png …): a test can
// check text and codes, but only a person sees whether a bill looks right.
// Without the variable they go to a temporary directory, so CI still
// renders them all (and never reports a skipped test).
func TestShots(t *testing.T) {
	dir := os.Getenv("KABINET_PDF_SHOTS")
	if dir == "" {
		dir = t.TempDir()
	}
	r := NewRenderer()
	docs := map[string]func() ([]byte, error){
		"bill":      func() ([]byte, error) { return r.Bill(demoBill()) },
		"statement": func() ([]byte, error) { return r.Statement(demoStatement()) },
		"sample":    func() ([]byte, error) { return r.SampleBill(demoBill()) },
		"overpaid":  func() ([]byte, error) { return r.Bill(overpaidBill()) },
	}
	for name, render := range docs {
		doc, err := render()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if err := os.WriteFile(filepath.Join(dir, name+".pdf"), doc, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
