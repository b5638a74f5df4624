package scoring

import (
	"fmt"
	"math"
	"strings"
	"testing"
)

func TestAHP(t *testing.T) {
	tests := []struct {
		name    string
		matrix  [][]float64
		weights []float64 // nil: not checked
		maxCR   float64
	}{
		{"one indicator", [][]float64{{1}}, []float64{1}, 0},
		{"two indicators", [][]float64{{1, 3}, {0.3333, 1}}, []float64{0.75, 0.25}, 0},
		{"consistent 3×3", [][]float64{{1, 2, 4}, {0.5, 1, 2}, {0.25, 0.5, 1}}, []float64{4.0 / 7, 2.0 / 7, 1.0 / 7}, 1e-12},
		{"equal", [][]float64{{1, 1, 1, 1}, {1, 1, 1, 1}, {1, 1, 1, 1}, {1, 1, 1, 1}}, []float64{0.25, 0.25, 0.25, 0.25}, 1e-12},
		{"textbook with 0.3333", [][]float64{{1, 3, 5}, {0.3333, 1, 3}, {0.2, 0.3333, 1}}, []float64{0.637, 0.258, 0.105}, 0.05},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := AHP(tt.matrix)
			if err != nil {
				t.Fatal(err)
			}
			var sum float64
			for i, w := range res.Weights {
				sum += w
				if tt.weights != nil && math.Abs(w-tt.weights[i]) > 1e-3 {
					t.Errorf("weight %d = %v, want %v", i, w, tt.weights[i])
				}
			}
			if math.Abs(sum-1) > 1e-12 {
				t.Errorf("weights sum to %v", sum)
			}
			if res.CR < 0 || res.CR > tt.maxCR {
				t.Errorf("CR = %v, want in [0, %v]", res.CR, tt.maxCR)
			}
			// 0.3333 for 1/3 may put λmax a hair below n.
			if n := float64(len(tt.matrix)); res.LambdaMax < n-1e-3 {
				t.Errorf("λmax = %v, well below n", res.LambdaMax)
			}
		})
	}
}

func TestAHPRejects(t *testing.T) {
	eleven := make([][]float64, 11)
	for i := range eleven {
		eleven[i] = make([]float64, 11)
		for j := range eleven[i] {
			eleven[i][j] = 1
		}
	}
	tests := []struct {
		name   string
		matrix [][]float64
		want   string
	}{
		{"empty", nil, "empty"},
		{"not square", [][]float64{{1, 2}, {0.5}}, "not square"},
		{"too large", eleven, "defined only up to 10×10"},
		{"zero entry", [][]float64{{1, 0}, {0, 1}}, "positive numbers"},
		{"negative entry", [][]float64{{1, -2}, {-0.5, 1}}, "positive numbers"},
		{"NaN entry", [][]float64{{1, math.NaN()}, {1, 1}}, "positive numbers"},
		{"diagonal", [][]float64{{2, 1}, {1, 1}}, "diagonal must be 1"},
		{"not reciprocal", [][]float64{{1, 3}, {3, 1}}, "not reciprocal"},
		{"two decimals too coarse", [][]float64{{1, 8}, {0.13, 1}}, "multiply to 1.04"},
		{"inconsistent", [][]float64{{1, 9, 0.2}, {0.1111, 1, 7}, {5, 0.1429, 1}}, "AHP matrix is inconsistent: CR = "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := AHP(tt.matrix)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

// TestAHPInconsistentMessage pins the ratio's format in the message, which
// the campaign validation shows to administrators.
func TestAHPInconsistentMessage(t *testing.T) {
	m := [][]float64{{1, 3, 0.5}, {0.3333, 1, 3}, {2, 0.3333, 1}}
	res, err := AHP(m)
	if err == nil {
		t.Fatalf("accepted, CR = %v", res.CR)
	}
	want := fmt.Sprintf("AHP matrix is inconsistent: CR = %.3f ≥ 0.10", res.CR)
	if err.Error() != want {
		t.Fatalf("err = %q, want %q", err, want)
	}
	if res.CR < 0.1 || len(res.Weights) != 3 {
		t.Fatalf("result with the error = %+v", res)
	}
}
