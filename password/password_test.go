package password_test

import (
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/alexedwards/argon2id"

	"kabinet"
	"kabinet/password"
)

// fast are test parameters: the policy under test is the bound, not the
// cost.
var fast = &argon2id.Params{Memory: 1024, Iterations: 1, Parallelism: 1, SaltLength: 16, KeyLength: 32}

func TestCheck(t *testing.T) {
	tests := []struct {
		name, pw string
		ok       bool
	}{
		{"OK", "Байкал-2026-омуль", true},
		{"OKLongPassphrase", strings.Repeat("долгий пароль ", 9), true},
		{"OKExactly128", strings.Repeat("ж", 128), true},
		{"ErrTooShort", "Ab3$xyz", false},
		{"ErrTooLongNotTruncated", strings.Repeat("ж", 129), false},
		{"ErrCommon", "password1", false},
		{"ErrCommonAnyCase", "PassWord1", false},
		{"ErrCommonRussianLayout", "йцукенгш", false},
		{"ErrSpaces", "          ", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := password.Check(tt.pw)
			if tt.ok != (err == nil) {
				t.Fatalf("Check(%q) = %v", tt.pw, err)
			}
			if err != nil && kabinet.ErrorCode(err) != kabinet.EINVALID {
				t.Errorf("code = %s", kabinet.ErrorCode(err))
			}
		})
	}
}

func TestHashAndCompare(t *testing.T) {
	h := password.NewHasher(fast, 2)
	ctx := context.Background()
	hash, err := h.Hash(ctx, "Байкал-2026-омуль")
	if err != nil || !strings.HasPrefix(hash, "$argon2id$") {
		t.Fatalf("Hash = %q, %v", hash, err)
	}
	for pw, want := range map[string]bool{"Байкал-2026-омуль": true, "байкал-2026-омуль": false, "": false} {
		if ok, err := h.Compare(ctx, pw, hash); ok != want || err != nil {
			t.Errorf("Compare(%q) = %v, %v; want %v", pw, ok, err, want)
		}
	}
	if ok, _ := h.Compare(ctx, "anything", ""); ok {
		t.Error("Compare against no hash succeeded")
	}
	if h.Evaluations() != 5 {
		t.Errorf("evaluations = %d, want 5", h.Evaluations())
	}
}

// TestHasherBoundsConcurrency runs many comparisons at once: never more
// than the bound run together, and all of them run.
func TestHasherBoundsConcurrency(t *testing.T) {
	slow := &argon2id.Params{Memory: 8 * 1024, Iterations: 3, Parallelism: 1, SaltLength: 16, KeyLength: 32}
	h := password.NewHasher(slow, 3)
	hash, _ := argon2id.CreateHash("x", slow)
	var wg sync.WaitGroup
	for range 30 {
		wg.Go(func() { h.Compare(context.Background(), "y", hash) })
	}
	wg.Wait()
	if h.Evaluations() != 30 || h.Peak() > 3 || h.Peak() < 1 {
		t.Errorf("evaluations = %d, peak = %d; want 30 with at most 3 at once", h.Evaluations(), h.Peak())
	}
}

func TestHasherEndedContextNeverHashes(t *testing.T) {
	h := password.NewHasher(fast, 1)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := h.Compare(ctx, "y", "$argon2id$v=19$m=1024,t=1,p=1$c2FsdHNhbHQ$aGFzaA"); err == nil {
		t.Error("Compare with an ended context succeeded")
	}
	if h.Evaluations() != 0 {
		t.Errorf("evaluations = %d, want 0", h.Evaluations())
	}
}
