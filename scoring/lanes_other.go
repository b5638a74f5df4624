//go:build !amd64

package scoring

func addEntries[E uint32 | uint64](acc []laneSums, entries []E, ys []float64, cw *[lanes]float64, c *[lanes]uint32) {
	addEntriesGo(acc, entries, ys, cw, c)
}
