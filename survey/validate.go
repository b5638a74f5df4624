package survey

import (
	"fmt"

	"github.com/go-playground/validator/v10"

	"pingyi/fault"
	"pingyi/validation"
)

// Validate checks a definition completely and returns one Invalid error
// listing every problem, or nil. Nothing is written before it passes.
func Validate(v *validator.Validate, d *Definition) error {
	var c checker
	if err := v.Struct(d); err != nil {
		c.problems = validation.Problems(err)
	}
	c.organizer(d)
	c.scale(d.Scale)
	c.indicators(d.Indicators, d.AHP != nil)
	c.ahp(d)
	c.groups(d.Groups)
	c.publishData(d)
	c.source(d)
	categories := c.uniqueCodes("categories", len(d.Categories), func(i int) string { return d.Categories[i].Code })
	c.units(d.Units, categories)
	c.scopes(d)
	c.components(d)
	if len(c.problems) > 0 {
		return fault.WithProblems(c.problems, "the campaign definition has %d problems", len(c.problems))
	}
	return nil
}

type checker struct{ problems []fault.Problem }

func (c *checker) addf(path, format string, args ...any) {
	c.problems = append(c.problems, fault.P(path, format, args...))
}

// uniqueCodes reports repeated codes in a list and returns the set of codes.
func (c *checker) uniqueCodes(list string, n int, code func(int) string) map[string]int {
	seen := map[string]int{}
	for i := 0; i < n; i++ {
		k := code(i)
		if k == "" {
			continue
		}
		if first, dup := seen[k]; dup {
			c.addf(fmt.Sprintf("%s[%d].code", list, i), "code %q is used twice (first at %s[%d])", k, list, first)
			continue
		}
		seen[k] = i
	}
	return seen
}

func (c *checker) scale(scale []OptionDef) {
	codes := c.uniqueCodes("scale", len(scale), func(i int) string { return scale[i].Code })
	labels := map[string]int{}
	rated := 0
	for i, o := range scale {
		path := fmt.Sprintf("scale[%d]", i)
		if first, dup := labels[o.Label]; dup && o.Label != "" {
			c.addf(path+".label", "label %q is used twice (first at scale[%d])", o.Label, first)
		}
		labels[o.Label] = i
		// Paper forms may name an option by code or by label, so one
		// option's label must not be another's code.
		if j, clash := codes[o.Label]; clash && j != i {
			c.addf(path+".label", "label %q is the code of scale[%d]; paper forms could not tell them apart", o.Label, j)
		}
		if o.Excluded {
			if o.Score != nil || o.Satisfied {
				c.addf(path, "an excluded option (such as 不了解) has no score and is not satisfied")
			}
			continue
		}
		rated++
		switch {
		case o.Score == nil:
			c.addf(path+".score", "score is required unless the option is excluded")
		case *o.Score < 0 || *o.Score > 100:
			c.addf(path+".score", "score must lie between 0 and 100")
		}
	}
	if len(scale) > 0 && rated < 2 {
		c.addf("scale", "the scale needs at least two options that carry a score")
	}
}

func (c *checker) indicators(inds []IndicatorDef, byAHP bool) {
	c.uniqueCodes("indicators", len(inds), func(i int) string { return inds[i].Code })
	main, sum := 0, 0.0
	for i, ind := range inds {
		path := fmt.Sprintf("indicators[%d].weight", i)
		switch {
		case ind.Auxiliary:
			if ind.Weight != nil {
				c.addf(path, "auxiliary indicators never enter the index and carry no weight")
			}
			continue
		case byAHP:
			if ind.Weight != nil {
				c.addf(path, "the weights come from the ahp matrix; give either weights or ahp, not both")
			}
		case ind.Weight == nil:
			c.addf(path, "a main indicator needs a weight (or give an ahp matrix)")
		case *ind.Weight < 0:
			c.addf(path, "weight must not be negative")
		default:
			sum += *ind.Weight
		}
		main++
	}
	if len(inds) > 0 && main == 0 {
		c.addf("indicators", "at least one indicator must be a main (not auxiliary) indicator")
	}
	if main > 0 && !byAHP && sum == 0 && len(c.problems) == 0 {
		c.addf("indicators", "the main indicators' weights are all 0")
	}
}

func (c *checker) groups(groups []GroupDef) {
	c.uniqueCodes("groups", len(groups), func(i int) string { return groups[i].Code })
	sum, open := 0.0, -1
	for i, g := range groups {
		if g.Weight != nil {
			if *g.Weight < 0 {
				c.addf(fmt.Sprintf("groups[%d].weight", i), "weight must not be negative")
			} else {
				sum += *g.Weight
			}
		}
		if g.OpenLink != nil && *g.OpenLink {
			if open >= 0 {
				c.addf(fmt.Sprintf("groups[%d].open_link", i), "only one group can answer through the open link (groups[%d] already does)", open)
			}
			open = i
		}
	}
	if len(groups) > 0 && sum == 0 {
		c.addf("groups", "the groups' weights are all 0")
	}
}

func (c *checker) units(units []UnitDef, categories map[string]int) {
	index := c.uniqueCodes("units", len(units), func(i int) string { return units[i].Code })
	for i, u := range units {
		path := fmt.Sprintf("units[%d]", i)
		if _, ok := categories[u.Category]; !ok && u.Category != "" {
			c.addf(path+".category", "unknown category %q", u.Category)
		}
		if u.Parent == nil {
			continue
		}
		if _, ok := index[*u.Parent]; !ok {
			c.addf(path+".parent", "unknown parent unit %q", *u.Parent)
			continue
		}
		depth, cycle := 1, false
		for p, seen := u.Parent, map[string]bool{u.Code: true}; p != nil; depth++ {
			if seen[*p] {
				cycle = true
				break
			}
			seen[*p] = true
			j, ok := index[*p]
			if !ok {
				break
			}
			p = units[j].Parent
		}
		switch {
		case cycle:
			c.addf(path+".parent", "unit %q is its own ancestor", u.Code)
		case depth > MaxUnitDepth:
			c.addf(path+".parent", "units nest at most %d levels (department → station → window → counter)", MaxUnitDepth)
		}
	}
}
