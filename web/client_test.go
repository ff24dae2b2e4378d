package web

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestClientIP(t *testing.T) {
	tests := []struct {
		name  string
		trust bool
		xff   []string
		want  string
	}{
		{"RemoteAddr", false, nil, "192.0.2.10"},
		{"ForwardedIgnoredByDefault", false, []string{"203.0.113.7"}, "192.0.2.10"},
		{"LastHopBehindProxy", true, []string{"198.51.100.1, 203.0.113.7"}, "203.0.113.7"},
		{"LastHeaderBehindProxy", true, []string{"198.51.100.1", "203.0.113.8"}, "203.0.113.8"},
		{"GarbageFallsBack", true, []string{"not-an-ip"}, "192.0.2.10"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &Server{cfg: Config{TrustProxy: tt.trust}}
			r := httptest.NewRequest(http.MethodGet, "/", nil)
			r.RemoteAddr = "192.0.2.10:5555"
			r.Header.Set("User-Agent", "Firefox")
			for _, v := range tt.xff {
				r.Header.Add("X-Forwarded-For", v)
			}
			c := s.client(r)
			if c.IP != tt.want || c.UserAgent != "Firefox" {
				t.Errorf("client = %+v, want IP %s", c, tt.want)
			}
		})
	}
}
