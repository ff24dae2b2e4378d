package pdf

import (
	"strings"
	"testing"

	"rsc.io/qr/coding"
)

// TestQRMasks checks the shortcut of qrCoder.encode: data encoded once
// and laid over each mask's plan gives the very symbol rsc.io/qr makes
// with that mask.
func TestQRMasks(t *testing.T) {
	for _, text := range []string{"ST00012|Name=ООО", strings.Repeat("Оплата электроэнергии ", 20)} {
		c := newQRCoder(1)
		v, err := smallestVersion(coding.String(text))
		if err != nil {
			t.Fatal(err)
		}
		plans, err := c.versionPlans(v)
		if err != nil {
			t.Fatal(err)
		}
		code0, _ := plans[0].Encode(coding.String(text))
		data := dataBits(plans[0], code0)
		for m, p := range plans {
			want, _ := p.Encode(coding.String(text))
			got := masked(p, data)
			for i, dark := range got.dark {
				if x, y := i%got.size, i/got.size; dark != want.Black(x, y) {
					t.Fatalf("version %d mask %d: module (%d, %d) differs", v, m, x, y)
				}
			}
		}
	}
}

func TestPenalty(t *testing.T) {
	// A finder-like row 1011101 then light, in a 11-module line.
	runs := runsOf([]bool{true, false, true, true, true, false, true, false, false, false, false}, 0, 1, 11, nil)
	if got := finderPenalty(runs, true); got != 40 {
		t.Errorf("finder pattern scored %d, want 40", got)
	}
	if got := runPenalty([]int{5, 1, 7}); got != 3+5 {
		t.Errorf("runs of 5 and 7 scored %d, want 8", got)
	}
	half := &qrSymbol{size: 2, dark: []bool{true, false, false, true}}
	if got := balancePenalty(half) + blockPenalty(half); got != 0 {
		t.Errorf("a checkerboard scored %d, want 0", got)
	}
	dark := &qrSymbol{size: 2, dark: []bool{true, true, true, true}}
	if got := balancePenalty(dark) + blockPenalty(dark); got != 100+3 {
		t.Errorf("an all-dark square scored %d, want 103", got)
	}
}
