package billing

import (
	"cmp"
	"slices"
)

// splitTiers shares the tier volumes among registers: split[i][k] is the kWh
// of register i in tier k. Rows add up to units and columns to vols (whose
// sum is the total of units). Each tier is shared in proportion to the
// registers' consumption; the last tier takes what is left of each register,
// which keeps both sums exact.
func splitTiers(units []int64, vols [3]int64) [][3]int64 {
	split := make([][3]int64, len(units))
	left := slices.Clone(units)
	var total int64
	for _, u := range units {
		total += u
	}
	for k := range 2 {
		for i, s := range apportion(vols[k], units, left, total) {
			split[i][k] = s
			left[i] -= s
		}
	}
	for i := range units {
		split[i][2] = left[i]
	}
	return split
}

// apportion shares n units in proportion to weights (which sum to total) by
// the largest-remainder method, never giving share i more than caps[i]. The
// caps together hold at least n. Ties go to the earlier register.
func apportion(n int64, weights, caps []int64, total int64) []int64 {
	shares := make([]int64, len(weights))
	if n == 0 || total == 0 {
		return shares
	}
	rem := make([]int64, len(weights))
	left := n
	for i, w := range weights {
		shares[i] = min(n*w/total, caps[i])
		rem[i] = n * w % total
		left -= shares[i]
	}
	order := make([]int, len(weights))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(rem[b], rem[a]) })
	for progress := true; left > 0 && progress; {
		progress = false
		for _, i := range order {
			if left > 0 && shares[i] < caps[i] {
				shares[i]++
				left--
				progress = true
			}
		}
	}
	return shares
}
