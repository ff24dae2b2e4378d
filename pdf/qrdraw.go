package pdf

import (
	"strconv"
)

// drawQR paints s with its top-left module at (x, y), modules m millimetres
// wide, as vector rectangles written straight into the page: one per run
// of dark modules in a row, in module units under a scaling matrix. That is
// crisp at any zoom and far cheaper than a PNG or an fpdf call per module.
func (d doc) drawQR(s *qrSymbol, x, y, m float64) {
	k := 72 / 25.4 // points per millimetre
	b := make([]byte, 0, 4*s.size*s.size)
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
	b = append(b, "f Q"...)
	d.RawWriteStr(string(b))
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
