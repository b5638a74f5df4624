package survey

// Structure is a campaign with everything it is made of, in document order,
// with lookups by code. It is read-only once loaded, and shared: the form,
// the submission path and the score run all read the same instance.
type Structure struct {
	Campaign   Campaign
	Categories []Category
	Units      []Unit
	Indicators []Indicator
	Scale      []Option
	Groups     []Group
	// MainWeights are the effective weights a_i of the main indicators, in
	// order, resolved from the AHP matrix where there is one.
	MainWeights []float64
	// AHPCR is the consistency ratio of the AHP matrix (0 without one).
	AHPCR float64

	unitByCode, indicatorByCode, optionByKey, groupByCode map[string]int
	unitByID, categoryByID                                map[int64]int
	// scopes[g][u] says whether group g rates unit u; nil: every unit.
	scopes [][]bool
}

func (s *Structure) index() {
	s.unitByCode, s.unitByID = map[string]int{}, map[int64]int{}
	for i, u := range s.Units {
		s.unitByCode[u.Code] = i
		s.unitByID[u.ID] = i
	}
	s.indicatorByCode = map[string]int{}
	for i, ind := range s.Indicators {
		s.indicatorByCode[ind.Code] = i
	}
	// Paper forms name an option by code or label; validation guarantees
	// that no label is another option's code, so one map serves both.
	s.optionByKey = map[string]int{}
	for i, o := range s.Scale {
		s.optionByKey[o.Label] = i
	}
	for i, o := range s.Scale {
		s.optionByKey[o.Code] = i
	}
	s.groupByCode = map[string]int{}
	for i, g := range s.Groups {
		s.groupByCode[g.Code] = i
	}
	s.categoryByID = map[int64]int{}
	for i, c := range s.Categories {
		s.categoryByID[c.ID] = i
	}
	s.indexScopes()
}

// UnitIndex returns the position of a unit by code.
func (s *Structure) UnitIndex(code string) (int, bool) { i, ok := s.unitByCode[code]; return i, ok }

// UnitIndexByID returns the position of a unit by id.
func (s *Structure) UnitIndexByID(id int64) (int, bool) { i, ok := s.unitByID[id]; return i, ok }

// IndicatorIndex returns the position of an indicator by code.
func (s *Structure) IndicatorIndex(code string) (int, bool) {
	i, ok := s.indicatorByCode[code]
	return i, ok
}

// OptionIndex returns the position of a scale option by code or label.
func (s *Structure) OptionIndex(key string) (int, bool) { i, ok := s.optionByKey[key]; return i, ok }

// GroupIndex returns the position of a group by code.
func (s *Structure) GroupIndex(code string) (int, bool) { i, ok := s.groupByCode[code]; return i, ok }

// CategoryIndexOf returns the position of a unit's category.
func (s *Structure) CategoryIndexOf(u Unit) int { return s.categoryByID[u.CategoryID] }

// CategoryOf returns the category of a unit.
func (s *Structure) CategoryOf(u Unit) Category { return s.Categories[s.categoryByID[u.CategoryID]] }

// OpenGroup returns the group that answers through the open link, if any.
func (s *Structure) OpenGroup() (Group, bool) {
	for _, g := range s.Groups {
		if g.OpenLink {
			return g, true
		}
	}
	return Group{}, false
}

// GroupPositions maps each group's id to its position in Groups.
func (s *Structure) GroupPositions() map[int64]int {
	out := make(map[int64]int, len(s.Groups))
	for i, g := range s.Groups {
		out[g.ID] = i
	}
	return out
}

// UnitsByCategory returns the units of each category in document order,
// which is how the form pages and the ranking tables group them.
func (s *Structure) UnitsByCategory() [][]Unit {
	out := make([][]Unit, len(s.Categories))
	for _, u := range s.Units {
		i := s.categoryByID[u.CategoryID]
		out[i] = append(out[i], u)
	}
	return out
}

// Definition rebuilds the document the campaign was defined by, reflecting
// every later edit; it round-trips through Create.
func (s *Structure) Definition() Definition {
	c := s.Campaign
	d := Definition{Code: c.Code, Name: c.Name, Organizer: OrganizerDef{Code: c.OrganizerCode, Name: c.Organizer}, Series: c.Series, Year: c.Year, Period: c.Period,
		AHP: c.AHPMatrix()}
	if c.Description != nil {
		d.Description = *c.Description
	}
	seed := uint64(c.Seed)
	d.Components, d.Hotline = c.components()
	d.Scoring = ScoringDef{MinSample: &c.MinSample, Bootstrap: &c.Bootstrap, Seed: &seed, TieDecimals: &c.TieDecimals}
	for _, o := range s.Scale {
		d.Scale = append(d.Scale, OptionDef{Code: o.Code, Label: o.Label, Score: o.Score, Satisfied: o.Satisfied, Excluded: o.Excluded})
	}
	for _, ind := range s.Indicators {
		x := IndicatorDef{Code: ind.Code, Name: ind.Name, Weight: ind.Weight, Auxiliary: ind.Auxiliary}
		if d.AHP != nil {
			x.Weight = nil // derived from the matrix, not given
		}
		d.Indicators = append(d.Indicators, x)
	}
	for _, g := range s.Groups {
		w, open := g.Weight, g.OpenLink
		d.Groups = append(d.Groups, GroupDef{Code: g.Code, Name: g.Name, Weight: &w, MinSample: g.MinSample, OpenLink: &open, PublishData: g.writtenPublishData(), Source: g.Source, Units: g.Scope()})
	}
	for _, cat := range s.Categories {
		d.Categories = append(d.Categories, CategoryDef{Code: cat.Code, Name: cat.Name})
	}
	codeByID := map[int64]string{}
	for _, u := range s.Units {
		codeByID[u.ID] = u.Code
	}
	for _, u := range s.Units {
		ud := UnitDef{Code: u.Code, Name: u.Name, Category: s.CategoryOf(u).Code}
		if u.ParentID != nil {
			p := codeByID[*u.ParentID]
			ud.Parent = &p
		}
		d.Units = append(d.Units, ud)
	}
	return d
}
