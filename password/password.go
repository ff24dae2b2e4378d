// Package password checks new passwords against the portal's policy and
// hashes and verifies them with argon2id, never more at once than a set
// bound: each hash takes 64 MiB and about 200 ms, so a flood of sign-in
// attempts must queue rather than exhaust memory.
package password

import (
	"bufio"
	"bytes"
	"context"
	_ "embed"
	"strings"
	"sync/atomic"
	"unicode/utf8"

	"github.com/alexedwards/argon2id"

	"kabinet"
)

// Length limits: long enough to resist guessing, and long passphrases are
// welcome; nothing is ever truncated.
const (
	MinLength = 8
	MaxLength = 128
)

var (
	//go:embed common.txt
	commonList []byte
	//go:embed common-ru.txt
	commonRuList []byte
	common       = loadCommon(commonList, commonRuList)
)

func loadCommon(lists ...[]byte) map[string]bool {
	m := make(map[string]bool, 10100)
	for _, list := range lists {
		s := bufio.NewScanner(bytes.NewReader(list))
		for s.Scan() {
			m[strings.ToLower(strings.TrimSpace(s.Text()))] = true
		}
	}
	return m
}

// Check returns EINVALID with the reason in Russian if pw may not be a
// password.
func Check(pw string) error {
	n := utf8.RuneCountInString(pw)
	switch {
	case n < MinLength:
		return kabinet.Errorf(kabinet.EINVALID, "Пароль должен содержать не менее %d символов.", MinLength)
	case n > MaxLength:
		return kabinet.Errorf(kabinet.EINVALID, "Пароль должен содержать не более %d символов.", MaxLength)
	case strings.TrimSpace(pw) == "":
		return kabinet.Errorf(kabinet.EINVALID, "Пароль не может состоять из одних пробелов.")
	case common[strings.ToLower(pw)]:
		return kabinet.Errorf(kabinet.EINVALID, "Этот пароль слишком распространён, его легко подобрать. Придумайте другой.")
	}
	return nil
}

// Hasher hashes and compares passwords with at most a fixed number of
// argon2id computations at a time.
type Hasher struct {
	params *argon2id.Params
	slots  chan struct{}
	// evaluations counts hash computations, for tests and benchmarks that
	// show how many attempts reached the hash.
	evaluations atomic.Int64
	running     atomic.Int64
	peak        atomic.Int64
	dummy       string
}

// NewHasher returns a hasher with the given parameters (nil: argon2id's
// defaults, 64 MiB, one pass, two lanes) and concurrency bound.
func NewHasher(params *argon2id.Params, concurrency int) *Hasher {
	if params == nil {
		params = argon2id.DefaultParams
	}
	h := &Hasher{params: params, slots: make(chan struct{}, max(concurrency, 1))}
	h.dummy, _ = argon2id.CreateHash("dummy password for uniform timing", params)
	return h
}

// Hash returns the encoded argon2id hash of pw.
func (h *Hasher) Hash(ctx context.Context, pw string) (string, error) {
	if err := h.acquire(ctx); err != nil {
		return "", err
	}
	defer h.release()
	return argon2id.CreateHash(pw, h.params)
}

// Compare reports whether pw matches hash. An empty hash (no such user)
// is compared against a dummy, so the answer takes as long either way.
func (h *Hasher) Compare(ctx context.Context, pw, hash string) (bool, error) {
	if err := h.acquire(ctx); err != nil {
		return false, err
	}
	defer h.release()
	if hash == "" {
		argon2id.ComparePasswordAndHash(pw, h.dummy)
		return false, nil
	}
	return argon2id.ComparePasswordAndHash(pw, hash)
}

// Evaluations returns how many hashes were computed so far.
func (h *Hasher) Evaluations() int64 { return h.evaluations.Load() }

// Peak returns the most hashes that ever ran at once.
func (h *Hasher) Peak() int64 { return h.peak.Load() }

// acquire waits for a slot. A caller whose context has ended never
// computes a hash, even when a slot is free.
func (h *Hasher) acquire(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	select {
	case h.slots <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	h.evaluations.Add(1)
	n := h.running.Add(1)
	for p := h.peak.Load(); n > p && !h.peak.CompareAndSwap(p, n); p = h.peak.Load() {
	}
	return nil
}

func (h *Hasher) release() {
	h.running.Add(-1)
	<-h.slots
}
