package scoring

import (
	"fmt"
	"iter"
)

// Run computes a score run: SPEC "Scoring" steps 1–7 (and 8 when
// cfg.Hotline is set) for every unit of cfg
// over the responses, which are read once, in any order. Responses the
// committee excluded must already be left out. Invalid configuration or
// responses (bad indices, weights, a duplicate ref or rating) are errors
// naming the problem; an error from the stream is returned wrapped.
func Run(cfg Config, responses iter.Seq2[Response, error]) (*Result, error) {
	p, s, l, err := ingest(cfg, responses)
	if err != nil {
		return nil, err
	}
	// The digest reads only the store, so it runs beside the estimates.
	digest := make(chan string, 1)
	go func() { digest <- inputDigest(cfg, s, l) }()
	e := estimate(p, s, l)
	e.computeVariance(p, l)

	index := make([]float64, p.nUnits)
	has := make([]bool, p.nUnits)
	for u := range p.nUnits {
		index[u], has[u] = p.unitIndex(e.point, u)
	}
	rank := make([]int32, p.nUnits)
	rk := ranker{decimals: cfg.TieDecimals}
	rk.rank(p.peers, index, has, rank)
	low, high := p.rankIntervals(e, l)

	res := &Result{Units: make([]UnitResult, p.nUnits), InputDigest: <-digest, Responses: s.len(), Ratings: s.ratings}
	for u := range p.nUnits {
		res.Units[u] = p.unitResult(e, u, rank[u], low[u], high[u])
	}
	p.addStations(res.Units)
	if err := checkFinite(res); err != nil {
		return nil, err
	}
	return res, nil
}

// InputDigest returns the digest a score run of these responses under cfg
// would report as Result.InputDigest (see "Input digest" in the package
// documentation), without computing anything else. Publication uses it to
// check that a run's inputs still match the data: it validates and reads
// the responses exactly as Run does, so the two can never disagree.
func InputDigest(cfg Config, responses iter.Seq2[Response, error]) (string, error) {
	_, s, l, err := ingest(cfg, responses)
	if err != nil {
		return "", err
	}
	return inputDigest(cfg, s, l), nil
}

// ingest validates cfg, reads the responses once into compact storage and
// fixes their canonical order.
func ingest(cfg Config, responses iter.Seq2[Response, error]) (*plan, *store, *layout, error) {
	p, err := newPlan(cfg)
	if err != nil {
		return nil, nil, nil, err
	}
	s := newStore(p)
	for r, err := range prefetch(responses) {
		if err != nil {
			return nil, nil, nil, fmt.Errorf("reading responses: %w", err)
		}
		if err := s.add(p, r); err != nil {
			return nil, nil, nil, err
		}
	}
	l, err := newLayout(s)
	if err != nil {
		return nil, nil, nil, err
	}
	return p, s, l, nil
}
