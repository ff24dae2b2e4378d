package pdf

import (
	"errors"
	"sync"

	"rsc.io/qr/coding"
)

// qrSymbol is a QR code as a square of modules, true for dark, without the
// quiet zone.
type qrSymbol struct {
	size int
	dark []bool
}

func (s *qrSymbol) at(x, y int) bool { return s.dark[y*s.size+x] }

// qrCoder makes level-M QR symbols with rsc.io/qr, which encodes about
// fifty times faster than skip2/go-qrcode (80 µs against 4 ms for a bill's
// payload) but always uses mask 0. The standard asks for the mask with the
// lowest penalty (a poor one can leave finder-like patterns that slow a
// phone's scanner), so the coder tries all eight: it keeps the eight plans
// of each symbol version, encodes the data once and applies each mask
// itself. It also keeps the symbols of recent payloads, so that reprinting
// a bill costs no encoding at all. It is safe for concurrent use.
type qrCoder struct {
	mu      sync.Mutex
	plans   map[coding.Version]*[8]*coding.Plan
	symbols map[string]*qrSymbol
	limit   int
}

func newQRCoder(limit int) *qrCoder {
	return &qrCoder{plans: make(map[coding.Version]*[8]*coding.Plan), symbols: make(map[string]*qrSymbol), limit: limit}
}

// symbol returns the symbol of text, from the cache if it is there. The
// cache forgets everything when full: simpler than an LRU, and enough for
// the repeated requests of the same bills it is for.
func (c *qrCoder) symbol(text string) (*qrSymbol, error) {
	c.mu.Lock()
	s, ok := c.symbols[text]
	c.mu.Unlock()
	if ok {
		return s, nil
	}
	s, err := c.encode(text)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	if len(c.symbols) >= c.limit {
		clear(c.symbols)
	}
	c.symbols[text] = s
	c.mu.Unlock()
	return s, nil
}

// encode makes the symbol of text with the best of the eight masks.
func (c *qrCoder) encode(text string) (*qrSymbol, error) {
	enc := coding.String(text)
	v, err := smallestVersion(enc)
	if err != nil {
		return nil, err
	}
	plans, err := c.versionPlans(v)
	if err != nil {
		return nil, err
	}
	code, err := plans[0].Encode(enc)
	if err != nil {
		return nil, err
	}
	data := dataBits(plans[0], code)
	var best *qrSymbol
	bestScore := 0
	for _, p := range plans {
		s := masked(p, data)
		if score := penalty(s); best == nil || score < bestScore {
			best, bestScore = s, score
		}
	}
	return best, nil
}

// smallestVersion is the smallest symbol that holds enc at level M, the
// size rsc.io/qr itself would choose.
func smallestVersion(enc coding.Encoding) (coding.Version, error) {
	for v := coding.Version(coding.MinVersion); v <= coding.MaxVersion; v++ {
		if enc.Bits(v) <= v.DataBytes(coding.M)*8 {
			return v, nil
		}
	}
	return 0, errors.New("pdf: payment string too long for a QR code")
}

// versionPlans returns the plans of version v for the eight masks, making
// them the first time (about 90 µs each).
func (c *qrCoder) versionPlans(v coding.Version) (*[8]*coding.Plan, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if ps, ok := c.plans[v]; ok {
		return ps, nil
	}
	ps := new([8]*coding.Plan)
	for m := range ps {
		p, err := coding.NewPlan(v, coding.M, coding.Mask(m))
		if err != nil {
			return nil, err
		}
		ps[m] = p
	}
	c.plans[v] = ps
	return ps, nil
}

// dataBits recovers the unmasked data and check bits of code, encoded
// with plan p: a plan's Black bit on a data module is its mask.
func dataBits(p *coding.Plan, code *coding.Code) []bool {
	n := len(p.Pixel)
	bits := make([]bool, n*n)
	for y, row := range p.Pixel {
		for x, pix := range row {
			if r := pix.Role(); r == coding.Data || r == coding.Check {
				bits[y*n+x] = code.Black(x, y) != (pix&coding.Black != 0)
			}
		}
	}
	return bits
}

// masked lays data over plan p: its fixed patterns, format bits and mask.
func masked(p *coding.Plan, data []bool) *qrSymbol {
	n := len(p.Pixel)
	s := &qrSymbol{size: n, dark: make([]bool, n*n)}
	for y, row := range p.Pixel {
		for x, pix := range row {
			s.dark[y*n+x] = (pix&coding.Black != 0) != data[y*n+x]
		}
	}
	return s
}
