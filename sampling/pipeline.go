package sampling

import (
	"fmt"
	"iter"
	"runtime"
	"sync"
)

const (
	// drawChunk entries travel to a hashing goroutine at a time: large
	// enough that channel traffic is noise, small enough to stay in cache.
	drawChunk = 4096
	// maxDrawWorkers bounds the hashing goroutines; each keeps its own
	// heaps, so memory is O(workers × sample), and beyond a few the one
	// goroutine that reads and digests the frame is the bottleneck.
	maxDrawWorkers = 4
)

func drawWorkers() int { return min(runtime.GOMAXPROCS(0), maxDrawWorkers) }

// runDraw reads the frame once on this goroutine, feeding the digester, and
// hands chunks to workers that compute priorities into their own Selectors,
// merged at the end.
func runDraw(drawSeed [32]byte, alloc Allocation, frame iter.Seq2[Entry, error], workers, chunk int) (FrameSummary, []StratumSample, error) {
	sels := make([]*Selector, max(workers, 1))
	for i := range sels {
		s, err := NewSelector(drawSeed, alloc)
		if err != nil {
			return FrameSummary{}, nil, err
		}
		sels[i] = s
	}
	// A fixed set of buffers circulates between the reader and the
	// workers: no allocation per chunk, and the reader waits for a free
	// buffer when the workers fall behind.
	buffers := 3 * len(sels)
	chunks, spare := make(chan []Entry, buffers), make(chan []Entry, buffers)
	for range buffers {
		spare <- make([]Entry, 0, chunk)
	}
	var wg sync.WaitGroup
	for _, s := range sels {
		wg.Go(func() {
			for c := range chunks {
				for _, e := range c {
					s.add(e)
				}
				spare <- c[:0]
			}
		})
	}
	dig := NewFrameDigester()
	err := feed(frame, dig, chunks, spare, chunk)
	close(chunks)
	wg.Wait()
	if err != nil {
		return FrameSummary{}, nil, err
	}
	for _, s := range sels[1:] {
		sels[0].merge(s)
	}
	summary := dig.Sum()
	strata, err := sels[0].Sample()
	return summary, strata, err
}

// feed reads the frame into the digester and the chunk channel, stopping at
// the first read error or misordered entry.
func feed(frame iter.Seq2[Entry, error], dig *FrameDigester, chunks chan<- []Entry, spare <-chan []Entry, size int) error {
	buf := <-spare
	for e, err := range frame {
		if err != nil {
			return fmt.Errorf("reading frame: %w", err)
		}
		if err := dig.Add(e); err != nil {
			return err
		}
		buf = append(buf, e)
		if len(buf) == size {
			chunks <- buf
			buf = <-spare
		}
	}
	if len(buf) > 0 {
		chunks <- buf
	}
	return nil
}
