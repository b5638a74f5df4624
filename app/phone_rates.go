package app

import (
	"context"

	"pingyi/phone"
	"pingyi/review"
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
	rates := out.Overall.Rates.Values()
	delete(rates, "e") // a publication states the rates, not the estimate behind some of them
	return &review.PhoneRates{Cases: out.Overall.Cases, Interviews: int(out.Overall.Counts.I), Rates: rates}, nil
}
