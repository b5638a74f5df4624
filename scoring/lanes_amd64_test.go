package scoring

import (
	"math"
	"slices"
	"testing"
)

// TestVectorLanesAddAsScalar: where a vector loop runs (AVX-512, AVX2),
// the portable loop gives the same bits.
func TestVectorLanesAddAsScalar(t *testing.T) {
	if !vectorLanes {
		t.Skip("no vector loop on this machine")
	}
	cfg, rs := smallSynthetic(t, 6)
	w := newTestWorker(t, cfg, rs)
	for k := range lanes {
		w.draw(100+k, k)
	}
	defer func(zmm bool) { vectorLanes, zmmLanes = true, zmm }(zmmLanes)
	loops := map[string]bool{"AVX2": false}
	if zmmLanes {
		loops["AVX-512"] = true
	}
	for name, zmm := range loops {
		vectorLanes, zmmLanes = true, zmm
		w.sumLanes()
		vector := slices.Clone(w.acc)
		vectorLanes = false
		w.sumLanes()
		for gu := range vector {
			for k := range lanes {
				v, s := vector[gu], w.acc[gu]
				if math.Float64bits(v.swy[k]) != math.Float64bits(s.swy[k]) || math.Float64bits(v.sw[k]) != math.Float64bits(s.sw[k]) || v.n[k] != s.n[k] {
					t.Fatalf("%s, (group, unit) %d, lane %d: vector %v %v %d, scalar %v %v %d", name, gu, k, v.swy[k], v.sw[k], v.n[k], s.swy[k], s.sw[k], s.n[k])
				}
			}
		}
	}
}
