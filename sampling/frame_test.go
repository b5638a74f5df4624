package sampling

import (
	"errors"
	"fmt"
	"iter"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// frameOf streams entries as a database cursor would.
func frameOf(entries []Entry) iter.Seq2[Entry, error] {
	return func(yield func(Entry, error) bool) {
		for _, e := range entries {
			if !yield(e, nil) {
				return
			}
		}
	}
}

func sortedEntries(entries []Entry) []Entry {
	s := slices.Clone(entries)
	slices.SortFunc(s, func(a, b Entry) int {
		if c := strings.Compare(a.Stratum, b.Stratum); c != 0 {
			return c
		}
		return strings.Compare(a.Key, b.Key)
	})
	return s
}

func digest(t *testing.T, entries []Entry) (FrameSummary, error) {
	t.Helper()
	d := NewFrameDigester()
	for _, e := range entries {
		if err := d.Add(e); err != nil {
			return FrameSummary{}, err
		}
	}
	return d.Sum(), nil
}

func TestFrameDigest(t *testing.T) {
	small := []Entry{{"U001", "aa"}, {"U001", "ab"}, {"U002", "0f"}}
	tests := []struct {
		name    string
		entries []Entry
		want    string // from Python hashlib over the documented layout
		sizes   string
		err     error
	}{
		{"empty frame", nil, "553f49ed126df028fb6b20f1c9db54d7d164d5a1639231cd908d39bdb83cf852", "map[]", nil},
		{"three entries", small, "7a47fbe2804a11d484cabb284383e14b24f019ebf50f4c349644dc8a7a42a466", "map[U001:2 U002:1]", nil},
		{"keys out of order", []Entry{{"U001", "ab"}, {"U001", "aa"}}, "", "", ErrFrameOrder},
		{"strata out of order", []Entry{{"U002", "aa"}, {"U001", "ab"}}, "", "", ErrFrameOrder},
		{"duplicate", []Entry{{"U001", "aa"}, {"U001", "aa"}}, "", "", ErrFrameOrder},
		{"case-insensitive collation order", []Entry{{"U001", "AB"}, {"U001", "aa"}, {"U001", "Ac"}}, "", "", ErrFrameOrder},
		{"empty key", []Entry{{"U001", ""}}, "", "", ErrEntry},
		{"empty stratum", []Entry{{"", "aa"}}, "", "", ErrEntry},
		{"overlong key", []Entry{{"U001", strings.Repeat("a", maxFieldLen+1)}}, "", "", ErrEntry},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := digest(t, tt.entries)
			if !errors.Is(err, tt.err) {
				t.Fatalf("error = %v, want %v", err, tt.err)
			}
			if err == nil && (got.Digest != tt.want || fmt.Sprint(got.Sizes) != tt.sizes || got.Entries != int64(len(tt.entries))) {
				t.Errorf("got %+v, want digest %s sizes %s", got, tt.want, tt.sizes)
			}
		})
	}
}

// The digest is a property of the frame's content: rows imported in any
// order, then streamed sorted, give the same digest; any change gives
// another.
func TestFrameDigestIgnoresImportOrder(t *testing.T) {
	frame := syntheticFrame(40, 25)
	want, err := digest(t, frame)
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(7, 7))
	for range 5 {
		shuffled := slices.Clone(frame)
		rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		got, err := digest(t, sortedEntries(shuffled))
		if err != nil || got.Digest != want.Digest {
			t.Fatalf("reimported frame digest %s, %v; want %s", got.Digest, err, want.Digest)
		}
	}
	changes := map[string]func([]Entry) []Entry{
		"one key changed":     func(f []Entry) []Entry { f[17].Key += "0"; return f },
		"one entry dropped":   func(f []Entry) []Entry { return slices.Delete(f, 3, 4) },
		"one entry moved":     func(f []Entry) []Entry { f[0].Stratum = "S0000a"; return sortedEntries(f) },
		"one key appended to": func(f []Entry) []Entry { return sortedEntries(append(f, Entry{"S0002", "ffff"})) },
	}
	for name, change := range changes {
		got, err := digest(t, change(slices.Clone(frame)))
		if err != nil || got.Digest == want.Digest {
			t.Errorf("%s: digest %s, %v; want a different digest", name, got.Digest, err)
		}
	}
}

// syntheticFrame is strata × perStratum entries, sorted, with keys shaped
// like PhoneKey output.
func syntheticFrame(strata, perStratum int) []Entry {
	var out []Entry
	for s := range strata {
		for k := range perStratum {
			out = append(out, Entry{fmt.Sprintf("S%04d", s), fmt.Sprintf("%08x%056x", k, uint64(k)*0x9e3779b97f4a7c15)})
		}
	}
	return out
}
