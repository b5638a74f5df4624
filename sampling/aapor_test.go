package sampling

import (
	"errors"
	"math"
	"testing"
)

var rateNames = []string{"e", "RR1", "RR2", "RR3", "RR4", "RR5", "RR6",
	"COOP1", "COOP2", "COOP3", "COOP4", "REF1", "REF2", "REF3", "CON1", "CON2", "CON3"}

func rateList(r Rates) []Rate {
	return []Rate{r.E, r.RR1, r.RR2, r.RR3, r.RR4, r.RR5, r.RR6,
		r.COOP1, r.COOP2, r.COOP3, r.COOP4, r.REF1, r.REF2, r.REF3, r.CON1, r.CON2, r.CON3}
}

func def(v float64) Rate { return Rate{Value: v, Defined: true} }

var undef = Rate{}

func TestComputeRates(t *testing.T) {
	// Every category non-zero: I+P = 360, R+NC+O = 140, so 500 known
	// eligible; UH+UO = 200 unknown; NE = 125.
	all := Counts{I: 300, P: 60, R: 80, NC: 40, O: 20, UH: 150, UO: 50, NE: 125}
	tests := []struct {
		name   string
		counts Counts
		e      *Rate // nil: DefaultE
		want   []Rate
	}{
		{"all categories, default e", all, nil, []Rate{
			def(0.8),         // e = 500 / (500 + 125); e(UH+UO) = 160
			def(300.0 / 700), // RR1 = 300 / (500 + 200)
			def(360.0 / 700), // RR2
			def(300.0 / 660), // RR3 = 300 / (500 + 160)
			def(360.0 / 660), // RR4
			def(300.0 / 500), // RR5 = 0.6
			def(360.0 / 500), // RR6 = 0.72
			def(300.0 / 460), // COOP1 = 300 / (360 + 80 + 20)
			def(360.0 / 460), // COOP2
			def(300.0 / 440), // COOP3 = 300 / (360 + 80)
			def(360.0 / 440), // COOP4
			def(80.0 / 700),  // REF1
			def(80.0 / 660),  // REF2
			def(80.0 / 500),  // REF3 = 0.16
			def(460.0 / 700), // CON1 = (360 + 80 + 20) / 700
			def(460.0 / 660), // CON2
			def(460.0 / 500), // CON3 = 0.92
		}},
		{"all categories, e overridden to 0", all, &Rate{Value: 0, Defined: true}, []Rate{
			def(0),
			def(300.0 / 700), def(360.0 / 700),
			def(300.0 / 500), def(360.0 / 500), // RR3, RR4 fall to RR5, RR6
			def(300.0 / 500), def(360.0 / 500),
			def(300.0 / 460), def(360.0 / 460), def(300.0 / 440), def(360.0 / 440),
			def(80.0 / 700), def(80.0 / 500), def(80.0 / 500),
			def(460.0 / 700), def(460.0 / 500), def(460.0 / 500),
		}},
		{"nothing at all", Counts{}, nil, []Rate{
			undef, undef, undef, undef, undef, undef, undef,
			undef, undef, undef, undef, undef, undef, undef, undef, undef, undef,
		}},
		// Only completes: e = 10/10; everything 1 except the refusal
		// rates, 0/10.
		{"only completes", Counts{I: 10}, nil, []Rate{
			def(1), def(1), def(1), def(1), def(1), def(1), def(1),
			def(1), def(1), def(1), def(1), def(0), def(0), def(0), def(1), def(1), def(1),
		}},
		// Only unknowns: e = 0/0 is undefined, so are RR3/RR4/REF2/CON2;
		// the RR5/RR6, COOP and REF3/CON3 denominators are 0; RR1, RR2,
		// REF1 and CON1 are 0/10.
		{"only unknown eligibility", Counts{UH: 6, UO: 4}, nil, []Rate{
			undef, def(0), def(0), undef, undef, undef, undef,
			undef, undef, undef, undef, def(0), undef, undef, def(0), undef, undef,
		}},
		// Only ineligible numbers: e = 0/5 = 0, and no denominator is
		// above 0.
		{"only not eligible", Counts{NE: 5}, nil, []Rate{
			def(0), undef, undef, undef, undef, undef, undef,
			undef, undef, undef, undef, undef, undef, undef, undef, undef, undef,
		}},
		// Refusals and a non-contact, no interview: e = 5/5; every
		// response and cooperation rate is 0/x; REF1 = 4/5, CON1 = 4/5.
		{"refusals only", Counts{R: 4, NC: 1}, nil, []Rate{
			def(1), def(0), def(0), def(0), def(0), def(0), def(0),
			def(0), def(0), def(0), def(0), def(0.8), def(0.8), def(0.8), def(0.8), def(0.8), def(0.8),
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := DefaultE(tt.counts)
			if tt.e != nil {
				e = *tt.e
			}
			got, err := ComputeRates(tt.counts, e)
			if err != nil {
				t.Fatal(err)
			}
			for i, r := range rateList(got) {
				w := tt.want[i]
				if r.Defined != w.Defined || math.Abs(r.Value-w.Value) > 1e-12 || math.IsNaN(r.Value) {
					t.Errorf("%s = %+v, want %+v", rateNames[i], r, w)
				}
			}
		})
	}
}

func TestComputeRatesTotals(t *testing.T) {
	r, err := ComputeRates(Counts{I: 300, P: 60, R: 80, NC: 40, O: 20, UH: 150, UO: 50, NE: 125}, Rate{})
	if err != nil {
		t.Fatal(err)
	}
	if r.Interviews != 360 || r.Eligible != 500 || r.Unknown != 200 || r.NotEligible != 125 || r.Total != 825 {
		t.Errorf("totals %+v", r)
	}
	if r.RR3.Defined || r.REF2.Defined || r.CON2.Defined || !r.RR1.Defined {
		t.Error("an undefined e must leave exactly the e-rates undefined")
	}
}

func TestComputeRatesErrors(t *testing.T) {
	tests := []struct {
		name string
		c    Counts
		e    Rate
	}{
		{"negative count", Counts{I: 1, R: -1}, undef},
		{"NaN count", Counts{I: math.NaN()}, undef},
		{"infinite count", Counts{NE: math.Inf(1)}, undef},
		{"e above 1", Counts{I: 1}, def(1.5)},
		{"e negative", Counts{I: 1}, def(-0.1)},
		{"e NaN", Counts{I: 1}, def(math.NaN())},
	}
	for _, tt := range tests {
		if _, err := ComputeRates(tt.c, tt.e); !errors.Is(err, ErrCounts) {
			t.Errorf("%s: error = %v, want ErrCounts", tt.name, err)
		}
	}
}

func TestCountsAdd(t *testing.T) {
	var c Counts
	for _, code := range []string{"1.1", "1.1", "1.2", "2.111", "2.12", "2.21", "2.31", "3.13", "3.20", "4.20", "4.80"} {
		d, ok := LookupDisposition(code)
		if !ok {
			t.Fatalf("no code %s", code)
		}
		c.Add(d, 1)
	}
	d, _ := LookupDisposition("1.1")
	c.Add(d, 0.5) // a weighted case
	want := Counts{I: 2.5, P: 1, R: 2, NC: 1, O: 1, UH: 1, UO: 1, NE: 2}
	if c != want {
		t.Errorf("counts %+v, want %+v", c, want)
	}
}
