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
// only during the call.
func Canonical(cfg Config, responses iter.Seq2[Response, error], visit func(id int, r Response) error) error {
	_, s, l, err := ingest(cfg, responses)
	if err != nil {
		return err
	}
	return visitCanonical(s, l, func(int32) bool { return true }, visit)
}

// PublicData reads the responses once and makes a version's public data:
// it calls visit, in canonical order, for each response of a group not
// withheld, with its response_id, and returns the public input digest of
// what it visited (the same as [PublicInputDigest] of the visited
// responses with Ref = PublicRef(id)) and the number of responses each
// group had withheld.
func PublicData(cfg Config, responses iter.Seq2[Response, error], withheld []bool, visit func(id int, r Response) error) (string, []int, error) {
	if len(withheld) != len(cfg.Groups) {
		return "", nil, fmt.Errorf("withheld says %d groups, the configuration has %d", len(withheld), len(cfg.Groups))
	}
	_, s, l, err := ingest(cfg, responses)
	if err != nil {
		return "", nil, err
	}
	published := func(r int32) bool { return !withheld[s.group[r]] }
	counts := make([]int, len(cfg.Groups))
	id := make([]int32, s.len())
	var order []int32
	for pos, r := range l.order {
		id[r] = int32(pos + 1)
		if published(r) {
			order = append(order, r)
		} else {
			counts[s.group[r]]++
		}
	}
	if err := visitCanonical(s, l, published, visit); err != nil {
		return "", nil, err
	}
	digest := digestOf(publicHeader, cfg, s, order, func(r int32) string { return PublicRef(int(id[r])) }, withheldCounts(cfg, counts))
	return digest, counts, nil
}

// PublicInputDigest is a published version's input digest, defined over
// what its public files carry (see "Public input digest" in the package
// documentation): public holds the responses whose data are published,
// each with Ref = [PublicRef] of its response_id, and withheld[g] is the
// number of responses of group g whose data are not (nil: none).
func PublicInputDigest(cfg Config, public iter.Seq2[Response, error], withheld []int) (string, error) {
	if withheld == nil {
		withheld = make([]int, len(cfg.Groups))
	}
	if len(withheld) != len(cfg.Groups) {
		return "", fmt.Errorf("withheld counts for %d groups, the configuration has %d", len(withheld), len(cfg.Groups))
	}
	_, s, l, err := ingest(cfg, public)
	if err != nil {
		return "", err
	}
	return digestOf(publicHeader, cfg, s, l.byRef, func(r int32) string { return s.refs[r] }, withheldCounts(cfg, withheld)), nil
}

const publicHeader = "pingyi-public-input-v1\n"

func withheldCounts(cfg Config, counts []int) func(*digester) {
	return func(d *digester) {
		d.u32(len(cfg.Groups))
		for _, n := range counts {
			d.i64(n)
		}
	}
}

// visitCanonical calls visit for the responses keep admits, in canonical
// order, with their positions among all responses.
func visitCanonical(s *store, l *layout, keep func(int32) bool, visit func(id int, r Response) error) error {
	var r Response
	for pos, at := range l.order {
		if !keep(at) {
			continue
		}
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
