package pdf

// penalty scores a symbol by the four rules of ISO/IEC 18004 §8.8.2; the
// mask with the lowest score is the one to print. Rows and columns are
// scored alike, as runs of one colour found from where the colour changes.
func penalty(s *qrSymbol) int {
	score := blockPenalty(s) + balancePenalty(s)
	runs := make([]int, 0, s.size)
	for _, lines := range [2][]bitrow{s.rows, s.cols} {
		for _, line := range lines {
			runs = runsOf(line, s.size, runs[:0])
			score += runPenalty(runs) + finderPenalty(runs, line.get(0))
		}
	}
	return score
}

// runsOf appends to runs the lengths of the runs of one colour among the n
// modules of line; colours alternate, starting with module 0's.
func runsOf(line bitrow, n int, runs []int) []int {
	changes := line.xor(line.next()).and(first(n - 1))
	prev := -1
	changes.each(func(i int) {
		runs = append(runs, i-prev)
		prev = i
	})
	return append(runs, n-1-prev)
}

// runPenalty (N1): 3 for five modules of one colour in a line, plus 1 for
// each further one.
func runPenalty(runs []int) int {
	score := 0
	for _, r := range runs {
		if r >= 5 {
			score += r - 2
		}
	}
	return score
}

// finderPenalty (N3): 40 for each dark-light-dark-light-dark pattern in
// the ratio 1:1:3:1:1 with four light modules on one side, which a scanner
// may take for a finder pattern. Beyond the symbol's edge all is light.
// firstDark tells the colour of the first run.
func finderPenalty(runs []int, firstDark bool) int {
	score := 0
	i := 1
	if firstDark {
		i = 0
	}
	for ; i+5 <= len(runs); i += 2 { // dark runs only
		r := runs[i : i+5]
		if r[0] != 1 || r[1] != 1 || r[2] != 3 || r[3] != 1 || r[4] != 1 {
			continue
		}
		lightBefore := i == 0 || runs[i-1] >= 4
		lightAfter := i+5 == len(runs) || runs[i+5] >= 4
		if lightBefore || lightAfter {
			score += 40
		}
	}
	return score
}

// blockPenalty (N2): 3 for every 2×2 block of one colour: modules x and
// x+1 alike in both rows, and the rows alike at x.
func blockPenalty(s *qrSymbol) int {
	inside := first(s.size - 1)
	count := 0
	for y := 1; y < s.size; y++ {
		a, b := s.rows[y-1], s.rows[y]
		pairA := a.xor(a.next()).not()
		pairB := b.xor(b.next()).not()
		count += pairA.and(pairB).and(a.xor(b).not()).and(inside).count()
	}
	return 3 * count
}

// balancePenalty (N4): 10 for each 5 % that dark modules stray from half.
func balancePenalty(s *qrSymbol) int {
	dark := 0
	for _, r := range s.rows {
		dark += r.count()
	}
	diff := dark*100/(s.size*s.size) - 50
	return max(diff, -diff) / 5 * 10
}
