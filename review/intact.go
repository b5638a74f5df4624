package review

// Intact is true when a stored version's bytes still hash to its digest.
// A version that does not is never served: its numbers are not the ones
// published.
func (p *Publication) Intact() bool { return Digest(p.Content) == p.Digest }
