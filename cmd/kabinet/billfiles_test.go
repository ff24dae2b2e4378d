package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kabinet/exchange"
	"kabinet/sqlstore/sqlstoretest"
)

// TestSupplierBillPDF: the supplier's own PDF of a bill, named by a
// bill_files line beside it, is what «Счета» serves for that period
// (other periods keep the rendered ЕПД), and what `kabinet bill` prints;
// a file that is not a PDF, one
// too large and one missing are bad lines; importing again changes
// nothing. Both engines.
func TestSupplierBillPDF(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		m := MustRunMain(t, dsn)
		ctx := context.Background()
		c := newPortalCustomer(t, m)
		if _, err := m.app.DB.SQL().ExecContext(ctx, `UPDATE accounts SET external_id = 'A1' WHERE id = $1`, c.account.ID); err != nil {
			t.Fatal(err)
		}
		dir := t.TempDir()
		own := []byte("%PDF-1.4\n% the supplier's own bill for October 2026\n%%EOF\n")
		files := map[string][]byte{
			"bill-A1-2026-10.pdf": own,
			"bill-A1-2026-08.pdf": []byte("<html>not a pdf</html>"),
			"bill-A1-2026-07.pdf": append([]byte("%PDF-1.4\n"), make([]byte, exchange.MaxBillPDF)...),
			"bill_files.csv": []byte("account_id;period;file\nA1;2026-10;bill-A1-2026-10.pdf\nA1;2026-08;bill-A1-2026-08.pdf\n" +
				"A1;2026-07;bill-A1-2026-07.pdf\nA1;2026-06;bill-A1-2026-06.pdf\nA1;2026-05;../secret.pdf\n"),
		}
		for name, data := range files {
			if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		im := m.app.Importer()
		sums, err := im.ImportPath(ctx, dir)
		if err != nil || len(sums) != 1 || sums[0].Inserted != 1 || sums[0].Refused != 4 {
			t.Fatalf("import: %v, %v", sums, err)
		}
		for i, want := range []string{"не PDF", "больше 5 МБ", "нет файла", "имя файла без каталога"} {
			if e := sums[0].Errors[i]; e.Field != "file" || !strings.Contains(e.Reason, want) {
				t.Errorf("error %d: %v, want %q", i, e, want)
			}
		}
		get := func(period string) []byte {
			res, err := c.http.Get(m.URL() + c.path("bills/"+period+".pdf"))
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			body, _ := io.ReadAll(res.Body)
			if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != "application/pdf" {
				t.Fatalf("GET the bill of %s: %d %s", period, res.StatusCode, res.Header.Get("Content-Type"))
			}
			return body
		}
		if got := get("2026-10"); !bytes.Equal(got, own) {
			t.Errorf("October's bill is not the supplier's PDF: %.40q", got)
		}
		if got := get("2026-09"); bytes.Equal(got, own) || !bytes.HasPrefix(got, []byte("%PDF-")) {
			t.Errorf("September's bill is not the rendered ЕПД: %.40q", got)
		}
		for period, want := range map[string]bool{"2026-10": true, "2026-09": false} {
			var out bytes.Buffer
			if err := run(ctx, []string{"bill", "--db", dsn, c.account.Display, period}, &out); err != nil {
				t.Fatal(err)
			}
			if bytes.Equal(out.Bytes(), own) != want || !bytes.HasPrefix(out.Bytes(), []byte("%PDF-")) {
				t.Errorf("`kabinet bill` of %s gave %.40q; the supplier's PDF wanted: %v", period, out.Bytes(), want)
			}
		}
		im.Again = true
		if sums, err := im.ImportPath(ctx, dir); err != nil || sums[0].Inserted+sums[0].Updated != 0 {
			t.Errorf("the same files again: %v, %v", sums, err)
		}
	})
}
