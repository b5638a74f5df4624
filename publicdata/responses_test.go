package publicdata

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"pingyi/scoring"
)

// responses.csv loses no bit: a run over the file read back equals the run
// over the original responses (weights with many digits, strata, 不了解,
// auxiliary ratings and responses that rated nothing included).
func TestResponsesFileReproducesTheRun(t *testing.T) {
	cfg, stream := scoring.Synthetic(1500, 8, 4, 5)
	cfg.Bootstrap = 40
	silent := func(yield func(scoring.Response, error) bool) {
		for r, err := range stream {
			if !yield(r, err) {
				return
			}
		}
		yield(scoring.Response{Ref: "zz-silent", Group: 2, Weight: 1.0 / 3}, nil)
	}
	want, err := scoring.Run(cfg, silent)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	w, _ := NewResponsesWriter(&buf, cfg)
	if err := scoring.Canonical(cfg, silent, w.Add); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), ",officials,,0.3333333333333333,,,\n") {
		t.Error("a response that rated nothing is not one row with empty unit, indicator and option")
	}
	public, rows, err := ReadResponses(bytes.NewReader(buf.Bytes()), cfg)
	if err != nil || rows != w.Rows || len(public) != want.Responses {
		t.Fatalf("read back %d responses in %d rows (%v), wrote %d rows of %d", len(public), rows, err, w.Rows, want.Responses)
	}
	got, err := scoring.Run(cfg, func(yield func(scoring.Response, error) bool) {
		for _, r := range public {
			if !yield(r, nil) {
				return
			}
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	a, _ := json.Marshal(want.Units)
	b, _ := json.Marshal(got.Units)
	if !bytes.Equal(a, b) || got.Ratings != want.Ratings {
		t.Fatal("the file gives other results than the responses it was written from")
	}
}

func TestResponsesFileRefusesRowsThatDisagree(t *testing.T) {
	cfg, _ := scoring.Synthetic(1, 2, 2, 1)
	head := strings.Join(ResponsesHeader, ",") + "\n"
	if _, _, err := ReadResponses(strings.NewReader(head+"1,public,D1,1,U0001,I1,A\n1,public,D1,1,U0001,overall,B\n"), cfg); err != nil {
		t.Fatalf("a good file: %v", err)
	}
	for name, body := range map[string]string{
		"weight changes":  "1,public,D1,1,U0001,I1,A\n1,public,D1,2,U0001,I1,B\n",
		"out of order":    "2,public,D1,1,U0001,I1,A\n1,public,D1,1,U0001,I1,B\n",
		"unknown option":  "1,public,D1,1,U0001,I1,Q\n",
		"unknown group":   "1,press,D1,1,U0001,I1,A\n",
		"not a weight":    "1,public,D1,heavy,U0001,I1,A\n",
		"not an id":       "0,public,D1,1,U0001,I1,A\n",
		"missing a field": "1,public,D1,1,U0001,I1\n",
	} {
		if _, _, err := ReadResponses(strings.NewReader(head+body), cfg); err == nil {
			t.Errorf("%s: read without error", name)
		}
	}
}
