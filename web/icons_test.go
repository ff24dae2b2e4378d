package web

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"testing"
)

// The app's icons (static/icons/*.png) are the logo — the yellow bolt on
// the blue rounded square of logo.svg — drawn by drawIcon. They are
// committed files; this test fails when one no longer matches its
// drawing, and KABINET_UPDATE_ICONS=1 writes them afresh.
var appIcons = []struct {
	name     string
	size     int
	maskable bool
}{
	{"icon-192.png", 192, false},
	{"icon-512.png", 512, false},
	{"icon-maskable-512.png", 512, true},
	{"apple-touch-icon-180.png", 180, true}, // iOS rounds the corners itself
}

func TestAppIcons(t *testing.T) {
	for _, ic := range appIcons {
		path := filepath.Join("static", "icons", ic.name)
		want := drawIcon(ic.size, ic.maskable)
		if os.Getenv("KABINET_UPDATE_ICONS") == "1" {
			var buf bytes.Buffer
			if err := (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(&buf, want); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		got, err := png.Decode(f)
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", ic.name, err)
		}
		if got.Bounds() != want.Bounds() {
			t.Errorf("%s is %v, want %v", ic.name, got.Bounds().Size(), want.Bounds().Size())
			continue
		}
		if diff := differentPixels(got, want); diff > 0 {
			t.Errorf("%s: %d pixels differ from drawIcon (KABINET_UPDATE_ICONS=1 redraws)", ic.name, diff)
		}
	}
}

// A maskable icon keeps its picture inside the safe zone, the centred
// circle of 40 % of the size: outside it a launcher may cut.
func TestMaskableIconSafeZone(t *testing.T) {
	img := drawIcon(512, true)
	blue := color.NRGBAModel.Convert(logoBlue).(color.NRGBA)
	for y := range 512 {
		for x := range 512 {
			dx, dy := float64(x)+0.5-256, float64(y)+0.5-256
			if math.Hypot(dx, dy) > 0.4*512 && img.NRGBAAt(x, y) != blue {
				t.Fatalf("pixel %d,%d outside the safe zone is %v, not the background", x, y, img.NRGBAAt(x, y))
			}
		}
	}
}

func differentPixels(a, b image.Image) int {
	n := 0
	r := a.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if color.NRGBAModel.Convert(a.At(x, y)) != color.NRGBAModel.Convert(b.At(x, y)) {
				n++
			}
		}
	}
	return n
}

var (
	logoBlue   = color.NRGBA{0x0b, 0x5c, 0xad, 0xff}
	logoYellow = color.NRGBA{0xff, 0xd4, 0x3b, 0xff}
	// logoBolt is the bolt of logo.svg in its 48×48 box.
	logoBolt = [][2]float64{{27.5, 7}, {13, 27}, {22.5, 27}, {19, 41}, {35, 20}, {25.2, 20}}
)

// drawIcon draws the logo at size×size pixels, 4×4 samples a pixel. The
// ordinary icon is logo.svg; the maskable one fills the square with blue
// and shrinks the bolt into the safe zone.
func drawIcon(size int, maskable bool) *image.NRGBA {
	const samples = 4
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	unit := float64(size) / 48 // one unit of logo.svg
	boltScale, radius := 1.0, 12.0
	if maskable {
		boltScale, radius = 0.75, 0
	}
	for y := range size {
		for x := range size {
			var inSquare, inBolt int
			for sy := range samples {
				for sx := range samples {
					px := (float64(x) + (float64(sx)+0.5)/samples) / unit
					py := (float64(y) + (float64(sy)+0.5)/samples) / unit
					if !inRoundedSquare(px, py, radius) {
						continue
					}
					inSquare++
					// The bolt scales about the centre of the box.
					if inPolygon(24+(px-24)/boltScale, 24+(py-24)/boltScale, logoBolt) {
						inBolt++
					}
				}
			}
			img.SetNRGBA(x, y, blend(inSquare, inBolt, samples*samples))
		}
	}
	return img
}

// blend mixes the samples: those in the bolt yellow, the rest of the
// square blue, outside transparent.
func blend(inSquare, inBolt, all int) color.NRGBA {
	if inSquare == 0 {
		return color.NRGBA{}
	}
	mix := func(b, y uint8) uint8 {
		return uint8((int(b)*(inSquare-inBolt) + int(y)*inBolt + inSquare/2) / inSquare)
	}
	return color.NRGBA{mix(logoBlue.R, logoYellow.R), mix(logoBlue.G, logoYellow.G),
		mix(logoBlue.B, logoYellow.B), uint8((255*inSquare + all/2) / all)}
}

// inRoundedSquare reports whether (x, y) lies in the 48×48 square with
// corners of radius r.
func inRoundedSquare(x, y, r float64) bool {
	if x < 0 || y < 0 || x > 48 || y > 48 {
		return false
	}
	cx, cy := math.Max(r, math.Min(x, 48-r)), math.Max(r, math.Min(y, 48-r))
	return math.Hypot(x-cx, y-cy) <= r
}

// inPolygon is the even-odd rule.
func inPolygon(x, y float64, poly [][2]float64) bool {
	in := false
	for i, j := 0, len(poly)-1; i < len(poly); j, i = i, i+1 {
		a, b := poly[i], poly[j]
		if (a[1] > y) != (b[1] > y) && x < (b[0]-a[0])*(y-a[1])/(b[1]-a[1])+a[0] {
			in = !in
		}
	}
	return in
}
