package scoring

import (
	"errors"
	"reflect"
	"testing"
)

// TestPrefetchKeepsTheStream: prefetch yields the stream's responses in
// order with their ratings, though the stream reuses its buffers; passes
// on its error after the responses before it; and stops the reader when
// the loop stops.
func TestPrefetchKeepsTheStream(t *testing.T) {
	_, seq := Synthetic(3*batchSize+7, 5, 3, 1)
	var want []Response
	for r := range seq {
		r.Ratings = append([]Rating(nil), r.Ratings...)
		want = append(want, r)
	}
	var got []Response
	for r, err := range prefetch(seq) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, r)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatal("prefetch changed the stream")
	}

	failing := func(yield func(Response, error) bool) {
		for i, r := range want[:batchSize+3] {
			if i == batchSize+2 {
				yield(Response{}, errors.New("broken"))
				return
			}
			if !yield(r, nil) {
				return
			}
		}
	}
	n := 0
	var last error
	for _, err := range prefetch(failing) {
		if err != nil {
			last = err
			break
		}
		n++
	}
	if n != batchSize+2 || last == nil || last.Error() != "broken" {
		t.Errorf("a failing stream: %d responses then %v", n, last)
	}

	read := 0
	counting := func(yield func(Response, error) bool) {
		for _, r := range want {
			read++
			if !yield(r, nil) {
				return
			}
		}
	}
	for range prefetch(counting) {
		break
	}
	if read == len(want) {
		t.Error("stopping the loop did not stop the reader")
	}
}
