package sampling

import (
	"errors"
	"math"
	"testing"
)

func TestOverdraw(t *testing.T) {
	tests := []struct {
		n    int
		rate float64
		want int
		err  error
	}{
		{100, 0.5, 200, nil},
		{30, 0.3, 100, nil},
		{21, 0.7, 30, nil}, // 21/0.7 is 30.000000000000004 in float64
		{1, 1.0 / 3, 3, nil},
		{20000, 20000.0 / 172000, 172000, nil}, // last year's Jinan yield
		{385, 0.12, 3209, nil},                 // 3208.33 rounds up
		{1, 0.9, 2, nil},                       // 1.11 rounds up
		{7, 1, 7, nil},
		{0, 0.4, 0, nil},
		{10, 0, 0, ErrResponseRate},
		{10, -0.1, 0, ErrResponseRate},
		{10, 1.01, 0, ErrResponseRate},
		{10, math.NaN(), 0, ErrResponseRate},
		{-1, 0.5, 0, ErrAllocationInput},
	}
	for _, tt := range tests {
		got, err := Overdraw(tt.n, tt.rate)
		if !errors.Is(err, tt.err) || got != tt.want {
			t.Errorf("Overdraw(%d, %v) = %d, %v; want %d, %v", tt.n, tt.rate, got, err, tt.want, tt.err)
		}
	}
}
