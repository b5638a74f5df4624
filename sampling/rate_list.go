package sampling

// NamedRate is a rate with its AAPOR name.
type NamedRate struct {
	Name string
	Rate
}

// Named lists every rate with its name, in the order tables, JSON and
// publications show them: the e used, then the response, cooperation,
// refusal and contact rates.
func (r Rates) Named() []NamedRate {
	return []NamedRate{{"e", r.E},
		{"RR1", r.RR1}, {"RR2", r.RR2}, {"RR3", r.RR3}, {"RR4", r.RR4}, {"RR5", r.RR5}, {"RR6", r.RR6},
		{"COOP1", r.COOP1}, {"COOP2", r.COOP2}, {"COOP3", r.COOP3}, {"COOP4", r.COOP4},
		{"REF1", r.REF1}, {"REF2", r.REF2}, {"REF3", r.REF3},
		{"CON1", r.CON1}, {"CON2", r.CON2}, {"CON3", r.CON3}}
}

// RateNames are the names of Named, in its order.
var RateNames = func() []string {
	var out []string
	for _, r := range (Rates{}).Named() {
		out = append(out, r.Name)
	}
	return out
}()

// Values are the rates by name, nil where a rate is undefined (its
// denominator is zero), as JSON shows them.
func (r Rates) Values() map[string]*float64 {
	out := map[string]*float64{}
	for _, n := range r.Named() {
		out[n.Name] = nil
		if n.Defined {
			v := n.Value
			out[n.Name] = &v
		}
	}
	return out
}

// CountNames are the names of the counts the rates are computed from.
var CountNames = []string{"I", "P", "R", "NC", "O", "UH", "UO", "NE"}

// Values are the counts by name.
func (c Counts) Values() map[string]float64 {
	return map[string]float64{"I": c.I, "P": c.P, "R": c.R, "NC": c.NC, "O": c.O, "UH": c.UH, "UO": c.UO, "NE": c.NE}
}
