package pdf

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// needTool returns the path of a command-line tool the test checks PDFs
// with (Debian poppler-utils, zbar-tools). Without it the test is skipped,
// unless KABINET_TEST_TOOLS=1 says the machine must have it (CI).
func needTool(tb testing.TB, name string) string {
	tb.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("KABINET_TEST_TOOLS") == "1" {
			tb.Fatalf("%s is missing: apt-get install poppler-utils zbar-tools", name)
		}
		tb.Skipf("%s is missing (set KABINET_TEST_TOOLS=1 to fail instead)", name)
	}
	return path
}

// writePDF saves doc in a temporary directory and returns its path.
func writePDF(tb testing.TB, doc []byte) string {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "doc.pdf")
	if err := os.WriteFile(path, doc, 0o644); err != nil {
		tb.Fatal(err)
	}
	return path
}

// pdfText is the text pdftotext reads off doc, in reading order, with
// no-break spaces as plain ones so that tests can spell amounts simply.
func pdfText(tb testing.TB, doc []byte) string {
	tb.Helper()
	out, err := exec.Command(needTool(tb, "pdftotext"), "-layout", writePDF(tb, doc), "-").Output()
	if err != nil {
		tb.Fatalf("pdftotext: %v", err)
	}
	return strings.ReplaceAll(string(out), "\u00a0", " ")
}

// pageQRCodes renders page n of doc at 150 dpi, about what a phone camera
// sees of a printed bill, and returns the QR codes zbarimg reads there.
func pageQRCodes(tb testing.TB, doc []byte, n int) []string {
	tb.Helper()
	pdftoppm, zbarimg := needTool(tb, "pdftoppm"), needTool(tb, "zbarimg")
	dir := tb.TempDir()
	page := strconv.Itoa(n)
	if out, err := exec.Command(pdftoppm, "-r", "150", "-f", page, "-l", page, "-png", "-singlefile",
		writePDF(tb, doc), filepath.Join(dir, "page")).CombinedOutput(); err != nil {
		tb.Fatalf("pdftoppm: %v: %s", err, out)
	}
	out, err := exec.Command(zbarimg, "--raw", "-q", filepath.Join(dir, "page.png")).Output()
	if err != nil {
		tb.Fatalf("zbarimg found no code on page %d: %v", n, err)
	}
	return strings.Split(strings.TrimRight(string(out), "\n"), "\n")
}

// compact turns runs of spaces into one, so that a table's text can be
// matched whatever the column gaps.
func compact(s string) string { return strings.Join(strings.Fields(s), " ") }
