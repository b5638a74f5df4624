package sampling

import (
	"errors"
	"fmt"
	"math"
)

// Counts are the cases (or weighted cases) per AAPOR outcome category, each
// case counted once by its final disposition.
type Counts struct {
	I, P, R, NC, O, UH, UO, NE float64
}

// Add counts one case with final disposition d and weight w (1 unweighted).
func (c *Counts) Add(d Disposition, w float64) {
	switch d.Category {
	case CatComplete:
		c.I += w
	case CatPartial:
		c.P += w
	case CatRefusal:
		c.R += w
	case CatNonContact:
		c.NC += w
	case CatOther:
		c.O += w
	case CatUnknownHH:
		c.UH += w
	case CatUnknownOther:
		c.UO += w
	case CatNotEligible:
		c.NE += w
	}
}

// Rate is an outcome rate that may be undefined: a zero denominator gives
// Defined false and Value 0, never NaN.
type Rate struct {
	Value   float64
	Defined bool
}

func ratio(num, den float64) Rate {
	if !(den > 0) || math.IsInf(den, 0) || math.IsNaN(num) || math.IsInf(num, 0) {
		return Rate{}
	}
	return Rate{Value: num / den, Defined: true}
}

// The sums the formulas share, named as in the Standard Definitions.
func (c Counts) interviews() float64 { return c.I + c.P }
func (c Counts) knownEligible() float64 {
	return c.interviews() + c.R + c.NC + c.O
}
func (c Counts) unknown() float64 { return c.UH + c.UO }
func (c Counts) contacted() float64 {
	return c.interviews() + c.R + c.O
}

// DefaultE estimates e, the share of unknown-eligibility cases that are
// eligible, as the share of eligible among the cases whose eligibility is
// known (AAPOR's proportional allocation):
//
//	e = (I+P+R+NC+O) / (I+P+R+NC+O+NE)
func DefaultE(c Counts) Rate { return ratio(c.knownEligible(), c.knownEligible()+c.NE) }

// RR1 = I / ((I+P) + (R+NC+O) + (UH+UO))
func RR1(c Counts) Rate { return ratio(c.I, c.knownEligible()+c.unknown()) }

// RR2 = (I+P) / ((I+P) + (R+NC+O) + (UH+UO))
func RR2(c Counts) Rate { return ratio(c.interviews(), c.knownEligible()+c.unknown()) }

// RR3 = I / ((I+P) + (R+NC+O) + e(UH+UO))
func RR3(c Counts, e float64) Rate { return ratio(c.I, c.knownEligible()+e*c.unknown()) }

// RR4 = (I+P) / ((I+P) + (R+NC+O) + e(UH+UO))
func RR4(c Counts, e float64) Rate { return ratio(c.interviews(), c.knownEligible()+e*c.unknown()) }

// RR5 = I / ((I+P) + (R+NC+O))
func RR5(c Counts) Rate { return ratio(c.I, c.knownEligible()) }

// RR6 = (I+P) / ((I+P) + (R+NC+O))
func RR6(c Counts) Rate { return ratio(c.interviews(), c.knownEligible()) }

// COOP1 = I / ((I+P) + R + O)
func COOP1(c Counts) Rate { return ratio(c.I, c.contacted()) }

// COOP2 = (I+P) / ((I+P) + R + O)
func COOP2(c Counts) Rate { return ratio(c.interviews(), c.contacted()) }

// COOP3 = I / ((I+P) + R)
func COOP3(c Counts) Rate { return ratio(c.I, c.interviews()+c.R) }

// COOP4 = (I+P) / ((I+P) + R)
func COOP4(c Counts) Rate { return ratio(c.interviews(), c.interviews()+c.R) }

// REF1 = R / ((I+P) + (R+NC+O) + (UH+UO))
func REF1(c Counts) Rate { return ratio(c.R, c.knownEligible()+c.unknown()) }

// REF2 = R / ((I+P) + (R+NC+O) + e(UH+UO))
func REF2(c Counts, e float64) Rate { return ratio(c.R, c.knownEligible()+e*c.unknown()) }

// REF3 = R / ((I+P) + (R+NC+O))
func REF3(c Counts) Rate { return ratio(c.R, c.knownEligible()) }

// CON1 = ((I+P) + R + O) / ((I+P) + R + O + NC + (UH+UO))
func CON1(c Counts) Rate { return ratio(c.contacted(), c.knownEligible()+c.unknown()) }

// CON2 = ((I+P) + R + O) / ((I+P) + R + O + NC + e(UH+UO))
func CON2(c Counts, e float64) Rate { return ratio(c.contacted(), c.knownEligible()+e*c.unknown()) }

// CON3 = ((I+P) + R + O) / ((I+P) + R + O + NC)
func CON3(c Counts) Rate { return ratio(c.contacted(), c.knownEligible()) }

// Rates are all the outcome rates of one set of counts.
type Rates struct {
	E                            Rate // the e used by RR3, RR4, REF2 and CON2
	RR1, RR2, RR3, RR4, RR5, RR6 Rate
	COOP1, COOP2, COOP3, COOP4   Rate
	REF1, REF2, REF3             Rate
	CON1, CON2, CON3             Rate
	Interviews, Eligible         float64 // I+P, and I+P+R+NC+O
	Unknown, NotEligible, Total  float64 // UH+UO, NE, and all cases
}

var ErrCounts = errors.New("处理结果计数不对 (invalid disposition counts)")

// ComputeRates computes every rate. e is usually DefaultE(c); pass another
// estimate (with Defined true) to override it. When e is undefined (no case
// of known eligibility), the rates that need it are undefined too.
func ComputeRates(c Counts, e Rate) (Rates, error) {
	for _, v := range []float64{c.I, c.P, c.R, c.NC, c.O, c.UH, c.UO, c.NE} {
		if !(v >= 0) || math.IsInf(v, 0) {
			return Rates{}, fmt.Errorf("%w: %+v", ErrCounts, c)
		}
	}
	if e.Defined && !(e.Value >= 0 && e.Value <= 1) {
		return Rates{}, fmt.Errorf("%w: e = %v is not in [0, 1]", ErrCounts, e.Value)
	}
	r := Rates{
		E:   e,
		RR1: RR1(c), RR2: RR2(c), RR5: RR5(c), RR6: RR6(c),
		COOP1: COOP1(c), COOP2: COOP2(c), COOP3: COOP3(c), COOP4: COOP4(c),
		REF1: REF1(c), REF3: REF3(c),
		CON1: CON1(c), CON3: CON3(c),
		Interviews: c.interviews(), Eligible: c.knownEligible(),
		Unknown: c.unknown(), NotEligible: c.NE,
		Total: c.knownEligible() + c.unknown() + c.NE,
	}
	if e.Defined {
		r.RR3, r.RR4 = RR3(c, e.Value), RR4(c, e.Value)
		r.REF2, r.CON2 = REF2(c, e.Value), CON2(c, e.Value)
	}
	return r, nil
}
