package sampling

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

func TestAllocate(t *testing.T) {
	tests := []struct {
		name    string
		strata  []Stratum
		n       int
		method  Method
		minimum int
		want    Allocation
	}{
		// 100 × 500/1000, 300/1000, 200/1000.
		{"proportional exact", []Stratum{{"A", 500, 0}, {"B", 300, 0}, {"C", 200, 0}}, 100, Proportional, 0,
			Allocation{"A": 50, "B": 30, "C": 20}},
		// 10/3 = 3.33 each: floors 3+3+3, the one left goes to the
		// first key, whatever the input order.
		{"proportional tie by key", []Stratum{{"C", 10, 0}, {"B", 10, 0}, {"A", 10, 0}}, 10, Proportional, 0,
			Allocation{"A": 4, "B": 3, "C": 3}},
		// 20 × 70/100 = 14, 20 × 20/100 = 4, 20 × 10/100 = 2.
		{"proportional uneven", []Stratum{{"a", 70, 0}, {"b", 20, 0}, {"c", 10, 0}}, 20, Proportional, 0,
			Allocation{"a": 14, "b": 4, "c": 2}},
		// 100 × 2/3 = 66.67, 100 × 1/3 = 33.33: remainders .67 > .33.
		{"proportional largest remainder", []Stratum{{"A", 200, 0}, {"B", 100, 0}}, 100, Proportional, 0,
			Allocation{"A": 67, "B": 33}},
		// 90/3 = 30 each, A holds 5: its 25 go equally to B and C,
		// 42.5 each, the half unit to B by key.
		{"equal capped", []Stratum{{"A", 5, 0}, {"B", 100, 0}, {"C", 100, 0}}, 90, Equal, 0,
			Allocation{"A": 5, "B": 43, "C": 42}},
		{"equal exact", []Stratum{{"A", 50, 0}, {"B", 50, 0}}, 40, Equal, 0,
			Allocation{"A": 20, "B": 20}},
		// B's share 100 × 50/1050 = 4.76 is raised to the minimum 20;
		// A takes the other 80.
		{"minimum raises small stratum", []Stratum{{"A", 1000, 0}, {"B", 50, 0}}, 100, Proportional, 20,
			Allocation{"A": 80, "B": 20}},
		// B holds only 5, so its minimum is 5; A takes 95.
		{"minimum capped by frame size", []Stratum{{"A", 1000, 0}, {"B", 5, 0}}, 100, Proportional, 20,
			Allocation{"A": 95, "B": 5}},
		// Weights 1000 × 10 = 10000 and 1000 × 30 = 30000: 25 and 75.
		{"neyman", []Stratum{{"A", 1000, 10}, {"B", 1000, 30}}, 100, Neyman, 0,
			Allocation{"A": 25, "B": 75}},
		// Weights 1000 and 5000: B would get 100 of 120 but holds 50; A
		// takes the remaining 70.
		{"neyman capped", []Stratum{{"A", 1000, 1}, {"B", 50, 100}}, 120, Neyman, 0,
			Allocation{"A": 70, "B": 50}},
		// A (SD 5) is full at 10; B has SD 0 and gets the remaining 40.
		{"neyman overflow to zero SD", []Stratum{{"A", 10, 5}, {"B", 100, 0}}, 50, Neyman, 0,
			Allocation{"A": 10, "B": 40}},
		// Weights 100, 100 and 1: C's share 60 × 1/201 = 0.3 is raised to
		// the minimum 10; A and B share the other 50 equally.
		{"neyman with minimum", []Stratum{{"A", 100, 1}, {"B", 100, 1}, {"C", 100, 0.01}}, 60, Neyman, 10,
			Allocation{"A": 25, "B": 25, "C": 10}},
		{"whole frame", []Stratum{{"A", 3, 0}, {"B", 4, 0}}, 7, Proportional, 2,
			Allocation{"A": 3, "B": 4}},
		{"nothing", []Stratum{{"A", 3, 0}, {"B", 4, 0}}, 0, Equal, 0,
			Allocation{"A": 0, "B": 0}},
		{"empty stratum", []Stratum{{"A", 0, 0}, {"B", 4, 0}}, 2, Equal, 1,
			Allocation{"A": 0, "B": 2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Allocate(tt.strata, tt.n, tt.method, tt.minimum)
			if err != nil {
				t.Fatal(err)
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestAllocateErrors(t *testing.T) {
	two := []Stratum{{"A", 10, 1}, {"B", 20, 2}}
	tests := []struct {
		name    string
		strata  []Stratum
		n       int
		method  Method
		minimum int
		want    error
	}{
		{"n above frame", two, 31, Proportional, 0, ErrSampleTooLarge},
		{"n below minimums", two, 9, Equal, 5, ErrBelowMinimum},
		{"neyman without variance", []Stratum{{"A", 10, 0}, {"B", 20, 0}}, 5, Neyman, 0, ErrNoVariance},
		{"neyman variance only in empty stratum", []Stratum{{"A", 0, 3}, {"B", 20, 0}}, 5, Neyman, 0, ErrNoVariance},
		{"no strata", nil, 0, Equal, 0, ErrAllocationInput},
		{"negative n", two, -1, Equal, 0, ErrAllocationInput},
		{"negative minimum", two, 5, Equal, -1, ErrAllocationInput},
		{"negative N", []Stratum{{"A", -1, 0}}, 0, Equal, 0, ErrAllocationInput},
		{"negative SD", []Stratum{{"A", 1, -1}}, 0, Neyman, 0, ErrAllocationInput},
		{"NaN SD", []Stratum{{"A", 1, math.NaN()}}, 0, Neyman, 0, ErrAllocationInput},
		{"empty key", []Stratum{{"", 1, 0}}, 0, Equal, 0, ErrAllocationInput},
		{"duplicate key", []Stratum{{"A", 1, 0}, {"A", 2, 0}}, 0, Equal, 0, ErrAllocationInput},
		{"unknown method", two, 5, Method(9), 0, ErrAllocationInput},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := Allocate(tt.strata, tt.n, tt.method, tt.minimum); !errors.Is(err, tt.want) {
				t.Errorf("error = %v, want %v", err, tt.want)
			}
		})
	}
}

// Whatever the input, a valid allocation sums to n and keeps every stratum
// between its minimum (capped by N_h) and N_h.
func TestAllocateInvariants(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := range 300 {
		strata := make([]Stratum, 1+rng.IntN(60))
		total := 0
		for i := range strata {
			strata[i] = Stratum{Key: fmt.Sprintf("s%03d", i), N: rng.IntN(500), SD: float64(rng.IntN(4)) * rng.Float64()}
			total += strata[i].N
		}
		strata[0].SD = 1 + rng.Float64()
		strata[0].N++
		total++
		minimum := rng.IntN(8)
		method := Method(1 + trial%3)
		lower := 0
		for _, s := range strata {
			lower += min(minimum, s.N)
		}
		n := lower + rng.IntN(total-lower+1)
		got, err := Allocate(strata, n, method, minimum)
		if err != nil {
			t.Fatalf("trial %d: %v", trial, err)
		}
		sum := 0
		for _, s := range strata {
			a := got[s.Key]
			if a < min(minimum, s.N) || a > s.N {
				t.Fatalf("trial %d: stratum %s (N %d) got %d, minimum %d", trial, s.Key, s.N, a, minimum)
			}
			sum += a
		}
		if sum != n || len(got) != len(strata) {
			t.Fatalf("trial %d: allocated %d over %d strata, want %d over %d", trial, sum, len(got), n, len(strata))
		}
	}
}
