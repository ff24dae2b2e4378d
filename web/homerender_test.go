package web

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"kabinet"
	"kabinet/home"
)

// homeFixture is a «Главная» with two full charts, the page the benchmark
// renders.
func homeFixture(s *Server, r *http.Request) *HomePage {
	var us []kabinet.Usage
	for i := range 24 {
		p := kabinet.Period{Year: 2024, Month: 12}.Add(i)
		if i != 5 {
			us = append(us, kabinet.Usage{Service: kabinet.ServiceElectricity, Period: p, Metered: true, Units: int64(100 + 37*i)})
		}
		us = append(us, kabinet.Usage{Service: kabinet.ServiceElectricity, Period: p, Charged: kabinet.Money(50000 + 311*i)},
			kabinet.Usage{Service: kabinet.ServiceHeat, Period: p, Charged: kabinet.Money(250000 + 1234*i)})
	}
	p := pageFixtures(s, r)["home"].(*HomePage)
	p.Charts = charts(home.Consumption(us))
	p.SignedIn = true
	return p
}

// BenchmarkRenderHome renders «Главная» with two charts: the template's
// share of a page, in allocations (insensitive to the machine's load).
func BenchmarkRenderHome(b *testing.B) {
	s := MustServer(b, nil)
	r := httptest.NewRequest(http.MethodGet, "/a/1/", nil)
	p := homeFixture(s, r)
	b.ReportAllocs()
	for b.Loop() {
		w := httptest.NewRecorder()
		w.Body = nil
		if err := s.render(w, http.StatusOK, "home", p); err != nil {
			b.Fatal(err)
		}
	}
}
