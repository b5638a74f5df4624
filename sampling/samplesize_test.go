package sampling

import (
	"errors"
	"math"
	"testing"
)

func TestCalculateSampleSize(t *testing.T) {
	tests := []struct {
		name string
		in   SampleSizeInput
		want SampleSizePlan
	}{
		// z = 1.959964, z² = 3.841459; n0 = 3.841459 × 0.25 / 0.0025
		// = 384.146 → 385; 385 / 0.12 = 3208.3 → 3209.
		{"textbook, infinite population",
			SampleSizeInput{Margin: 0.05, Confidence: 0.95, ResponseRate: 0.12},
			SampleSizePlan{Z: 1.959964, Proportion: 0.5, N0: 384.1459, N: 384.1459, Completes: 385, Contacts: 3209}},
		// n = 384.146 / (1 + 383.146/10000) = 384.146 / 1.0383146
		// = 369.97 → 370; at rate 1 contacts = completes.
		{"finite population 10000",
			SampleSizeInput{Margin: 0.05, Confidence: 0.95, Population: 10000, ResponseRate: 1},
			SampleSizePlan{Z: 1.959964, Proportion: 0.5, N0: 384.1459, N: 369.9706, Completes: 370, Contacts: 370}},
		// n = 384.146 / (1 + 383.146/500) = 217.49 → 218; 218/0.3 =
		// 726.7 → 727 > 500, so the whole frame is drawn.
		{"small population caps contacts",
			SampleSizeInput{Margin: 0.05, Confidence: 0.95, Population: 500, ResponseRate: 0.3},
			SampleSizePlan{Z: 1.959964, Proportion: 0.5, N0: 384.1459, N: 217.4872, Completes: 218, Contacts: 500, Capped: true}},
		// p = 0.3: n0 = 3.841459 × 0.21 / 0.0009 = 896.34 → 897;
		// 897 / 0.5 = 1794.
		{"proportion 0.3, margin 3 points",
			SampleSizeInput{Margin: 0.03, Confidence: 0.95, Proportion: 0.3, ResponseRate: 0.5},
			SampleSizePlan{Z: 1.959964, Proportion: 0.3, N0: 896.3404, N: 896.3404, Completes: 897, Contacts: 1794}},
		// z = 1.644854, z² = 2.705543; n0 = 2.705543 × 0.25 / 0.0025
		// = 270.55 → 271.
		{"90 percent",
			SampleSizeInput{Margin: 0.05, Confidence: 0.90, ResponseRate: 1},
			SampleSizePlan{Z: 1.644854, Proportion: 0.5, N0: 270.5543, N: 270.5543, Completes: 271, Contacts: 271}},
		// Score with σ = 15, e = 2: n0 = 3.841459 × 225 / 4 = 216.08;
		// N = 300: 216.08 / (1 + 215.08/300) = 125.85 → 126;
		// 126 / 0.6 = 210 exactly.
		{"score SD, station of 300",
			SampleSizeInput{Margin: 2, Confidence: 0.95, Population: 300, SD: 15, ResponseRate: 0.6},
			SampleSizePlan{Z: 1.959964, N0: 216.0821, N: 125.8530, Completes: 126, Contacts: 210}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := CalculateSampleSize(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			near := func(a, b float64) bool { return math.Abs(a-b) < 1e-4 }
			if !near(got.Z, tt.want.Z) || !near(got.N0, tt.want.N0) || !near(got.N, tt.want.N) ||
				got.Proportion != tt.want.Proportion || got.Completes != tt.want.Completes ||
				got.Contacts != tt.want.Contacts || got.Capped != tt.want.Capped {
				t.Errorf("got %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestCalculateSampleSizeErrors(t *testing.T) {
	ok := SampleSizeInput{Margin: 0.05, Confidence: 0.95, ResponseRate: 0.5}
	with := func(f func(*SampleSizeInput)) SampleSizeInput { in := ok; f(&in); return in }
	tests := []struct {
		name string
		in   SampleSizeInput
		want error
	}{
		{"zero margin", with(func(in *SampleSizeInput) { in.Margin = 0 }), ErrSampleSizeInput},
		{"infinite margin", with(func(in *SampleSizeInput) { in.Margin = math.Inf(1) }), ErrSampleSizeInput},
		{"confidence 1", with(func(in *SampleSizeInput) { in.Confidence = 1 }), ErrSampleSizeInput},
		{"confidence 0", with(func(in *SampleSizeInput) { in.Confidence = 0 }), ErrSampleSizeInput},
		{"negative population", with(func(in *SampleSizeInput) { in.Population = -5 }), ErrSampleSizeInput},
		{"proportion 1", with(func(in *SampleSizeInput) { in.Proportion = 1 }), ErrSampleSizeInput},
		{"negative SD", with(func(in *SampleSizeInput) { in.SD = -1 }), ErrSampleSizeInput},
		{"both p and SD", with(func(in *SampleSizeInput) { in.SD, in.Proportion = 10, 0.4 }), ErrSampleSizeInput},
		{"no response rate", with(func(in *SampleSizeInput) { in.ResponseRate = 0 }), ErrResponseRate},
		{"response rate above 1", with(func(in *SampleSizeInput) { in.ResponseRate = 1.5 }), ErrResponseRate},
		// 1e-200 made n0 infinite (a 500); 1e-9 overflowed the int count to
		// -9223372036854775808 interviews.
		{"margin 1e-200", with(func(in *SampleSizeInput) { in.Margin = 1e-200 }), ErrSampleSizeTooLarge},
		{"margin 1e-9", with(func(in *SampleSizeInput) { in.Margin = 1e-9 }), ErrSampleSizeTooLarge},
		{"margin 1e-9 on a score", with(func(in *SampleSizeInput) { in.Margin, in.SD = 1e-9, 20 }), ErrSampleSizeTooLarge},
		{"margin 1e-200 in a finite population", with(func(in *SampleSizeInput) { in.Margin, in.Population = 1e-200, 1000 }), ErrSampleSizeTooLarge},
		{"tiny response rate", with(func(in *SampleSizeInput) { in.ResponseRate = 1e-300 }), ErrSampleSizeTooLarge},
	}
	for _, tt := range tests {
		if _, err := CalculateSampleSize(tt.in); !errors.Is(err, tt.want) {
			t.Errorf("%s: error = %v, want %v", tt.name, err, tt.want)
		}
	}
}
