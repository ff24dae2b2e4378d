package clientip_test

import (
	"net/http/httptest"
	"testing"

	"kabinet/clientip"
)

func TestOf(t *testing.T) {
	tests := []struct {
		name   string
		remote string
		hops   []string
		trust  bool
		want   string
	}{
		{"Peer", "192.0.2.1:5000", nil, false, "192.0.2.1"},
		{"ForwardedIgnoredUntrusted", "192.0.2.1:5000", []string{"203.0.113.9"}, false, "192.0.2.1"},
		{"LastHopTrusted", "192.0.2.1:5000", []string{"198.51.100.7, 203.0.113.9"}, true, "203.0.113.9"},
		{"LastHeaderTrusted", "192.0.2.1:5000", []string{"198.51.100.7", "203.0.113.9 "}, true, "203.0.113.9"},
		{"IPv6Normalised", "192.0.2.1:5000", []string{"2001:DB8::0:1"}, true, "2001:db8::1"},
		{"GarbageHopFallsBack", "192.0.2.1:5000", []string{"not-an-ip"}, true, "192.0.2.1"},
		{"PeerWithoutPort", "pipe", nil, false, "pipe"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest("GET", "/", nil)
			r.RemoteAddr = tt.remote
			for _, h := range tt.hops {
				r.Header.Add("X-Forwarded-For", h)
			}
			if got := clientip.Of(r, tt.trust); got != tt.want {
				t.Errorf("Of = %q, want %q", got, tt.want)
			}
		})
	}
}
