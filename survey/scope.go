package survey

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// UnitScope is which units a respondent group rates (SPEC: a group's
// "units"): the units at some levels, a list of units, or Screen, where
// the respondent first picks the units they dealt with in the last year.
// A group without one rates every unit.
type UnitScope struct {
	Levels []int
	List   []string
	Screen bool
	// malformed is set when the document held some other shape, so that
	// Validate names the group instead of the decoder failing without a
	// path.
	malformed bool
}

// screenScope is how the document writes a screened group's units.
const screenScope = "screen"

// MarshalJSON writes the scope as the definition document does.
func (s UnitScope) MarshalJSON() ([]byte, error) {
	if s.Screen {
		return json.Marshal(screenScope)
	}
	if s.List != nil {
		return json.Marshal(map[string][]string{"list": s.List})
	}
	return json.Marshal(map[string][]int{"levels": s.Levels})
}

// UnmarshalJSON reads "screen", {"levels": [...]} or {"list": [...]};
// anything else is kept as malformed, for Validate to report.
func (s *UnitScope) UnmarshalJSON(b []byte) error {
	*s = UnitScope{}
	var word string
	if json.Unmarshal(b, &word) == nil {
		s.Screen, s.malformed = word == screenScope, word != screenScope
		return nil
	}
	var obj struct {
		Levels []int    `json:"levels"`
		List   []string `json:"list"`
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if dec.Decode(&obj) != nil || (obj.Levels == nil) == (obj.List == nil) {
		s.malformed = true
		return nil
	}
	s.Levels, s.List = obj.Levels, obj.List
	return nil
}

// scopes checks every group's units against the campaign's units.
func (c *checker) scopes(d *Definition) {
	hasLevel, index := reachedLevels(d.Units)
	for i, g := range d.Groups {
		if g.Units == nil {
			continue
		}
		path := fmt.Sprintf("groups[%d].units", i)
		s := g.Units
		switch {
		case s.malformed:
			c.addf(path, `units must be "screen", {"levels": [1]} or {"list": ["U001"]}`)
		case s.Levels != nil && len(s.Levels) == 0, s.List != nil && len(s.List) == 0:
			c.addf(path, "the group's units name no unit")
		}
		for j, l := range s.Levels {
			if !hasLevel(l) {
				c.addf(fmt.Sprintf("%s.levels[%d]", path, j), "no unit of the campaign is at level %d", l)
			}
		}
		listed := map[string]int{}
		for j, code := range s.List {
			p := fmt.Sprintf("%s.list[%d]", path, j)
			if first, dup := listed[code]; dup {
				c.addf(p, "unit %q is listed twice (first at %s.list[%d])", code, path, first)
				continue
			}
			listed[code] = j
			if _, ok := index[code]; !ok {
				c.addf(p, "unknown unit %q", code)
			}
		}
	}
}

// reachedLevels says which levels a definition's units reach, following
// each unit's parents (a broken chain, which units reports, counts as deep
// as it gets), and indexes the units by code.
func reachedLevels(units []UnitDef) (func(level int) bool, map[string]int) {
	index := make(map[string]int, len(units))
	for i, u := range units {
		index[u.Code] = i
	}
	var at [MaxUnitDepth + 1]bool
	for _, u := range units {
		level := 1
		for p := u.Parent; p != nil && level <= MaxUnitDepth; level++ {
			j, ok := index[*p]
			if !ok {
				break
			}
			p = units[j].Parent
		}
		if level <= MaxUnitDepth {
			at[level] = true
		}
	}
	return func(l int) bool { return l >= 1 && l <= MaxUnitDepth && at[l] }, index
}

// scopeJSON is the stored form of a group's scope, or nil for every unit.
func scopeJSON(s *UnitScope) *string {
	if s == nil {
		return nil
	}
	return jsonOrNil(s, false)
}

// Scope decodes the group's stored scope, or nil when it rates every unit.
func (g Group) Scope() *UnitScope {
	if g.Units == nil {
		return nil
	}
	var s UnitScope
	if json.Unmarshal([]byte(*g.Units), &s) != nil || s.malformed {
		return nil
	}
	return &s
}

// Screens reports whether the group's respondents pick their units first.
func (g Group) Screens() bool { s := g.Scope(); return s != nil && s.Screen }

// indexScopes works out which units each group rates, once per loaded
// structure: the form and every submission ask.
func (s *Structure) indexScopes() {
	s.scopes = make([][]bool, len(s.Groups))
	for gi, g := range s.Groups {
		sc := g.Scope()
		if sc == nil || sc.Screen {
			continue
		}
		in := make([]bool, len(s.Units))
		for ui, u := range s.Units {
			for _, l := range sc.Levels {
				in[ui] = in[ui] || u.Level == l
			}
		}
		for _, code := range sc.List {
			if ui, ok := s.unitByCode[code]; ok {
				in[ui] = true
			}
		}
		s.scopes[gi] = in
	}
}

// InScope reports whether group rates unit (positions in the structure).
// A screened group's scope is every unit: the respondent narrows it.
func (s *Structure) InScope(group, unit int) bool {
	in := s.scopes[group]
	return in == nil || in[unit]
}

// ScopeUnits lists the positions of the units group rates, in document
// order.
func (s *Structure) ScopeUnits(group int) []int {
	out := make([]int, 0, len(s.Units))
	for u := range s.Units {
		if s.InScope(group, u) {
			out = append(out, u)
		}
	}
	return out
}
