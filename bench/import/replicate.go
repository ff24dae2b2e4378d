package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"kabinet/exchange"
)

// replicate writes the world whose IN files are in src copies times over
// into dst, as one world: copy c's records get every ID but the
// providers' a suffix «~c», and its account and sub-account numbers the
// copy's number (four digits) before their digits, so the copies are
// distinct accounts of the same shape (the same meters, readings, twelve
// months of ledger and bills, each bill balancing). The files are the same
// for the same src and copies.
func replicate(src, dst string, copies int) error {
	files, err := filepath.Glob(filepath.Join(src, "*"))
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dst, 0o755); err != nil {
		return err
	}
	var wg sync.WaitGroup
	errs := make([]error, len(files))
	sem := make(chan struct{}, 2)
	for i, f := range files {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			errs[i] = replicateFile(f, filepath.Join(dst, filepath.Base(f)), copies)
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

func replicateFile(src, dst string, copies int) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	rd, err := exchange.NewReader(src, in, nil)
	if err != nil {
		return err
	}
	k := rd.Kind()
	var recs []*exchange.Record
	for {
		r := k.NewRecord()
		if err := rd.Next(r); err != nil {
			if errors.Is(err, io.EOF) {
				break
			}
			return fmt.Errorf("%s: %w", src, err)
		}
		recs = append(recs, r)
	}
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	defer out.Close()
	w, err := exchange.NewWriter(out, k, exchange.EncodingOfFile(src), false)
	if err != nil {
		return err
	}
	ids, numbers := copyFields(k)
	if k == exchange.KindProviders {
		copies = 1 // shared by every copy
		ids, numbers = nil, nil
	}
	c := k.NewRecord()
	for n := range copies {
		for _, r := range recs {
			for _, f := range k.Fields {
				c.Set(f.Name, r.Get(f.Name))
			}
			for _, f := range ids {
				if v := r.Get(f); v != "" {
					c.Set(f, fmt.Sprintf("%s~%d", v, n))
				}
			}
			for _, f := range numbers {
				c.Set(f, copyNumber(r.Get(f), n))
			}
			if err := w.Write(c); err != nil {
				return err
			}
		}
	}
	if err := w.Flush(); err != nil {
		return err
	}
	return out.Close()
}

// copyFields names the fields of k that a copy changes: the IDs (but the
// providers') and the account numbers.
func copyFields(k *exchange.Kind) (ids, numbers []string) {
	for _, f := range k.Fields {
		switch {
		case f.Name == "provider_id":
		case strings.HasSuffix(f.Name, "_id"):
			ids = append(ids, f.Name)
		case f.Name == "account_number", k == exchange.KindSubAccounts && f.Name == "number":
			numbers = append(numbers, f.Name)
		}
	}
	return ids, numbers
}

// copyNumber puts the copy's number before the digits of an account
// number: ИЭСБК0041300 becomes ИЭСБК00030041300 in copy 3.
func copyNumber(s string, n int) string {
	i := strings.IndexFunc(s, func(r rune) bool { return r >= '0' && r <= '9' })
	if i < 0 {
		return s
	}
	return fmt.Sprintf("%s%04d%s", s[:i], n, s[i:])
}
