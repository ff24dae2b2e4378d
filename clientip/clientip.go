// Package clientip says which address a request came from, by one rule
// for every site (the portal, the back office, the customer API and the
// billing exchange): the sign-in limits per address, consent records,
// sessions and the audit log all count the same person the same way.
package clientip

import (
	"net"
	"net/http"
	"strings"
)

// Of returns the address of the peer. Behind a trusted proxy (trustProxy)
// it is the last X-Forwarded-For hop: the one our proxy appended. Earlier
// hops are written by the client and prove nothing.
func Of(r *http.Request, trustProxy bool) string {
	if trustProxy {
		if hops := r.Header.Values("X-Forwarded-For"); len(hops) > 0 {
			list := strings.Split(hops[len(hops)-1], ",")
			if ip := net.ParseIP(strings.TrimSpace(list[len(list)-1])); ip != nil {
				return ip.String()
			}
		}
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
