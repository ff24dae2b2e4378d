package pdf

import "math/bits"

// bitrow is one row or column of a QR symbol, a bit per module: version 40
// is 177 modules wide, so three words hold any line. Rows and columns as
// bits let the mask trials work a word at a time.
type bitrow [3]uint64

func (r *bitrow) set(i int)          { r[i>>6] |= 1 << (i & 63) }
func (r bitrow) get(i int) bool      { return r[i>>6]>>(i&63)&1 != 0 }
func (r bitrow) xor(s bitrow) bitrow { return bitrow{r[0] ^ s[0], r[1] ^ s[1], r[2] ^ s[2]} }
func (r bitrow) and(s bitrow) bitrow { return bitrow{r[0] & s[0], r[1] & s[1], r[2] & s[2]} }
func (r bitrow) not() bitrow         { return bitrow{^r[0], ^r[1], ^r[2]} }

// next shifts r so that bit i holds module i+1.
func (r bitrow) next() bitrow {
	return bitrow{r[0]>>1 | r[1]<<63, r[1]>>1 | r[2]<<63, r[2] >> 1}
}

func (r bitrow) count() int {
	return bits.OnesCount64(r[0]) + bits.OnesCount64(r[1]) + bits.OnesCount64(r[2])
}

// first returns the row with bits 0..n-1 set.
func first(n int) bitrow {
	var r bitrow
	for w := range r {
		switch lo := w * 64; {
		case n >= lo+64:
			r[w] = ^uint64(0)
		case n > lo:
			r[w] = 1<<(n-lo) - 1
		}
	}
	return r
}

// each calls f with the index of every set bit of r, in order.
func (r bitrow) each(f func(i int)) {
	for w, x := range r {
		for x != 0 {
			f(w*64 + bits.TrailingZeros64(x))
			x &= x - 1
		}
	}
}

// transpose returns the columns of the n×n square whose rows are rows.
func transpose(rows []bitrow) []bitrow {
	cols := make([]bitrow, len(rows))
	for y, r := range rows {
		r.each(func(x int) { cols[x].set(y) })
	}
	return cols
}
