package webpush

import (
	"crypto/x509"
	"net/netip"
)

// The tests' seam: a fake push service listens on loopback with its own
// certificate, which production never allows.

// AllowForTest admits the addresses f accepts besides public ones.
func (e *Endpoints) AllowForTest(f func(netip.Addr) bool) { e.allow = f }

// TrustForTest makes the sender trust roots instead of the system's CAs.
func (s *Sender) TrustForTest(roots *x509.CertPool) { s.client = s.Endpoints.client(roots) }
