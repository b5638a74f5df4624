package scoring

import (
	"math"
	"testing"
)

func TestRoundHalfAway(t *testing.T) {
	tests := []struct {
		x        float64
		decimals int
		want     float64
	}{
		{2.675, 2, 2.68}, // binary 2.67499999…; rounded as printed
		{-2.675, 2, -2.68},
		{1.005, 2, 1.01},
		{0.125, 2, 0.13},
		{0.135, 2, 0.14},
		{2.5, 0, 3},
		{-2.5, 0, -3},
		{0.5, 0, 1},
		{0.49999999999999994, 0, 0},
		{80.12499999999999, 2, 80.12},
		{80.125, 2, 80.13},
		{99.995, 2, 100},
		{9.995, 2, 10},
		{0.004, 2, 0},
		{-0.004, 2, 0},
		{0.005, 2, 0.01},
		{0.0005, 2, 0},
		{1e-300, 2, 0},
		{123456.789, 0, 123457},
		{1e21, 2, 1e21},
		{91.37, 2, 91.37},
		{0, 3, 0},
		{5e-324, 0, 0},
	}
	for _, tt := range tests {
		got := RoundHalfAway(tt.x, tt.decimals)
		if got != tt.want || math.Signbit(got) != math.Signbit(tt.want) {
			t.Errorf("RoundHalfAway(%v, %d) = %v, want %v", tt.x, tt.decimals, got, tt.want)
		}
	}
	for _, x := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		if got := RoundHalfAway(x, 2); !(got == x || math.IsNaN(got) && math.IsNaN(x)) {
			t.Errorf("RoundHalfAway(%v) = %v, want it unchanged", x, got)
		}
	}
}

func TestRoundedScaledKey(t *testing.T) {
	tests := []struct {
		x    float64
		d    int
		want string
	}{
		{2.675, 2, "268"},
		{-2.675, 2, "-268"},
		{-0.001, 2, "0"},
		{math.Copysign(0, -1), 2, "0"},
		{99.995, 2, "10000"},
		{0.05, 1, "1"},
		{0.05, 0, "0"},
		{7, 3, "7000"},
		{1.5e-7, 6, "0"},
		{5.5e-7, 6, "1"},
	}
	for _, tt := range tests {
		if got := string(appendRoundedScaled(nil, tt.x, tt.d)); got != tt.want {
			t.Errorf("appendRoundedScaled(%v, %d) = %q, want %q", tt.x, tt.d, got, tt.want)
		}
	}
}

// TestRoundingIsMonotone guards the ranker's assumption that units which
// tie after rounding are adjacent once sorted by the unrounded index: it
// walks every float64 within 2000 ulps of several half-way points.
func TestRoundingIsMonotone(t *testing.T) {
	for _, half := range []float64{80.125, 2.675, 1.005, 99.995, 0.015, 63.445} {
		x := half
		for range 2000 {
			x = math.Nextafter(x, 0)
		}
		prev := RoundHalfAway(x, 2)
		for range 4000 {
			x = math.Nextafter(x, 200)
			r := RoundHalfAway(x, 2)
			if r < prev {
				t.Fatalf("rounding is not monotone at %v: %v after %v", x, r, prev)
			}
			prev = r
		}
	}
}
