package webpush

import (
	"context"
	"fmt"
	"net"
	"net/netip"
	"net/url"
	"strings"
	"syscall"

	"kabinet"
)

// Endpoints decides which push endpoints the portal talks to. Endpoints
// come from browsers, that is from anybody, so the portal must not be
// made to post to its own network: only https, and only to public
// addresses, checked when a subscription is saved and again on every
// connection (a name may resolve elsewhere later).
type Endpoints struct {
	// allow, when set, admits addresses the rules refuse: the tests' seam
	// for a fake push service on loopback (see export_test.go).
	allow func(netip.Addr) bool
}

// errEndpoint is the user-safe refusal.
func errEndpoint(format string, args ...any) error {
	return kabinet.Errorf(kabinet.EINVALID, "Адрес подписки не принят: "+format, args...)
}

// Check parses an endpoint and checks that every address its host
// resolves to is public.
func (e *Endpoints) Check(ctx context.Context, raw string) error {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "https" || u.Host == "" || u.User != nil || u.Fragment != "" {
		return errEndpoint("нужен адрес https")
	}
	if len(raw) > 2048 {
		return errEndpoint("слишком длинный")
	}
	addrs, err := lookup(ctx, u.Hostname())
	if err != nil {
		return errEndpoint("имя %s не найдено", u.Hostname())
	}
	for _, a := range addrs {
		if !e.allowed(a) {
			return errEndpoint("внутренний адрес")
		}
	}
	return nil
}

func lookup(ctx context.Context, host string) ([]netip.Addr, error) {
	if a, err := netip.ParseAddr(strings.Trim(host, "[]")); err == nil {
		return []netip.Addr{a}, nil
	}
	return net.DefaultResolver.LookupNetIP(ctx, "ip", host)
}

// allowed reports whether the portal may connect to a.
func (e *Endpoints) allowed(a netip.Addr) bool {
	if e.allow != nil && e.allow(a) {
		return true
	}
	return Public(a)
}

// cgnat is the carriers' shared address space (RFC 6598), private in all
// but name.
var cgnat = netip.MustParsePrefix("100.64.0.0/10")

// Public reports whether a is an address on the public Internet: not
// private, loopback, link-local, multicast or unspecified.
func Public(a netip.Addr) bool {
	a = a.Unmap()
	return a.IsValid() && a.IsGlobalUnicast() && !a.IsPrivate() && !a.IsLoopback() &&
		!a.IsLinkLocalUnicast() && !cgnat.Contains(a)
}

// dialControl refuses a connection to an address the rules do not allow:
// the check at the moment of sending, after the name was resolved.
func (e *Endpoints) dialControl(_, address string, _ syscall.RawConn) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return fmt.Errorf("webpush: dial %s: %w", address, err)
	}
	if !e.allowed(ap.Addr()) {
		return fmt.Errorf("webpush: refusing to connect to %s", ap.Addr())
	}
	return nil
}
