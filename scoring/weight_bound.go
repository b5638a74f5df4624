package scoring

// MinDesignWeight and MaxDesignWeight bound a response's design weight:
// the one range every way a weight enters Pingyi (the API, an import, a
// phone draw) checks, and the one Ingest enforces, so that no stored
// response can make a score run fail.
const (
	MinDesignWeight = minDesignWeight
	MaxDesignWeight = maxMagnitude
)

// ValidDesignWeight reports whether w is a finite design weight within
// [MinDesignWeight, MaxDesignWeight].
func ValidDesignWeight(w float64) bool {
	return w >= minDesignWeight && w <= maxMagnitude
}
