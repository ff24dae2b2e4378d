package exchange

import (
	"context"
	"os"
	"path/filepath"
	"strconv"

	"kabinet"
)

// WorldSource is what ExportWorld reads.
type WorldSource interface {
	FindProviders(ctx context.Context) ([]*kabinet.Provider, error)
	FindAccountsAfter(ctx context.Context, after int64, limit int) ([]*kabinet.Account, error)
	FindAccountData(ctx context.Context, from, to int64, since kabinet.Period) (*kabinet.AccountData, error)
	FindReadingsOf(ctx context.Context, meterIDs []int64) ([]*kabinet.Reading, error)
	FindLedgerOf(ctx context.Context, subIDs []int64) ([]*kabinet.LedgerEntry, error)
	FindBillsOf(ctx context.Context, from, to int64) ([]*kabinet.Bill, error)
}

// ExportWorld writes a whole Kabinet world as the billing system's IN files
// in dir (providers, accounts as a full snapshot, sub-accounts, meters,
// readings, ledger, bills), as a billing system would send them: for the
// round trip of the tests and bench/import, and to move a world from one
// database to another. Rows the billing system sent keep its IDs; the others
// get IDs made from Kabinet's (A12 for account 12).
func ExportWorld(ctx context.Context, src WorldSource, dir string, enc Encoding) error {
	w, err := newWorldWriter(dir, enc)
	if err != nil {
		return err
	}
	defer w.close()
	providers, err := src.FindProviders(ctx)
	if err != nil {
		return err
	}
	w.providers = map[int64]*kabinet.Provider{}
	for _, p := range providers {
		w.providers[p.ID] = p
		if err := w.write(KindProviders, providerRecord(p)); err != nil {
			return err
		}
	}
	for after := int64(0); ; {
		accounts, err := src.FindAccountsAfter(ctx, after, 1000)
		if err != nil || len(accounts) == 0 {
			if err == nil {
				err = w.flush()
			}
			return err
		}
		if err := w.accounts(ctx, src, accounts); err != nil {
			return err
		}
		after = accounts[len(accounts)-1].ID
	}
}

type worldWriter struct {
	files     map[*Kind]*os.File
	writers   map[*Kind]*Writer
	providers map[int64]*kabinet.Provider
	subExt    map[int64]string
}

func newWorldWriter(dir string, enc Encoding) (*worldWriter, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	w := &worldWriter{files: map[*Kind]*os.File{}, writers: map[*Kind]*Writer{}}
	for _, k := range []*Kind{KindProviders, KindAccounts, KindSubAccounts, KindMeters, KindReadings, KindLedger, KindBills} {
		name := k.Name + "." + string(enc)
		if k == KindAccounts {
			name = "accounts-full." + string(enc)
		}
		f, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			w.close()
			return nil, err
		}
		w.files[k] = f
		if w.writers[k], err = NewWriter(f, k, enc, false); err != nil {
			w.close()
			return nil, err
		}
	}
	return w, nil
}

func (w *worldWriter) write(k *Kind, r *Record) error { return w.writers[k].Write(r) }

func (w *worldWriter) flush() error {
	for k, wr := range w.writers {
		if err := wr.Flush(); err != nil {
			return err
		}
		if err := w.files[k].Sync(); err != nil {
			return err
		}
	}
	return nil
}

func (w *worldWriter) close() {
	for _, f := range w.files {
		f.Close()
	}
}

func extOr(ext, prefix string, id int64) string {
	if ext != "" {
		return ext
	}
	return prefix + strconv.FormatInt(id, 10)
}

func (w *worldWriter) accounts(ctx context.Context, src WorldSource, accounts []*kabinet.Account) error {
	from, to := accounts[0].ID, accounts[len(accounts)-1].ID
	data, err := src.FindAccountData(ctx, from, to, kabinet.Period{})
	if err != nil {
		return err
	}
	w.subExt = map[int64]string{}
	var subIDs, meterIDs []int64
	meterExt := map[int64]string{}
	for _, a := range accounts {
		if err := w.write(KindAccounts, accountRecord(a)); err != nil {
			return err
		}
		for _, s := range data.SubAccounts[a.ID] {
			w.subExt[s.ID] = extOr(s.ExternalID, "S", s.ID)
			subIDs = append(subIDs, s.ID)
			if err := w.write(KindSubAccounts, w.subAccountRecord(a, s)); err != nil {
				return err
			}
		}
		for _, m := range data.Meters[a.ID] {
			meterExt[m.ID] = extOr(m.ExternalID, "M", m.ID)
			meterIDs = append(meterIDs, m.ID)
			if err := w.write(KindMeters, w.meterRecord(m)); err != nil {
				return err
			}
		}
	}
	if err := w.readings(ctx, src, meterIDs, meterExt); err != nil {
		return err
	}
	if err := w.ledger(ctx, src, subIDs); err != nil {
		return err
	}
	return w.bills(ctx, src, from, to, accounts, data)
}
