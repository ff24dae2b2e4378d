package pdf

// penalty scores a symbol by the four rules of ISO/IEC 18004 §8.8.2; the
// mask with the lowest score is the one to print. Rows and columns are
// scored as runs of one colour, which both line rules are about and which
// makes the eight trials of a bill's code cheap.
func penalty(s *qrSymbol) int {
	n := s.size
	score := blockPenalty(s) + balancePenalty(s)
	runs := make([]int, 0, n)
	for i := range n {
		runs = runsOf(s.dark, i*n, 1, n, runs[:0]) // row i
		score += runPenalty(runs) + finderPenalty(runs, s.dark[i*n])
		runs = runsOf(s.dark, i, n, n, runs[:0]) // column i
		score += runPenalty(runs) + finderPenalty(runs, s.dark[i])
	}
	return score
}

// runsOf appends to runs the lengths of the runs of one colour among the
// n modules of dark from start, stride apart. Colours alternate from run to
// run, starting with the first module's.
func runsOf(dark []bool, start, stride, n int, runs []int) []int {
	run := 1
	for k := 1; k < n; k++ {
		if dark[start+k*stride] == dark[start+(k-1)*stride] {
			run++
			continue
		}
		runs = append(runs, run)
		run = 1
	}
	return append(runs, run)
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

// blockPenalty (N2): 3 for every 2×2 block of one colour.
func blockPenalty(s *qrSymbol) int {
	n, score := s.size, 0
	for y := 1; y < n; y++ {
		up, row := s.dark[(y-1)*n:y*n], s.dark[y*n:(y+1)*n]
		for x := 1; x < n; x++ {
			c := row[x]
			if row[x-1] == c && up[x] == c && up[x-1] == c {
				score += 3
			}
		}
	}
	return score
}

// balancePenalty (N4): 10 for each 5 % that dark modules stray from half.
func balancePenalty(s *qrSymbol) int {
	dark := 0
	for _, d := range s.dark {
		if d {
			dark++
		}
	}
	diff := dark*100/len(s.dark) - 50
	return max(diff, -diff) / 5 * 10
}
