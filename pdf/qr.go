package pdf

import (
	"bytes"
	"errors"
	"strconv"
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

// encodeQR makes the level-M symbol of text. rsc.io/qr encodes about fifty
// times faster than skip2/go-qrcode (80 µs against 4 ms for a bill's
// payload) but always uses mask 0, so this tries the eight masks and keeps
// the one the standard's penalty rules prefer, as ISO/IEC 18004 asks: a
// poor mask can leave finder-like patterns that slow a phone's scanner.
func encodeQR(text string) (*qrSymbol, error) {
	v, err := smallestVersion(coding.String(text))
	if err != nil {
		return nil, err
	}
	var best *qrSymbol
	bestScore := 0
	for m := range coding.Mask(8) {
		s, err := encodeWithMask(text, v, m)
		if err != nil {
			return nil, err
		}
		if score := penalty(s); best == nil || score < bestScore {
			best, bestScore = s, score
		}
	}
	return best, nil
}

// smallestVersion is the smallest symbol that holds enc at level M, the
// size rsc.io/qr itself would choose.
func smallestVersion(enc coding.Encoding) (coding.Version, error) {
	for v := coding.MinVersion; v <= coding.MaxVersion; v++ {
		if enc.Bits(coding.Version(v)) <= coding.Version(v).DataBytes(coding.M)*8 {
			return coding.Version(v), nil
		}
	}
	return 0, errors.New("pdf: payment string too long for a QR code")
}

func encodeWithMask(text string, v coding.Version, m coding.Mask) (*qrSymbol, error) {
	plan, err := coding.NewPlan(v, coding.M, m)
	if err != nil {
		return nil, err
	}
	c, err := plan.Encode(coding.String(text))
	if err != nil {
		return nil, err
	}
	s := &qrSymbol{size: c.Size, dark: make([]bool, c.Size*c.Size)}
	for y := range c.Size {
		for x := range c.Size {
			s.dark[y*c.Size+x] = c.Black(x, y)
		}
	}
	return s, nil
}

// qrCache keeps the symbols of recent payloads: reprinting a bill, or the
// portal showing it again, then costs no QR encoding. It forgets everything
// when full, which is simpler than an LRU and enough for repeated requests
// of the same bills.
type qrCache struct {
	mu      sync.Mutex
	symbols map[string]*qrSymbol
	limit   int
}

func newQRCache(limit int) *qrCache {
	return &qrCache{symbols: make(map[string]*qrSymbol), limit: limit}
}

func (c *qrCache) symbol(text string) (*qrSymbol, error) {
	c.mu.Lock()
	s, ok := c.symbols[text]
	c.mu.Unlock()
	if ok {
		return s, nil
	}
	s, err := encodeQR(text)
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

// drawQR paints s with its top-left module at (x, y), modules m millimetres
// wide, as vector rectangles written straight into the page: one per run
// of dark modules in a row, in module units under a scaling matrix. That is
// crisp at any zoom and far cheaper than a PNG or an fpdf call per module.
func (d doc) drawQR(s *qrSymbol, x, y, m float64) {
	k := 72 / 25.4 // points per millimetre
	b := make([]byte, 0, 16*s.size*s.size/4)
	b = append(b, "q 0 g "...)
	b = appendFloats(b, m*k, 0, 0, -m*k, x*k, (pageH-y)*k)
	b = append(b, "cm\n"...)
	for row := range s.size {
		for col := 0; col < s.size; col++ {
			if !s.at(col, row) {
				continue
			}
			start := col
			for col < s.size && s.at(col, row) {
				col++
			}
			b = appendInts(b, start, row, col-start, 1)
			b = append(b, "re\n"...)
		}
	}
	b = append(b, "f Q\n"...)
	d.RawWriteBuf(bytes.NewReader(b))
}

func appendFloats(b []byte, fs ...float64) []byte {
	for _, f := range fs {
		b = strconv.AppendFloat(b, f, 'f', 4, 64)
		b = append(b, ' ')
	}
	return b
}

func appendInts(b []byte, ns ...int) []byte {
	for _, n := range ns {
		b = strconv.AppendInt(b, int64(n), 10)
		b = append(b, ' ')
	}
	return b
}
