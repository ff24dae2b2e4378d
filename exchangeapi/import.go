package exchangeapi

import (
	"context"
	"fmt"
	"io"
	"mime"
	"net/http"
	"os"
	"path/filepath"
	"strings"

	"kabinet"
	"kabinet/clientip"
	"kabinet/exchange"
)

// Importer imports one file of the billing system and settles what it
// left stale, or checks it without writing. *exchange.Importer satisfies
// it.
type Importer interface {
	ImportSettled(ctx context.Context, path string, kind *exchange.Kind) (*exchange.Summary, error)
	Check(ctx context.Context, path string, kind *exchange.Kind) (*exchange.Summary, error)
}

// maxImport bounds one request's body: a nightly delta is some megabytes,
// a full snapshot of a million accounts some hundreds.
const maxImport = 2 << 30

// handleImport answers POST /{kind}: the body is one file of an incoming
// kind, CSV (text/csv, UTF-8 or windows-1251) or JSON Lines
// (application/x-ndjson); ?full=true marks a full snapshot, and
// ?dry_run=1 checks the file and writes nothing. The answer is the
// import's summary (or what the import would do) with every bad line, 200
// when nothing was refused and 422 otherwise. The body is kept in a temporary file for the
// importer, which reads a file twice when it must balance.
func (s *Server) handleImport(w http.ResponseWriter, r *http.Request) error {
	kind := exchange.KindByName(r.PathValue("kind"))
	if kind == nil || kind.Direction != exchange.In {
		return kabinet.Errorf(kabinet.ENOTFOUND, "Нет такого вида записей для загрузки: %q", r.PathValue("kind"))
	}
	if s.importer == nil {
		return kabinet.Errorf(kabinet.ENOTFOUND, "Загрузка через обмен не настроена")
	}
	path, cleanup, err := saveBody(r, kind)
	if err != nil {
		return err
	}
	defer cleanup()
	importFile, dry := s.importer.ImportSettled, dryRun(r)
	if dry {
		importFile = s.importer.Check
	}
	sum, err := importFile(r.Context(), path, kind)
	t := token(r)
	detail := fmt.Sprintf("%s: %v", kind.Name, err)
	if sum != nil {
		detail = sum.String()
	}
	if dry {
		detail = "проверка без записи: " + detail
	}
	if aerr := s.tokens.Audit(r.Context(), t, kabinet.AuditExchangeImport, detail, clientip.Of(r, s.cfg.TrustProxy)); aerr != nil && err == nil {
		err = aerr
	}
	if err != nil {
		return err
	}
	status := http.StatusOK
	if !sum.OK() {
		status = http.StatusUnprocessableEntity
	}
	out := summaryJSON(sum)
	out.DryRun = dry
	writeJSON(w, status, out)
	return nil
}

// dryRun reports whether the request asks for a check only (?dry_run=1
// or true).
func dryRun(r *http.Request) bool {
	v := r.URL.Query().Get("dry_run")
	return v == "1" || v == "true"
}

// saveBody writes the request's body to a temporary file whose name tells
// the importer the kind, the encoding and whether it is a full snapshot;
// a multipart body (bill_files with its PDFs) is saved by saveParts.
func saveBody(r *http.Request, kind *exchange.Kind) (string, func(), error) {
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	name := kind.Name + "-api"
	if r.URL.Query().Get("full") == "true" {
		name += "-full"
	}
	dir, err := os.MkdirTemp("", "kabinet-exchange-")
	if err != nil {
		return "", nil, err
	}
	cleanup := func() { os.RemoveAll(dir) }
	body := http.MaxBytesReader(nil, r.Body, maxImport)
	var path string
	if mt == "multipart/form-data" {
		path, err = saveParts(r, body, kind, dir, name)
	} else {
		path = filepath.Join(dir, name+"."+string(encodingOf(mt)))
		err = saveFile(path, body)
	}
	if err != nil {
		cleanup()
		if kabinet.ErrorCode(err) == kabinet.EINVALID {
			return "", nil, err
		}
		return "", nil, kabinet.Errorf(kabinet.EINVALID, "Файл не принят целиком: %v", err)
	}
	return path, cleanup, nil
}

// encodingOf is the encoding a media type names: JSON Lines for a JSON
// type, else CSV.
func encodingOf(mediaType string) exchange.Encoding {
	if strings.Contains(mediaType, "json") {
		return exchange.JSONL
	}
	return exchange.CSV
}

// saveFile copies r to a new file at path.
func saveFile(path string, r io.Reader) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	_, err = io.Copy(f, r)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// importSummary is an import's summary as JSON.
type importSummary struct {
	Kind         string      `json:"kind"`
	DryRun       bool        `json:"dry_run"`
	Lines        int         `json:"lines"`
	Inserted     int         `json:"inserted"`
	Updated      int         `json:"updated"`
	Closed       int         `json:"closed"`
	Refused      int         `json:"refused"`
	RefusedWhole bool        `json:"refused_whole"`
	Errors       []lineError `json:"errors"`
}

type lineError struct {
	Line   int    `json:"line"`
	Field  string `json:"field,omitempty"`
	Reason string `json:"reason"`
}

func summaryJSON(s *exchange.Summary) importSummary {
	out := importSummary{Kind: s.Kind, Lines: s.Lines, Inserted: s.Inserted, Updated: s.Updated, Closed: s.Closed,
		Refused: s.Refused, RefusedWhole: s.RefusedWhole, Errors: []lineError{}}
	for _, e := range s.Errors {
		out.Errors = append(out.Errors, lineError{Line: e.Line, Field: e.Field, Reason: e.Reason})
	}
	return out
}
