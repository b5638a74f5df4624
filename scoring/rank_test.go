package scoring

import (
	"math"
	"slices"
	"testing"
)

func TestRanker(t *testing.T) {
	nan := math.NaN() // stands for "no index"
	tests := []struct {
		name     string
		decimals int
		cats     [][]int
		index    []float64
		want     []int32
	}{
		{"competition ranking", 2, [][]int{{0, 1, 2, 3}}, []float64{90, 85, 85, 80}, []int32{1, 2, 2, 4}},
		{"ties after rounding", 2, [][]int{{0, 1, 2, 3}}, []float64{80.004, 80.001, 79.996, 79.994}, []int32{1, 1, 1, 4}},
		{"near tie rounds apart", 2, [][]int{{0, 1}}, []float64{74.7802, 74.7892}, []int32{2, 1}},
		{"half away from zero on the printed value", 2, [][]int{{0, 1, 2}}, []float64{2.675, 2.68, 2.674999}, []int32{1, 1, 3}},
		{"zero decimals", 0, [][]int{{0, 1, 2}}, []float64{80.5, 80.6, 80.4}, []int32{1, 1, 3}},
		{"categories rank apart", 2, [][]int{{0, 2}, {1, 3}}, []float64{70, 60, 80, 50}, []int32{2, 1, 1, 2}},
		{"units without an index get 0 and take no rank", 2, [][]int{{0, 1, 2}}, []float64{nan, 70, 75}, []int32{0, 2, 1}},
		{"nobody ranked", 2, [][]int{{0, 1}}, []float64{nan, nan}, []int32{0, 0}},
		{"all tied", 2, [][]int{{0, 1, 2}}, []float64{50, 50, 50}, []int32{1, 1, 1}},
		{"negative scores", 2, [][]int{{0, 1, 2}}, []float64{-1.005, -1.01, -1.004}, []int32{2, 2, 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			has := make([]bool, len(tt.index))
			for u, x := range tt.index {
				has[u] = !math.IsNaN(x)
			}
			got := make([]int32, len(tt.index))
			rk := ranker{decimals: tt.decimals}
			rk.rank(tt.cats, tt.index, has, got)
			if !slices.Equal(got, tt.want) {
				t.Errorf("ranks %v, want %v", got, tt.want)
			}
		})
	}
}
