package sampling

import (
	"strings"
	"testing"
)

// The category follows from the code's class in the Standard Definitions:
// 1.1 I, 1.2 P, 2.1x R, 2.2x NC, 2.3x O, 3.1x UH, 3.2x and 3.9x UO, 4.x NE.
func TestDispositionCategoriesFollowCodes(t *testing.T) {
	classes := []struct {
		prefix string
		want   Category
	}{
		{"1.1", CatComplete}, {"1.2", CatPartial},
		{"2.1", CatRefusal}, {"2.2", CatNonContact}, {"2.3", CatOther},
		{"3.1", CatUnknownHH}, {"3.2", CatUnknownOther}, {"3.9", CatUnknownOther},
		{"4.", CatNotEligible},
	}
	seen := map[string]bool{}
	for _, d := range Dispositions() {
		if seen[d.Code] {
			t.Errorf("code %s listed twice", d.Code)
		}
		seen[d.Code] = true
		if d.Label == "" || d.LabelEN == "" {
			t.Errorf("code %s lacks a label", d.Code)
		}
		matched := false
		for _, c := range classes {
			if strings.HasPrefix(d.Code, c.prefix) {
				matched = true
				if d.Category != c.want {
					t.Errorf("code %s is %s, want %s", d.Code, d.Category, c.want)
				}
			}
		}
		if !matched {
			t.Errorf("code %s is in no AAPOR class", d.Code)
		}
	}
}

func TestLookupDisposition(t *testing.T) {
	tests := []struct {
		code     string
		found    bool
		category Category
		interim  bool
	}{
		{"1.1", true, CatComplete, false},
		{"1.2", true, CatPartial, false},
		{"2.112", true, CatRefusal, false},
		{"2.12", true, CatRefusal, false},
		{"2.21", true, CatNonContact, true},
		{"2.333", true, CatOther, false},
		{"3.12", true, CatUnknownHH, true},
		{"3.13", true, CatUnknownHH, true},
		{"3.20", true, CatUnknownOther, false},
		{"4.30", true, CatNotEligible, false},
		{"4.51", true, CatNotEligible, false},
		{"5.1", false, "", false},
		{"2.0", false, "", false}, // a class, not an outcome
		{"", false, "", false},
	}
	for _, tt := range tests {
		d, ok := LookupDisposition(tt.code)
		if ok != tt.found || d.Category != tt.category || d.Interim != tt.interim {
			t.Errorf("LookupDisposition(%q) = %+v, %v", tt.code, d, ok)
		}
	}
	// The table handed out is a copy.
	Dispositions()[0].Category = CatNotEligible
	if d, _ := LookupDisposition("1.1"); d.Category != CatComplete {
		t.Error("changing a returned table changed the next one")
	}
}

func TestFinalAt(t *testing.T) {
	busy, _ := LookupDisposition("3.12")
	refusal, _ := LookupDisposition("2.11")
	tests := []struct {
		d               Disposition
		attempts, limit int
		want            bool
	}{
		{busy, 1, 5, false},
		{busy, 4, 5, false},
		{busy, 5, 5, true}, // the limit makes it final
		{busy, 6, 5, true},
		{refusal, 1, 5, true},
	}
	for _, tt := range tests {
		if got := tt.d.FinalAt(tt.attempts, tt.limit); got != tt.want {
			t.Errorf("%s.FinalAt(%d, %d) = %v, want %v", tt.d.Code, tt.attempts, tt.limit, got, tt.want)
		}
	}
}
