package sqlstore

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"

	"kabinet"
)

// A bill keeps its providers' details as they were when it was issued:
// the name, INN and bank account it printed. Nearly every bill of a world
// prints the same few sets of details, and stored in each bill they made
// its data 1,113 bytes on average instead of 790 (the 100,000-home
// world's database 2.80 GB instead of 2.12; issue 16). So each set is
// stored once in bill_providers, under a key made from its content, and a
// bill's section names it (provider_ref). A set is never changed: a
// provider whose details change gets a new key, and its older bills keep
// printing the old ones. Bills stored before migration 0127 keep their
// details inline ("provider"), and read as before.

// storedBill is a bill's data as the bills table holds it: the outer
// Providers hide BillData's in JSON.
type storedBill struct {
	*kabinet.BillData
	Providers []storedSection `json:"providers"`
}

// storedSection is a section with its provider's details by key (Ref), or
// inline (Provider) in a bill stored before migration 0127; the outer
// Provider hides BillProvider's in JSON.
type storedSection struct {
	*kabinet.BillProvider
	Provider *kabinet.Provider `json:"provider,omitempty"`
	Ref      string            `json:"provider_ref,omitempty"`
}

// billDetails is a set of a provider's details as bill_providers keeps it.
type billDetails struct{ key, data string }

// billProviderColumns are bill_providers' columns in billDetails order.
var billProviderColumns = []string{"key", "data"}

// billDetailsConflict makes storing a set that is there already a no-op.
const billDetailsConflict = " ON CONFLICT (key) DO NOTHING"

// billKeys makes and remembers the keys of the sets of details a writer
// met (a few per world): their JSON, by its text, to the key.
type billKeys map[string]string

// encode returns b's data as the bills table keeps it, and calls keep
// with each set of details it names the first time this billKeys meets it.
func (k billKeys) encode(b *kabinet.BillData, keep func(billDetails)) (string, error) {
	refs := make([]string, len(b.Providers))
	for i := range b.Providers {
		p := &b.Providers[i]
		if y := p.DueOn.Year(); y < 0 || y > 9999 { // as encoding/json refuses it
			return "", fmt.Errorf("bill due date %s: year outside [0,9999]", p.DueOn)
		}
		data, err := json.Marshal(p.Provider)
		if err != nil {
			return "", err
		}
		key, ok := k[string(data)]
		if !ok {
			sum := sha256.Sum256(data)
			key = hex.EncodeToString(sum[:16])
			k[string(data)] = key
			keep(billDetails{key, string(data)})
		}
		refs[i] = key
	}
	return string(appendStoredBill(make([]byte, 0, 1024), b, refs)), nil
}

// billRefs are the sections of bills read whose details are still to be
// looked up (resolve), once the rows they were read from are closed.
type billRefs []billRef

type billRef struct {
	p   *kabinet.BillProvider
	key string
}

// decode reads the bills table's data into b; the sections that name
// their details by key are added to refs.
func (refs *billRefs) decode(data []byte, b *kabinet.BillData) error {
	s := storedBill{BillData: b}
	if err := json.Unmarshal(data, &s); err != nil {
		return err
	}
	b.Providers = make([]kabinet.BillProvider, len(s.Providers))
	for i, sec := range s.Providers {
		if sec.BillProvider != nil {
			b.Providers[i] = *sec.BillProvider
		}
		switch {
		case sec.Provider != nil:
			b.Providers[i].Provider = *sec.Provider
		case sec.Ref != "":
			*refs = append(*refs, billRef{&b.Providers[i], sec.Ref})
		}
	}
	return nil
}

// resolve fills in the details of refs: from the store's memory, or else
// read once for all those it lacks. The sets never change, so what was
// read once stays true for every server of the world.
func (db *DB) resolve(ctx context.Context, refs billRefs) error {
	var missing []string
	for _, r := range refs {
		if _, ok := db.detailSets.Load(r.key); !ok && !slices.Contains(missing, r.key) {
			missing = append(missing, r.key)
		}
	}
	if len(missing) > 0 {
		if err := db.readBillDetails(ctx, missing); err != nil {
			return err
		}
	}
	for _, r := range refs {
		p, ok := db.detailSets.Load(r.key)
		if !ok {
			return fmt.Errorf("bill provider details %s: not stored", r.key)
		}
		r.p.Provider = *p.(*kabinet.Provider)
		r.p.Provider.Services = slices.Clone(r.p.Provider.Services)
	}
	return nil
}

func (db *DB) readBillDetails(ctx context.Context, keys []string) error {
	return db.byExternalID(keys, func(list string, args []any) error {
		return db.each(ctx, `SELECT key, data FROM bill_providers WHERE key IN (`+list+`)`, args, func(s scanner) error {
			var key string
			var data []byte
			if err := s.Scan(&key, &data); err != nil {
				return err
			}
			var p kabinet.Provider
			if err := json.Unmarshal(data, &p); err != nil {
				return err
			}
			db.detailSets.Store(key, &p)
			return nil
		})
	})
}
