package pdf

// penalty scores a symbol by the four rules of ISO/IEC 18004 §8.8.2; the
// mask with the lowest score is the one to print.
func penalty(s *qrSymbol) int {
	score := 0
	for i := range s.size {
		row := func(j int) bool { return s.at(j, i) }
		col := func(j int) bool { return s.at(i, j) }
		score += runPenalty(s.size, row) + runPenalty(s.size, col)
		score += finderPenalty(s.size, row) + finderPenalty(s.size, col)
	}
	return score + blockPenalty(s) + balancePenalty(s)
}

// runPenalty (N1): 3 for five modules of one colour in a line, plus 1 for
// each further one.
func runPenalty(n int, at func(int) bool) int {
	score, run := 0, 1
	for j := 1; j <= n; j++ {
		if j < n && at(j) == at(j-1) {
			run++
			continue
		}
		if run >= 5 {
			score += run - 2
		}
		run = 1
	}
	return score
}

// blockPenalty (N2): 3 for every 2×2 block of one colour.
func blockPenalty(s *qrSymbol) int {
	score := 0
	for y := 1; y < s.size; y++ {
		for x := 1; x < s.size; x++ {
			c := s.at(x, y)
			if s.at(x-1, y) == c && s.at(x, y-1) == c && s.at(x-1, y-1) == c {
				score += 3
			}
		}
	}
	return score
}

// finderPenalty (N3): 40 for each dark-light-dark×3-light-dark pattern
// with four light modules on one side, which a scanner may take for a
// finder pattern. Modules outside the symbol count as light.
func finderPenalty(n int, at func(int) bool) int {
	pattern := [7]bool{true, false, true, true, true, false, true}
	dark := func(j int) bool { return j >= 0 && j < n && at(j) }
	score := 0
	for j := 0; j+7 <= n; j++ {
		match := true
		for k, want := range pattern {
			if dark(j+k) != want {
				match = false
				break
			}
		}
		if match && (lightRun(dark, j-4, j) || lightRun(dark, j+7, j+11)) {
			score += 40
		}
	}
	return score
}

func lightRun(dark func(int) bool, from, to int) bool {
	for j := from; j < to; j++ {
		if dark(j) {
			return false
		}
	}
	return true
}

// balancePenalty (N4): 10 for each 5 % that dark modules stray from half.
func balancePenalty(s *qrSymbol) int {
	dark := 0
	for _, d := range s.dark {
		if d {
			dark++
		}
	}
	percent := dark * 100 / len(s.dark)
	diff := percent - 50
	if diff < 0 {
		diff = -diff
	}
	return diff / 5 * 10
}
