package scoring

// Stations is SPEC's "stations" summary of the units directly below a unit:
// how many there are, how many have an index, the mean of those indices
// weighted by each station's counted responses (its unweighted n summed
// over its groups) and the lowest of them. Mean and Min are null when no
// station has an index. The summary is reported beside the unit's own
// numbers and never enters them.
type Stations struct {
	Count     int      `json:"count"`
	WithIndex int      `json:"with_index"`
	Mean      *float64 `json:"mean"`
	Min       *float64 `json:"min"`
}

// addStations sets the stations summary of every unit with units directly
// below it, from those units' finished results.
func (p *plan) addStations(units []UnitResult) {
	for u, below := range p.children {
		if len(below) == 0 {
			continue
		}
		s := &Stations{Count: len(below)}
		var sum, weight float64
		for _, c := range below {
			ur := units[c]
			if ur.Index == nil {
				continue
			}
			n := 0
			for _, g := range ur.Groups {
				n += g.N
			}
			s.WithIndex++
			sum += float64(float64(n) * *ur.Index) // no fused multiply-add: the same bits everywhere
			weight += float64(n)
			if s.Min == nil || *ur.Index < *s.Min {
				s.Min = ptr(*ur.Index)
			}
		}
		if s.WithIndex > 0 {
			s.Mean = ptr(sum / weight)
		}
		units[u].Stations = s
	}
}
