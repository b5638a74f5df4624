package scoring

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"testing"
)

// TestNoNaNOrInfIsEverPublished runs every successful edge case, the
// reference dataset and a synthetic campaign, and walks all their outputs:
// the Result's numbers, its JSON, CSV and table.
func TestNoNaNOrInfIsEverPublished(t *testing.T) {
	type output struct {
		name string
		cfg  Config
		res  *Result
	}
	var outs []output
	for _, tc := range edgeCases() {
		if tc.wantErr == "" {
			res, err := runEdgeCase(tc)
			if err != nil {
				t.Fatalf("%s: %v", tc.name, err)
			}
			outs = append(outs, output{tc.name, tc.cfg, res})
		}
	}
	outs = append(outs, output{"reference", mustReferenceConfig(t), runReference(t)})
	cfg, seq := Synthetic(300, 12, 4, 3)
	cfg.Bootstrap = 30
	res, err := Run(cfg, seq)
	if err != nil {
		t.Fatal(err)
	}
	outs = append(outs, output{"synthetic", cfg, res})

	for _, o := range outs {
		walkNumbers(o.res, func(where string, x float64) {
			if math.IsNaN(x) || math.IsInf(x, 0) {
				t.Errorf("%s: %s = %v", o.name, where, x)
			}
		})
		var text bytes.Buffer
		b, err := json.Marshal(o.res) // fails on NaN and ±Inf
		if err != nil {
			t.Errorf("%s: json: %v", o.name, err)
		}
		text.Write(b)
		if err := WriteCSV(&text, o.cfg, o.res); err != nil {
			t.Errorf("%s: csv: %v", o.name, err)
		}
		if err := WriteTable(&text, o.res, nil); err != nil {
			t.Errorf("%s: table: %v", o.name, err)
		}
		if s := strings.ToLower(text.String()); strings.Contains(s, "nan") || strings.Contains(s, "inf") {
			t.Errorf("%s: the rendered output mentions NaN or Inf", o.name)
		}
		if strings.Contains(string(b), `"flags":null`) || strings.Contains(string(b), `"groups":null`) {
			t.Errorf("%s: null where the SPEC wants [] or {}", o.name)
		}
	}
}

// walkNumbers calls f with every float the Result publishes.
func walkNumbers(res *Result, f func(where string, x float64)) {
	for _, u := range res.Units {
		for name, p := range map[string]*float64{"index": u.Index, "se": u.SE, "ci_low": u.CILow,
			"ci_high": u.CIHigh, "satisfaction_rate": u.SatisfactionRate} {
			if p != nil {
				f(u.UnitCode+"."+name, *p)
			}
		}
		for code, g := range u.Groups {
			f(u.UnitCode+".groups."+code+".score", g.Score)
			f(u.UnitCode+".groups."+code+".se", g.SE)
			f(u.UnitCode+".groups."+code+".satisfaction_rate", g.SatisfactionRate)
		}
		for code, p := range u.Indicators {
			if p != nil {
				f(u.UnitCode+".indicators."+code, *p)
			}
		}
	}
}

func resultJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestResultFingerprint is a regression guard for bit-identical results
// across machines and builds (GOAMD64=v3 and arm64 may fuse multiply-adds,
// which the explicit float64 conversions forbid): the SHA-256 of the JSON of
// a fixed synthetic run, computed once and committed. Update it only for an
// intended change of the numbers or of the JSON.
func TestResultFingerprint(t *testing.T) {
	cfg, seq := Synthetic(2000, 20, 4, 5)
	cfg.Bootstrap = 100
	res, err := Run(cfg, seq)
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(res)
	if err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprintf("%x", sha256.Sum256(b)); got != "be3867e95f2629b82b0f2299edefe5bebce9fee69a8e5ebd240cb9e1e036b8be" {
		t.Errorf("fingerprint %s", got)
	}
}
