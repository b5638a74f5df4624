package publicdata

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strconv"

	"pingyi/scoring"
)

// ResponsesHeader is responses.csv's header row, in SPEC's order.
var ResponsesHeader = []string{"response_id", "group", "stratum", "weight", "unit_code", "indicator_code", "option"}

// ResponsesWriter writes responses.csv: one row per rating of each
// response, a response that rated nothing as one row with empty unit,
// indicator and option. Weights are written in the shortest form that
// reads back as the same float64, so the file loses no bit.
type ResponsesWriter struct {
	cfg  scoring.Config
	w    *csv.Writer
	Rows int // data rows written, the header not included
}

// NewResponsesWriter writes the header to w and returns the writer.
func NewResponsesWriter(w io.Writer, cfg scoring.Config) (*ResponsesWriter, error) {
	rw := &ResponsesWriter{cfg: cfg, w: csv.NewWriter(w)}
	return rw, rw.w.Write(ResponsesHeader)
}

// Add writes response r as response_id id.
func (rw *ResponsesWriter) Add(id int, r scoring.Response) error {
	head := []string{strconv.Itoa(id), rw.cfg.Groups[r.Group].Code, r.Stratum, strconv.FormatFloat(r.Weight, 'g', -1, 64)}
	if len(r.Ratings) == 0 {
		rw.Rows++
		return rw.w.Write(append(head, "", "", ""))
	}
	for _, rt := range r.Ratings {
		row := append(slices.Clip(head), rw.cfg.Units[rt.Unit].Code, rw.cfg.Indicators[rt.Indicator].Code, rw.cfg.Options[rt.Option].Code)
		if err := rw.w.Write(row); err != nil {
			return err
		}
		rw.Rows++
	}
	return nil
}

// Close flushes the rows written.
func (rw *ResponsesWriter) Close() error {
	rw.w.Flush()
	return rw.w.Error()
}

// ReadResponses parses responses.csv against cfg. Each response's Ref is
// [scoring.PublicRef] of its response_id; rows is the number of data rows.
// The rows of one response must be consecutive and agree on group,
// stratum and weight.
func ReadResponses(r io.Reader, cfg scoring.Config) (out []scoring.Response, rows int, err error) {
	index := func(n int, code func(int) string) map[string]int {
		m := make(map[string]int, n)
		for i := range n {
			m[code(i)] = i
		}
		return m
	}
	groups := index(len(cfg.Groups), func(i int) string { return cfg.Groups[i].Code })
	units := index(len(cfg.Units), func(i int) string { return cfg.Units[i].Code })
	inds := index(len(cfg.Indicators), func(i int) string { return cfg.Indicators[i].Code })
	opts := index(len(cfg.Options), func(i int) string { return cfg.Options[i].Code })

	cr := csv.NewReader(bufio.NewReader(r))
	cr.FieldsPerRecord = len(ResponsesHeader)
	header, err := cr.Read()
	if err != nil {
		return nil, 0, fmt.Errorf("%s: %w", ResponsesFile, err)
	}
	if !slices.Equal(header, ResponsesHeader) {
		return nil, 0, fmt.Errorf("%s: the header is %q, not %q", ResponsesFile, header, ResponsesHeader)
	}
	lastID := 0
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return out, rows, nil
		}
		if err != nil {
			return nil, rows, fmt.Errorf("%s: %w", ResponsesFile, err)
		}
		rows++
		line := rows + 1
		bad := func(format string, args ...any) error {
			return fmt.Errorf("%s line %d: %s", ResponsesFile, line, fmt.Sprintf(format, args...))
		}
		id, err := strconv.Atoi(rec[0])
		if err != nil || id < 1 {
			return nil, rows, bad("response_id %q is not a positive integer", rec[0])
		}
		g, ok := groups[rec[1]]
		if !ok {
			return nil, rows, bad("group %q is not in the method", rec[1])
		}
		w, err := strconv.ParseFloat(rec[3], 64)
		if err != nil {
			return nil, rows, bad("weight %q is not a number", rec[3])
		}
		switch {
		case id == lastID:
			last := &out[len(out)-1]
			if last.Group != g || last.Stratum != rec[2] || last.Weight != w {
				return nil, rows, bad("response %d changes its group, stratum or weight between rows", id)
			}
		case id < lastID:
			return nil, rows, bad("response_id %d comes after %d: the rows are not in response_id order", id, lastID)
		default:
			out = append(out, scoring.Response{Ref: scoring.PublicRef(id), Group: g, Stratum: rec[2], Weight: w})
			lastID = id
		}
		if rec[4] == "" && rec[5] == "" && rec[6] == "" {
			continue
		}
		u, uok := units[rec[4]]
		i, iok := inds[rec[5]]
		o, ook := opts[rec[6]]
		if !uok || !iok || !ook {
			return nil, rows, bad("unit %q, indicator %q or option %q is not in the publication", rec[4], rec[5], rec[6])
		}
		last := &out[len(out)-1]
		last.Ratings = append(last.Ratings, scoring.Rating{Unit: u, Indicator: i, Option: o})
	}
}
