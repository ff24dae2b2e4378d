package pdf

import (
	"errors"
	"sync"

	"rsc.io/qr/coding"
)

// qrSymbol is a QR code as rows and columns of modules, a set bit for a
// dark one, without the quiet zone.
type qrSymbol struct {
	size       int
	rows, cols []bitrow
}

func (s *qrSymbol) at(x, y int) bool { return s.rows[y].get(x) }

// qrVersion is what the coder keeps of one symbol version: the plan to
// encode with and, for each of the eight masks, the modules that are dark
// before any data (fixed patterns, format bits and the mask itself), with
// which modules carry data.
type qrVersion struct {
	plan          *coding.Plan // mask 0
	size          int
	data, dataT   []bitrow
	masks, masksT [8][]bitrow
}

func newQRVersion(v coding.Version) (*qrVersion, error) {
	qv := &qrVersion{}
	for m := range qv.masks {
		p, err := coding.NewPlan(v, coding.M, coding.Mask(m))
		if err != nil {
			return nil, err
		}
		n := len(p.Pixel)
		qv.size, qv.masks[m] = n, make([]bitrow, n)
		if m == 0 {
			qv.plan, qv.data = p, make([]bitrow, n)
		}
		for y, row := range p.Pixel {
			for x, pix := range row {
				if pix&coding.Black != 0 {
					qv.masks[m][y].set(x)
				}
				if r := pix.Role(); m == 0 && (r == coding.Data || r == coding.Check) {
					qv.data[y].set(x)
				}
			}
		}
		qv.masksT[m] = transpose(qv.masks[m])
	}
	qv.dataT = transpose(qv.data)
	return qv, nil
}

// symbols returns the eight masked symbols of text.
func (qv *qrVersion) symbols(text string) ([8]*qrSymbol, error) {
	var out [8]*qrSymbol
	code, err := qv.plan.Encode(coding.String(text))
	if err != nil {
		return out, err
	}
	// The data bits, unmasked: a data module of the mask-0 code is its data
	// bit flipped where mask 0 is dark.
	data := make([]bitrow, qv.size)
	for y := range data {
		for x := range qv.size {
			if code.Black(x, y) {
				data[y].set(x)
			}
		}
		data[y] = data[y].xor(qv.masks[0][y]).and(qv.data[y])
	}
	dataT := transpose(data)
	for m := range out {
		s := &qrSymbol{size: qv.size, rows: make([]bitrow, qv.size), cols: make([]bitrow, qv.size)}
		for i := range qv.size {
			s.rows[i] = qv.masks[m][i].xor(data[i])
			s.cols[i] = qv.masksT[m][i].xor(dataT[i])
		}
		out[m] = s
	}
	return out, nil
}

// qrCoder makes level-M QR symbols with rsc.io/qr, which encodes about
// fifty times faster than skip2/go-qrcode (80 µs against 4 ms for a bill's
// payload) but always uses mask 0. The standard asks for the mask with the
// lowest penalty (a poor one can leave finder-like patterns that slow a
// phone's scanner), so the coder encodes the data once, lays it over each
// of the eight masks it keeps per version, and scores them. It also keeps
// the symbols of recent payloads, so that reprinting a bill costs no
// encoding at all. It is safe for concurrent use.
type qrCoder struct {
	mu       sync.Mutex
	versions map[coding.Version]*qrVersion
	symbols  map[string]*qrSymbol
	limit    int
}

func newQRCoder(limit int) *qrCoder {
	return &qrCoder{versions: make(map[coding.Version]*qrVersion), symbols: make(map[string]*qrSymbol), limit: limit}
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
	qv, err := c.version(text)
	if err != nil {
		return nil, err
	}
	candidates, err := qv.symbols(text)
	if err != nil {
		return nil, err
	}
	best, bestScore := candidates[0], penalty(candidates[0])
	for _, s := range candidates[1:] {
		if score := penalty(s); score < bestScore {
			best, bestScore = s, score
		}
	}
	return best, nil
}

// version returns the smallest version that holds text at level M, the
// size rsc.io/qr itself would choose, making its masks the first time.
func (c *qrCoder) version(text string) (*qrVersion, error) {
	enc := coding.String(text)
	v := coding.Version(coding.MinVersion)
	for ; enc.Bits(v) > v.DataBytes(coding.M)*8; v++ {
		if v == coding.MaxVersion {
			return nil, errors.New("pdf: payment string too long for a QR code")
		}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if qv, ok := c.versions[v]; ok {
		return qv, nil
	}
	qv, err := newQRVersion(v)
	if err == nil {
		c.versions[v] = qv
	}
	return qv, err
}
