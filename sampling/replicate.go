package sampling

// Replicates cuts one stratum's cases, in the priority order Draw returns
// them, into release batches of size cases (the last may be shorter). Batch k
// is cases[(k−1)·size : k·size]. A size below 1 gives no batches.
//
// Why releasing batch k+1 keeps the released set a simple random sample:
// priorities are independent and uniformly distributed, so sorting a stratum
// by priority puts its N_h entries in a uniformly random order, and the
// first m entries of a uniformly random order are a simple random sample of
// size m, for every m. Draw keeps the first n_h; batches 1..k are the first
// k·size of them, hence the first k·size of the whole stratum: an SRS of
// that size, and batch k+1 only extends the same prefix. (Releasing any other
// subset, or reordering, would break this.)
//
// This is exact when the number of batches is fixed in advance. When it is
// decided from how the released batches went, as it usually is, the usual
// replicate-design discipline keeps it close: release whole batches in
// order, work every released case to a final disposition before judging
// yield, and decide from the stratum's yield as a whole, never from who is
// in the next batch.
func Replicates(cases []Case, size int) [][]Case {
	if size < 1 {
		return nil
	}
	var out [][]Case
	for len(cases) > 0 {
		n := min(size, len(cases))
		out = append(out, cases[:n:n])
		cases = cases[n:]
	}
	return out
}

// DesignWeight is the design weight of every respondent of a stratum,
// N_h / n_h, with frameSize the stratum's entries in the frame and
// sampleSize the cases released from it, that is, the batches handed to
// operators: all of them, whatever their outcome. Not the n_h drawn (cases
// never released were never in the sample), and not the completed
// interviews (correcting for non-response is a separate adjustment, made
// and reported apart from the design).
//
// It is 0 for a stratum with nothing released or impossible sizes
// (negative, or more released than the frame holds), meaning no weight.
func DesignWeight(frameSize, sampleSize int) float64 {
	if sampleSize <= 0 || frameSize < sampleSize {
		return 0
	}
	return float64(frameSize) / float64(sampleSize)
}
