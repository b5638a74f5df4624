package scoring

import (
	"encoding/binary"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// pack writes ratings in Response.Packed's form, with an empty block for
// every unit in empty, which must be left out as if never written.
func pack(ratings []Rating, nInd int, empty ...int) []byte {
	cells := map[int][]byte{}
	for _, u := range empty {
		cells[u] = make([]byte, nInd)
	}
	last := slices.Max(append(slices.Clone(empty), -1))
	for _, rt := range ratings {
		if cells[rt.Unit] == nil {
			cells[rt.Unit] = make([]byte, nInd)
		}
		cells[rt.Unit][rt.Indicator] = byte(rt.Option + 1)
		last = max(last, rt.Unit)
	}
	var out []byte
	prev := -1
	for u := range last + 1 {
		if c := cells[u]; c != nil {
			out = binary.AppendUvarint(out, uint64(u-prev))
			out = append(out, c...)
			prev = u
		}
	}
	return out
}

// TestPackedRatingsScoreAsRatings: the same responses given packed give
// every bit of the result the same, digest included.
func TestPackedRatingsScoreAsRatings(t *testing.T) {
	cfg, rs := smallSynthetic(t, 11)
	var packed []Response
	for n, r := range rs {
		// Leave ratings out so that blocks have gaps and units are skipped.
		var kept []Rating
		for k, rt := range r.Ratings {
			if (n+k)%5 != 0 && (rt.Unit+n)%4 != 0 {
				kept = append(kept, rt)
			}
		}
		rs[n].Ratings = kept
		p := r
		p.Ratings, p.Packed = nil, pack(kept, len(cfg.Indicators), n%len(cfg.Units))
		packed = append(packed, p)
	}
	want := mustRun(t, cfg, rs)
	got := mustRun(t, cfg, packed)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("packed responses give\n%+v\nratings give\n%+v", got, want)
	}
}

func TestPackedRatingsOutsideTheConfigurationAreRefused(t *testing.T) {
	cfg, rs := smallSynthetic(t, 12)
	nInd := len(cfg.Indicators)
	for _, c := range []struct {
		name   string
		packed []byte
		want   string
	}{
		{"unit", pack([]Rating{{Unit: len(cfg.Units), Indicator: 1, Option: 0}}, nInd), "refers outside the configuration"},
		{"option", pack([]Rating{{Unit: 2, Indicator: 1, Option: len(cfg.Options)}}, nInd), "refers outside the configuration"},
		{"cut short", pack([]Rating{{Unit: 2, Indicator: 1, Option: 0}}, nInd)[:nInd], "corrupt"},
		{"unit step 0", append([]byte{1, 1, 0, 0, 0, 0}, make([]byte, nInd)...), "corrupt"},
	} {
		r := rs[0]
		r.Ratings, r.Packed = nil, c.packed
		_, err := Run(cfg, sliceSeq(append([]Response{r}, rs[1:]...)))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one saying %q", c.name, err, c.want)
		}
	}
}
