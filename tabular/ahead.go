package tabular

import (
	"iter"
	"sync"
)

// aheadBatch rows travel from the reading goroutine at a time: enough that
// the hand-over costs nothing next to parsing them.
const aheadBatch = 512

// Rows yields the rows after the header, as Next does, until its error
// (io.EOF at the end), which is yielded last. A goroutine of its own reads
// and parses a few batches ahead of the caller, so that a large file is
// parsed on one core while the caller checks its rows on another. The
// caller may stop early; the reading goroutine ends before Rows returns.
func (r *Reader) Rows() iter.Seq2[Row, error] {
	return func(yield func(Row, error) bool) {
		type batch struct {
			rows []Row
			err  error
		}
		out, stop := make(chan batch, 4), make(chan struct{})
		var wg sync.WaitGroup
		wg.Go(func() {
			defer close(out)
			for {
				b := batch{rows: make([]Row, 0, aheadBatch)}
				for len(b.rows) < aheadBatch && b.err == nil {
					row, err := r.Next()
					if err != nil {
						b.err = err
					} else {
						b.rows = append(b.rows, row)
					}
				}
				select {
				case out <- b:
				case <-stop:
					return
				}
				if b.err != nil {
					return
				}
			}
		})
		defer func() { close(stop); wg.Wait() }()
		for b := range out {
			for _, row := range b.rows {
				if !yield(row, nil) {
					return
				}
			}
			if b.err != nil {
				yield(Row{}, b.err)
				return
			}
		}
	}
}
