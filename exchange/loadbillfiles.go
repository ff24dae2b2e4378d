package exchange

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"kabinet"
)

// MaxBillPDF bounds one supplier's bill PDF: a one-page ЕПД is some tens
// of kilobytes, a scanned one a few megabytes.
const MaxBillPDF = 5 << 20

// loadBillFiles keeps the supplier's PDF of each account's bill for a
// period: the file named on the line, beside the file of lines, must be a
// PDF (it starts with %PDF-) of at most MaxBillPDF bytes. Each PDF is
// written in its own transaction, so a chunk holds one file in memory at
// a time; the same content again changes nothing, a different one
// replaces it.
func loadBillFiles(ctx context.Context, run *fileRun, recs []*Record, _ kabinet.Batch) error {
	accounts, err := run.known(ctx, "accounts", recs, "account_id")
	if err != nil {
		return err
	}
	for _, r := range run.good(recs) {
		acc, ok := accounts[r.Get("account_id")]
		if !ok {
			run.bad(r, "account_id", "нет такого лицевого счёта: %q", r.Get("account_id"))
			continue
		}
		data, ok := run.billPDF(r)
		if !ok {
			continue
		}
		if run.check || run.im.DryRun {
			run.sum.Inserted++
			continue
		}
		sum := sha256.Sum256(data)
		ins, upd, err := run.im.Store.SaveBillPDF(ctx, acc, r.Period("period"), hex.EncodeToString(sum[:]), data)
		if err != nil {
			return err
		}
		if ins {
			run.sum.Inserted++
		}
		if upd {
			run.sum.Updated++
		}
	}
	return nil
}

// billPDF reads the line's file: a plain name in the file's directory, a
// PDF by its first bytes, within MaxBillPDF.
func (run *fileRun) billPDF(r *Record) ([]byte, bool) {
	name := r.Get("file")
	if name != filepath.Base(name) || name == "." || name == ".." {
		run.bad(r, "file", "имя файла без каталога: %q", name)
		return nil, false
	}
	f, err := os.Open(filepath.Join(run.dir, name))
	if errors.Is(err, fs.ErrNotExist) {
		run.bad(r, "file", "нет файла %q рядом с этим файлом", name)
		return nil, false
	}
	if err != nil {
		run.bad(r, "file", "файл %q не читается: %v", name, err)
		return nil, false
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxBillPDF+1))
	switch {
	case err != nil:
		run.bad(r, "file", "файл %q не читается: %v", name, err)
	case len(data) > MaxBillPDF:
		run.bad(r, "file", "файл %q больше %d МБ", name, MaxBillPDF>>20)
	case !bytes.HasPrefix(data, []byte("%PDF-")):
		run.bad(r, "file", "файл %q не PDF", name)
	default:
		return data, true
	}
	return nil, false
}
