package web

import (
	"net/http"
	"strings"

	"kabinet"
	"kabinet/auth"
)

// BillLink is one row of «Период / Счет на оплату».
type BillLink struct {
	Period string // «Ноябрь 2026»
	URL    string
}

func billLinks(a *kabinet.Account, periods []kabinet.Period) []BillLink {
	links := make([]BillLink, len(periods))
	for i, p := range periods {
		links[i] = BillLink{Period: capitalize(p.Title()), URL: accountPath(a, "bills/"+p.String()+".pdf")}
	}
	return links
}

func capitalize(s string) string {
	for i := range s {
		if i > 0 {
			return strings.ToUpper(s[:i]) + s[i:]
		}
	}
	return s
}

// handleBillPDF sends the bill of the period in the URL («Квитанция»,
// BILL-1) to be shown in the browser, printed or saved: the supplier's
// own PDF when its billing sent one, else the ЕПД rendered from the
// bill. A period without a bill, or not written as YYYY-MM.pdf, is 404.
func (s *portalSite) handleBillPDF(w http.ResponseWriter, r *http.Request, v *auth.Visitor, a *kabinet.Account) error {
	name := r.PathValue("file")
	p, err := kabinet.ParsePeriod(strings.TrimSuffix(name, ".pdf"))
	if err != nil || name != p.String()+".pdf" { // one URL per bill
		return kabinet.Errorf(kabinet.ENOTFOUND, "Такого счета нет")
	}
	filename := "kvitanciya-" + a.Number.Digits + "-" + p.String() + ".pdf"
	own, err := s.home.SupplierBillPDF(r.Context(), a, p)
	if err == nil {
		return sendPDF(w, own, filename)
	} else if kabinet.ErrorCode(err) != kabinet.ENOTFOUND {
		return err
	}
	b, err := s.home.Bill(r.Context(), a, p)
	if err != nil {
		return err
	}
	doc, err := s.pdf.Bill(b)
	if err != nil {
		return err
	}
	return sendPDF(w, doc, filename)
}

// handleSamplePDF sends «Образец квитанции с пояснениями начислений»: the
// account's newest bill with its blocks explained.
func (s *portalSite) handleSamplePDF(w http.ResponseWriter, r *http.Request, v *auth.Visitor, a *kabinet.Account) error {
	b, err := s.home.NewestBill(r.Context(), a)
	if err != nil {
		return err
	}
	doc, err := s.pdf.SampleBill(b)
	if err != nil {
		return err
	}
	return sendPDF(w, doc, "obrazec-kvitancii-"+a.Number.Digits+".pdf")
}

// sendPDF writes doc inline with a file name, so the browser shows it in
// its viewer (print, save) and saves it under that name.
func sendPDF(w http.ResponseWriter, doc []byte, filename string) error {
	return writePDF(w, doc, "inline", filename)
}

// downloadPDF writes doc to be saved as a file, not shown.
func downloadPDF(w http.ResponseWriter, doc []byte, filename string) error {
	return writePDF(w, doc, "attachment", filename)
}

func writePDF(w http.ResponseWriter, doc []byte, disposition, filename string) error {
	h := w.Header()
	h.Set("Content-Type", "application/pdf")
	h.Set("Content-Disposition", disposition+`; filename="`+filename+`"`)
	// A bill is personal: no shared cache may keep it.
	h.Set("Cache-Control", "private, no-store")
	// The browser's PDF viewer is a plugin the page policy's
	// object-src 'none' would block; a PDF runs no script of ours.
	h.Set("Content-Security-Policy", "default-src 'none'; object-src 'self'; frame-ancestors 'none'")
	_, err := w.Write(doc)
	return err
}
