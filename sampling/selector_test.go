package sampling

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
)

func TestPriority(t *testing.T) {
	// From Python: int.from_bytes(sha256(drawSeed + be32(4) + b"U001" +
	// be32(4) + b"ab12").digest()[:8], "big").
	const want uint64 = 5112456746648097310
	if got := Priority(DrawSeed(testSeed(), ""), Entry{"U001", "ab12"}); got != want {
		t.Fatalf("Priority = %d, want %d", got, want)
	}
	// The selector's reused buffer gives the same priorities, even for
	// keys of the longest allowed length.
	for _, e := range []Entry{{"U001", "ab12"}, {"U001", strings.Repeat("k", maxFieldLen)}, {strings.Repeat("s", maxFieldLen), "x"}} {
		got := selectAll(t, DrawSeed(testSeed(), ""), Allocation{e.Stratum: 1}, []Entry{e})
		if p := got[0].Cases[0].Priority; p != Priority(DrawSeed(testSeed(), ""), e) {
			t.Errorf("selector priority %d differs from Priority for a %d-byte key", p, len(e.Key))
		}
	}
}

// bruteForce is the definition: all priorities, sorted, the first n_h.
func bruteForce(drawSeed [32]byte, alloc Allocation, frame []Entry) []StratumSample {
	by := map[string][]Case{}
	for _, e := range frame {
		by[e.Stratum] = append(by[e.Stratum], Case{e.Key, Priority(drawSeed, e)})
	}
	for k := range alloc {
		if _, ok := by[k]; !ok {
			by[k] = nil
		}
	}
	var out []StratumSample
	for k, cases := range by {
		slices.SortFunc(cases, caseCompare)
		s := StratumSample{Stratum: k, FrameSize: len(cases)}
		if n := alloc[k]; n > 0 {
			s.Cases = cases[:n:n]
		}
		out = append(out, s)
	}
	slices.SortFunc(out, func(a, b StratumSample) int { return strings.Compare(a.Stratum, b.Stratum) })
	return out
}

func testAllocation(frame []Entry, rng *rand.Rand) Allocation {
	sizes := map[string]int{}
	for _, e := range frame {
		sizes[e.Stratum]++
	}
	alloc := Allocation{}
	for k, n := range sizes {
		alloc[k] = rng.IntN(n + 1)
	}
	return alloc
}

func selectAll(t *testing.T, drawSeed [32]byte, alloc Allocation, entries []Entry) []StratumSample {
	t.Helper()
	s, err := NewSelector(drawSeed, alloc)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if err := s.Add(e); err != nil {
			t.Fatal(err)
		}
	}
	got, err := s.Sample()
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// The streaming selector gives the definition's answer, whatever order the
// entries come in.
func TestSelectorMatchesDefinitionInAnyOrder(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	frame := syntheticFrame(30, 50)
	alloc := testAllocation(frame, rng)
	alloc["S0000"], alloc["S0001"] = 0, 50 // none, and all
	drawSeed := DrawSeed(testSeed(), "w")
	want := bruteForce(drawSeed, alloc, frame)
	for trial := range 4 {
		entries := slices.Clone(frame)
		if trial > 0 {
			rng.Shuffle(len(entries), func(i, j int) { entries[i], entries[j] = entries[j], entries[i] })
		}
		if got := selectAll(t, drawSeed, alloc, entries); !reflect.DeepEqual(got, want) {
			t.Fatalf("trial %d: selector differs from the definition", trial)
		}
	}
}

func TestSelectorErrors(t *testing.T) {
	drawSeed := DrawSeed(testSeed(), "")
	if _, err := NewSelector(drawSeed, Allocation{"A": -1}); !errors.Is(err, ErrAllocationInput) {
		t.Errorf("negative allocation: error = %v", err)
	}
	if _, err := NewSelector(drawSeed, Allocation{"": 1}); !errors.Is(err, ErrAllocationInput) {
		t.Errorf("empty stratum key: error = %v", err)
	}
	s, _ := NewSelector(drawSeed, Allocation{"A": 2, "B": 1})
	if err := s.Add(Entry{"A", ""}); !errors.Is(err, ErrEntry) {
		t.Errorf("empty key: error = %v", err)
	}
	_ = s.Add(Entry{"A", "k1"})
	_ = s.Add(Entry{"A", "k2"})
	if _, err := s.Sample(); !errors.Is(err, ErrStratumTooSmall) {
		t.Errorf("allocated stratum missing from the frame: error = %v", err)
	}
}

// Each of the C(10,3) = 120 subsets should come out equally often: 12,000
// draws under different seeds give 100 each on average, and Pearson's
// chi-square over the 120 cells should be near its 119 degrees of freedom
// (it exceeds 200 with probability below 1e-5). The seeds are fixed, so the
// test is repeatable. The first replicate of a larger draw is tested the
// same way, since releasing batches relies on prefixes being SRSs too.
func TestSelectionIsSimpleRandomSample(t *testing.T) {
	frame := syntheticFrame(1, 10)
	for _, drawn := range []int{3, 6} {
		counts := map[string]int{}
		const draws = 12000
		for i := range draws {
			seed := testSeed()
			seed[0], seed[1] = byte(i), byte(i>>8)
			got := selectAll(t, DrawSeed(seed, fmt.Sprint(drawn)), Allocation{"S0000": drawn}, frame)
			first := Replicates(got[0].Cases, 3)[0]
			keys := make([]string, len(first))
			for j, c := range first {
				keys[j] = c.Key
			}
			slices.Sort(keys)
			counts[fmt.Sprint(keys)]++
		}
		if len(counts) != 120 {
			t.Fatalf("drawn %d: %d distinct subsets, want 120", drawn, len(counts))
		}
		chi2 := 0.0
		for _, c := range counts {
			d := float64(c) - draws/120.0
			chi2 += d * d / (draws / 120.0)
		}
		t.Logf("drawn %d: chi-square %.1f over 119 df", drawn, chi2)
		if chi2 > 200 {
			t.Errorf("drawn %d: chi-square %.1f over 119 df; subsets are not equally likely", drawn, chi2)
		}
	}
}
