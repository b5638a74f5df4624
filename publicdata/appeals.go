package publicdata

import (
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strconv"

	"pingyi/scoring"
)

// AppealsHeader is appeals.csv's header row: per unit, its number of cases
// and, per rate in scoring.RateCodes order, the rate's numerator and
// denominator — the counts behind the hotline score (SPEC Scoring step 8).
var AppealsHeader = func() []string {
	h := []string{"unit_code", "cases"}
	for _, r := range scoring.RateCodes {
		h = append(h, r+"_num", r+"_den")
	}
	return h
}()

// WriteAppeals writes appeals.csv: one row per unit of cfg, in campaign
// order, with counts[u] its appeal counts. It returns the number of rows.
func WriteAppeals(w io.Writer, cfg scoring.Config, counts []scoring.HotlineCounts) (int, error) {
	if len(counts) != len(cfg.Units) {
		return 0, fmt.Errorf("appeal counts for %d units, the campaign has %d", len(counts), len(cfg.Units))
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(AppealsHeader); err != nil {
		return 0, err
	}
	for u, c := range counts {
		row := []string{cfg.Units[u].Code, strconv.Itoa(c.Cases)}
		for _, rc := range c.Rates {
			row = append(row, strconv.Itoa(rc.Num), strconv.Itoa(rc.Den))
		}
		if err := cw.Write(row); err != nil {
			return 0, err
		}
	}
	cw.Flush()
	return len(counts), cw.Error()
}

// ReadAppeals parses appeals.csv: one row per unit of cfg, in its order.
func ReadAppeals(r io.Reader, cfg scoring.Config) ([]scoring.HotlineCounts, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = len(AppealsHeader)
	recs, err := cr.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", AppealsFile, err)
	}
	if len(recs) == 0 || !slices.Equal(recs[0], AppealsHeader) {
		return nil, fmt.Errorf("%s: the header is not %q", AppealsFile, AppealsHeader)
	}
	recs = recs[1:]
	if len(recs) != len(cfg.Units) {
		return nil, fmt.Errorf("%s: %d rows, the publication has %d units", AppealsFile, len(recs), len(cfg.Units))
	}
	out := make([]scoring.HotlineCounts, len(recs))
	for u, rec := range recs {
		if rec[0] != cfg.Units[u].Code {
			return nil, fmt.Errorf("%s line %d: unit %q where %q was expected", AppealsFile, u+2, rec[0], cfg.Units[u].Code)
		}
		n := make([]int, len(rec)-1)
		for j, cell := range rec[1:] {
			if n[j], err = strconv.Atoi(cell); err != nil || n[j] < 0 {
				return nil, fmt.Errorf("%s line %d: %q is not a count", AppealsFile, u+2, cell)
			}
		}
		out[u].Cases = n[0]
		for k := range out[u].Rates {
			out[u].Rates[k] = scoring.RateCount{Num: n[1+2*k], Den: n[2+2*k]}
		}
	}
	return out, nil
}
