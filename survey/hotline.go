package survey

import (
	"encoding/json"
	"math"
	"slices"
	"time"

	"pingyi/i18n"
	"pingyi/scoring"
)

// HotlineDef is how the hotline assessment enters the index: the period
// whose cases count, the weights of the appeal rates, and how many cases a
// unit needs (min_cases) and a rate needs (min_rate_n) before they count.
type HotlineDef struct {
	From     string             `json:"from"` // YYYY-MM-DD, China time, included
	To       string             `json:"to"`   // YYYY-MM-DD, China time, excluded
	Rates    map[string]float64 `json:"rates"`
	MinCases *int               `json:"min_cases,omitempty"`
	MinRateN *int               `json:"min_rate_n,omitempty"`
}

// DefaultMinRateN is how many cases a rate's denominator needs before the
// rate enters a hotline score, when the definition does not say.
const DefaultMinRateN = 5

// The components a definition may weigh.
const (
	ComponentSurvey  = "survey"
	ComponentHotline = "hotline"
)

// components checks the optional components and hotline settings.
func (c *checker) components(d *Definition) {
	for key, w := range d.Components {
		path := "components." + key
		switch {
		case key != ComponentSurvey && key != ComponentHotline:
			c.addf(path, "unknown component %q (the components are survey and hotline)", key)
		case !(w > 0) || math.IsInf(w, 0):
			c.addf(path, "a component's weight must be a positive number")
		}
	}
	if d.Components != nil {
		if _, ok := d.Components[ComponentSurvey]; !ok {
			c.addf("components.survey", "the survey component needs a weight")
		}
	}
	_, hotline := d.Components[ComponentHotline]
	switch {
	case hotline && d.Hotline == nil:
		c.addf("hotline", "components weighs the hotline: give its settings (from, to, rates, min_cases)")
	case !hotline && d.Hotline != nil:
		c.addf("hotline", "hotline settings are given but components has no hotline weight")
	case d.Hotline != nil:
		c.hotline(d.Hotline)
	}
}

func (c *checker) hotline(h *HotlineDef) {
	from, fromOK := c.date("hotline.from", h.From)
	to, toOK := c.date("hotline.to", h.To)
	if fromOK && toOK && !from.Before(to) {
		c.addf("hotline.to", "the period must end after it starts (to after from)")
	}
	positive := false
	for key, w := range h.Rates {
		path := "hotline.rates." + key
		switch {
		case !slices.Contains(scoring.RateCodes[:], key):
			c.addf(path, "unknown rate %q (one of response, on_time, resolution, satisfaction, settled)", key)
		case !(w >= 0) || math.IsInf(w, 0):
			c.addf(path, "weight must not be negative")
		case w > 0:
			positive = true
		}
	}
	if !positive {
		c.addf("hotline.rates", "at least one rate needs a positive weight")
	}
	if h.MinCases == nil || *h.MinCases < 1 {
		c.addf("hotline.min_cases", "min_cases is required and must be at least 1")
	}
	if h.MinRateN != nil && *h.MinRateN < 1 {
		c.addf("hotline.min_rate_n", "min_rate_n must be at least 1")
	}
}

// date reads a YYYY-MM-DD date of the definition.
func (c *checker) date(path, s string) (time.Time, bool) {
	if s == "" {
		c.addf(path, "the date is missing")
		return time.Time{}, false
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		c.addf(path, "%q is not a date (write it as 2025-10-01)", s)
		return time.Time{}, false
	}
	return t, true
}

// ScoringHotline is a valid definition's hotline component as scoring
// takes it, without the units' appeal counts, which the run fills in; nil
// when the definition has no hotline component.
func (d *Definition) ScoringHotline() *scoring.Hotline {
	w, ok := d.Components[ComponentHotline]
	if !ok || d.Hotline == nil {
		return nil
	}
	h := &scoring.Hotline{Survey: d.Components[ComponentSurvey], Hotline: w, MinRateN: DefaultMinRateN}
	for k, code := range scoring.RateCodes {
		h.Weights[k] = d.Hotline.Rates[code]
	}
	if d.Hotline.MinCases != nil {
		h.MinCases = *d.Hotline.MinCases
	}
	if d.Hotline.MinRateN != nil {
		h.MinRateN = *d.Hotline.MinRateN
	}
	return h
}

// components decodes the stored components and hotline settings (nil,
// nil for a campaign scored by its survey alone).
func (c Campaign) components() (map[string]float64, *HotlineDef) {
	var w map[string]float64
	var h *HotlineDef
	if c.Components != nil && json.Unmarshal([]byte(*c.Components), &w) != nil {
		w = nil
	}
	if c.Hotline != nil && json.Unmarshal([]byte(*c.Hotline), &h) != nil {
		h = nil
	}
	return w, h
}

// ScoringHotline is the campaign's hotline component as scoring takes it,
// without the units' appeal counts; nil without one.
func (st *Structure) ScoringHotline() *scoring.Hotline {
	d := Definition{}
	d.Components, d.Hotline = st.Campaign.components()
	return d.ScoringHotline()
}

// HotlinePeriod is the hotline's period [from, to) as instants: each date
// begins at midnight China time. ok is false without a hotline component.
func (st *Structure) HotlinePeriod() (from, to time.Time, ok bool) {
	_, h := st.Campaign.components()
	if h == nil {
		return time.Time{}, time.Time{}, false
	}
	from, errFrom := time.ParseInLocation(time.DateOnly, h.From, i18n.China)
	to, errTo := time.ParseInLocation(time.DateOnly, h.To, i18n.China)
	return from, to, errFrom == nil && errTo == nil
}
