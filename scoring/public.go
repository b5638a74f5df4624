package scoring

import (
	"fmt"
	"iter"
)

// PublicRef is the Ref a response carries in a version's public data: its
// response_id (its position, 1, 2, …, in canonical order) written as ten
// decimal digits, so that byte order is numeric order and the public
// responses fall in the same canonical order as the originals.
func PublicRef(id int) string { return fmt.Sprintf("%010d", id) }

// Canonical reads the responses as [Run] does and calls visit for each in
// canonical order — the order the bootstrap draws from — with its position
// (1, 2, …) and its data; Ratings are in (unit, indicator) order and valid
// only during the call. The public data numbers responses this way.
func Canonical(cfg Config, responses iter.Seq2[Response, error], visit func(id int, r Response) error) error {
	_, s, l, err := ingest(cfg, responses)
	if err != nil {
		return err
	}
	var r Response
	for pos, at := range l.order {
		r.Ref, r.Group, r.Weight = s.refs[at], int(s.group[at]), s.weight[at]
		r.Stratum = s.strata[s.stratum[at]].name
		r.Ratings = r.Ratings[:0]
		units, opts := s.blocks(int(at))
		for j, u := range units {
			for i, b := range opts[j*s.nInd : (j+1)*s.nInd] {
				if b != 0 {
					r.Ratings = append(r.Ratings, Rating{Unit: int(u), Indicator: i, Option: int(b - 1)})
				}
			}
		}
		if err := visit(pos+1, r); err != nil {
			return err
		}
	}
	return nil
}

// PublicInputDigest is a published version's input digest, defined over
// what its public files carry (see "Public input digest" in the package
// documentation): public holds the responses whose data are published,
// each with Ref = [PublicRef] of its response_id, and withheld[g] is the
// number of responses of group g whose data are not (nil: none).
func PublicInputDigest(cfg Config, public iter.Seq2[Response, error], withheld []int) (string, error) {
	if withheld != nil && len(withheld) != len(cfg.Groups) {
		return "", fmt.Errorf("withheld counts for %d groups, the configuration has %d", len(withheld), len(cfg.Groups))
	}
	_, s, l, err := ingest(cfg, public)
	if err != nil {
		return "", err
	}
	return digestOf("pingyi-public-input-v1\n", cfg, s, l, func(d *digester) {
		d.u32(len(cfg.Groups))
		for g := range cfg.Groups {
			n := 0
			if withheld != nil {
				n = withheld[g]
			}
			d.i64(n)
		}
	}), nil
}
