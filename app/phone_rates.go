package app

import (
	"context"

	"pingyi/phone"
	"pingyi/review"
	"pingyi/sampling"
)

// phoneRates gives a publication's method the phone survey's AAPOR outcome
// rates. It lives here, where both packages are wired, so that neither
// the phone survey nor the review depends on the other.
type phoneRates struct{ phone *phone.Store }

// PhoneRates reports the rates of a campaign's phone sample, or nil when no
// call was ever made: rates of a sample nobody dialled would say 0% where
// the truth is "not measured".
func (p phoneRates) PhoneRates(ctx context.Context, code string) (*review.PhoneRates, error) {
	out, err := p.phone.Outcomes(ctx, code, nil)
	if err != nil || out.Overall.Called == 0 {
		return nil, err
	}
	r := out.Overall.Rates
	rates := map[string]*float64{}
	for name, rate := range map[string]sampling.Rate{
		"RR1": r.RR1, "RR2": r.RR2, "RR3": r.RR3, "RR4": r.RR4, "RR5": r.RR5, "RR6": r.RR6,
		"COOP1": r.COOP1, "COOP2": r.COOP2, "COOP3": r.COOP3, "COOP4": r.COOP4,
		"REF1": r.REF1, "REF2": r.REF2, "REF3": r.REF3, "CON1": r.CON1, "CON2": r.CON2, "CON3": r.CON3,
	} {
		if rate.Defined {
			v := rate.Value
			rates[name] = &v
		} else {
			rates[name] = nil
		}
	}
	return &review.PhoneRates{Cases: out.Overall.Cases, Interviews: int(out.Overall.Counts.I), Rates: rates}, nil
}
