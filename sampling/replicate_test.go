package sampling

import (
	"fmt"
	"testing"
)

func TestReplicates(t *testing.T) {
	cases := make([]Case, 7)
	for i := range cases {
		cases[i] = Case{Key: fmt.Sprint(i), Priority: uint64(i)}
	}
	tests := []struct {
		size int
		want string
	}{
		{3, "[[0 1 2] [3 4 5] [6]]"},
		{7, "[[0 1 2 3 4 5 6]]"},
		{10, "[[0 1 2 3 4 5 6]]"},
		{1, "[[0] [1] [2] [3] [4] [5] [6]]"},
		{0, "[]"},
		{-2, "[]"},
	}
	for _, tt := range tests {
		got := Replicates(cases, tt.size)
		keys := make([][]string, len(got))
		for i, r := range got {
			for _, c := range r {
				keys[i] = append(keys[i], c.Key)
			}
		}
		if fmt.Sprint(keys) != tt.want {
			t.Errorf("Replicates(7 cases, %d) = %v, want %s", tt.size, keys, tt.want)
		}
	}
	if got := Replicates(nil, 5); got != nil {
		t.Errorf("Replicates(nil) = %v, want nil", got)
	}
	// A batch must not share capacity with the next: appending to one
	// would overwrite the other.
	batches := Replicates(cases, 3)
	_ = append(batches[0], Case{Key: "x"})
	if batches[1][0].Key != "3" {
		t.Error("appending to batch 1 overwrote batch 2")
	}
}

func TestDesignWeight(t *testing.T) {
	tests := []struct {
		frame, released int
		want            float64
	}{
		{1000, 50, 20},                // 1000 / 50
		{2703, 54, 50.05555555555556}, // 2703 / 54
		{10, 10, 1},                   // a census of the stratum
		{10, 0, 0},                    // nothing released: no weight
		{10, 11, 0},                   // impossible
		{-5, 1, 0},                    // impossible
		{0, 0, 0},
	}
	for _, tt := range tests {
		if got := DesignWeight(tt.frame, tt.released); got != tt.want {
			t.Errorf("DesignWeight(%d, %d) = %v, want %v", tt.frame, tt.released, got, tt.want)
		}
	}
}
