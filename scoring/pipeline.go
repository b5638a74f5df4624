package scoring

import (
	"iter"
	"strings"
)

// batchSize is how many responses the reader hands over at a time: enough
// to make the hand-over rare, few enough (with ratings, about 2 MB for a
// form of 328) that memory stays bounded by the batches in flight.
const batchSize = 256

// batch is a run of responses copied out of the caller's buffers.
type batch struct {
	responses []Response
	ratings   []Rating // the responses' Ratings point into this
	packed    []byte   // and their Packed into this
	err       error    // the stream's error, after the responses before it
}

// prefetch reads responses on another goroutine while the caller's loop
// validates and stores the previous ones, so that reading (from a database:
// decoding every response's answers) and storing overlap on two cores. The
// order is the stream's, so the result is the same, bit for bit, as
// reading in line. Stopping the loop early stops the reader.
func prefetch(responses iter.Seq2[Response, error]) iter.Seq2[Response, error] {
	return func(yield func(Response, error) bool) {
		full := make(chan *batch, 2)
		free := make(chan *batch, 3)
		stop := make(chan struct{})
		for range cap(free) {
			free <- &batch{}
		}
		go func() {
			defer close(full)
			b := <-free
			send := func() bool {
				select {
				case full <- b:
				case <-stop:
					return false
				}
				select {
				case b = <-free:
				case <-stop:
					return false
				}
				b.responses, b.ratings, b.packed, b.err = b.responses[:0], b.ratings[:0], b.packed[:0], nil
				return true
			}
			for r, err := range responses {
				if err != nil {
					b.err = err
					break
				}
				r.Ref, r.Stratum = strings.Clone(r.Ref), strings.Clone(r.Stratum)
				if r.Ratings != nil {
					start := len(b.ratings)
					b.ratings = append(b.ratings, r.Ratings...)
					r.Ratings = b.ratings[start:len(b.ratings):len(b.ratings)]
				} else if r.Packed != nil {
					start := len(b.packed)
					b.packed = append(b.packed, r.Packed...)
					r.Packed = b.packed[start:len(b.packed):len(b.packed)]
				}
				b.responses = append(b.responses, r)
				if len(b.responses) == batchSize && !send() {
					return
				}
			}
			send()
		}()
		defer func() {
			close(stop)
			for range full { // let the reader finish
			}
		}()
		for b := range full {
			for _, r := range b.responses {
				if !yield(r, nil) {
					return
				}
			}
			if b.err != nil {
				yield(Response{}, b.err)
				return
			}
			free <- b
		}
	}
}
