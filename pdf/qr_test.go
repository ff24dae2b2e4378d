package pdf

import (
	"strings"
	"testing"

	"rsc.io/qr/coding"
)

// TestQRMasks checks the shortcut of qrCoder.encode: data encoded once
// and laid over each mask gives the very symbol rsc.io/qr makes with that
// mask, in rows and in columns.
func TestQRMasks(t *testing.T) {
	for _, text := range []string{"ST00012|Name=ООО", strings.Repeat("Оплата электроэнергии ", 20)} {
		qv, err := newQRCoder(1).version(text)
		if err != nil {
			t.Fatal(err)
		}
		got, err := qv.symbols(text)
		if err != nil {
			t.Fatal(err)
		}
		for m, s := range got {
			p, _ := coding.NewPlan(qv.plan.Version, coding.M, coding.Mask(m))
			want, _ := p.Encode(coding.String(text))
			for y := range s.size {
				for x := range s.size {
					if s.at(x, y) != want.Black(x, y) || s.cols[x].get(y) != want.Black(x, y) {
						t.Fatalf("version %d mask %d: module (%d, %d) differs", qv.plan.Version, m, x, y)
					}
				}
			}
		}
	}
}

// rowOf makes a line of modules from '#' (dark) and '.' (light).
func rowOf(line string) bitrow {
	var r bitrow
	for x, c := range line {
		if c == '#' {
			r.set(x)
		}
	}
	return r
}

// symbolOf makes a square symbol from its rows.
func symbolOf(rows ...string) *qrSymbol {
	s := &qrSymbol{size: len(rows)}
	for _, row := range rows {
		s.rows = append(s.rows, rowOf(row))
	}
	s.cols = transpose(s.rows)
	return s
}

func TestPenalty(t *testing.T) {
	finder := rowOf("#.###.#....")
	if got := finderPenalty(runsOf(finder, 11, nil), true); got != 40 {
		t.Errorf("finder pattern scored %d, want 40", got)
	}
	if got := finderPenalty(runsOf(rowOf("..#.###.#.#"), 11, nil), false); got != 0 {
		t.Errorf("a pattern with light on neither side scored %d, want 0", got)
	}
	if got := runsOf(finder, 11, nil); len(got) != 6 || got[2] != 3 || got[5] != 4 {
		t.Errorf("runs of #.###.#.... are %v, want [1 1 3 1 1 4]", got)
	}
	if got := runPenalty([]int{5, 1, 7}); got != 3+5 {
		t.Errorf("runs of 5 and 7 scored %d, want 8", got)
	}
	checker := symbolOf("#.", ".#")
	if got := balancePenalty(checker) + blockPenalty(checker); got != 0 {
		t.Errorf("a checkerboard scored %d, want 0", got)
	}
	dark := symbolOf("###", "###", "###")
	if got := blockPenalty(dark); got != 4*3 {
		t.Errorf("a dark 3×3 square has %d/3 blocks, want 4", got/3)
	}
	if got := balancePenalty(dark); got != 100 {
		t.Errorf("an all-dark square is unbalanced by %d, want 100", got)
	}
}
