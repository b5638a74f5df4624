package responses

import (
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
)

func TestAnswersRoundTripInAnyOrder(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := 0; trial < 200; trial++ {
		units, n := 1+rng.IntN(300), 1+rng.IntN(6)
		var ratings []Rating
		for u := 0; u < units; u++ {
			for i := 0; i < n; i++ {
				if rng.Float64() < 0.6 {
					ratings = append(ratings, Rating{Unit: u * (1 + rng.IntN(3)), Indicator: i, Option: rng.IntN(5)})
				}
			}
		}
		ratings = dedupe(ratings)
		shuffled := slices.Clone(ratings)
		rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		data, err := EncodeAnswers(shuffled, n)
		if err != nil {
			t.Fatal(err)
		}
		got, err := DecodeAnswers(data, nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(ratings) == 0 && len(got) == 0 {
			continue
		}
		if !reflect.DeepEqual(got, ratings) {
			t.Fatalf("trial %d: round trip changed the ratings", trial)
		}
	}
}

func dedupe(rs []Rating) []Rating {
	slices.SortFunc(rs, func(a, b Rating) int {
		if a.Unit != b.Unit {
			return a.Unit - b.Unit
		}
		return a.Indicator - b.Indicator
	})
	return slices.CompactFunc(rs, func(a, b Rating) bool { return a.Unit == b.Unit && a.Indicator == b.Indicator })
}

func TestAnswersAreCompact(t *testing.T) {
	var ratings []Rating
	for u := 0; u < 82; u++ {
		for i := 0; i < 4; i++ {
			ratings = append(ratings, Rating{Unit: u, Indicator: i, Option: (u + i) % 5})
		}
	}
	data, err := EncodeAnswers(ratings, 4)
	if err != nil {
		t.Fatal(err)
	}
	if len(data) > 82*5+2 {
		t.Fatalf("a full 82 × 4 form takes %d bytes, want at most %d", len(data), 82*5+2)
	}
}

func TestAnswersRejectBadInput(t *testing.T) {
	if _, err := EncodeAnswers([]Rating{{0, 1, 2}, {0, 1, 3}}, 4); err == nil {
		t.Error("a cell rated twice was encoded")
	}
	if _, err := EncodeAnswers([]Rating{{0, 4, 0}}, 4); err == nil {
		t.Error("an indicator out of range was encoded")
	}
	good, _ := EncodeAnswers([]Rating{{3, 0, 1}, {7, 2, 0}}, 3)
	for _, bad := range [][]byte{nil, {2, 3}, good[:len(good)-1], append(slices.Clone(good[:2]), 0, 0, 0, 0)} {
		if _, err := DecodeAnswers(bad, nil); err == nil {
			t.Errorf("corrupt answers %v decoded", bad)
		}
	}
}
