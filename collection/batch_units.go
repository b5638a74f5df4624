package collection

import (
	"encoding/json"
	"fmt"
	"slices"

	"pingyi/fault"
	"pingyi/survey"
)

// batchUnits checks the units a batch is narrowed to (SPEC: "an
// invitation batch may narrow its group's units further") and returns them
// as stored: nil when the batch names none. Each code must be a unit its
// group rates; known is false when the group itself is unknown.
func batchUnits(st *survey.Structure, group int, known bool, codes []string) (*string, []fault.Problem) {
	if len(codes) == 0 {
		return nil, nil
	}
	var problems []fault.Problem
	var kept []string
	for i, code := range codes {
		path := fmt.Sprintf("units[%d]", i)
		u, ok := st.UnitIndex(code)
		switch {
		case !ok:
			problems = append(problems, fault.P(path, "unknown unit %q", code))
		case !known:
		case !st.InScope(group, u):
			problems = append(problems, fault.P(path, "unit %q is not among the units group %q rates", code, st.Groups[group].Code))
		case !slices.Contains(kept, code):
			kept = append(kept, code)
		}
	}
	if len(problems) > 0 {
		return nil, problems
	}
	raw, _ := json.Marshal(kept)
	text := string(raw)
	return &text, nil
}

// UnitCodes lists the codes of the units a batch is narrowed to, or nil
// when it asks about all of its group's units. A nil batch (the open
// link) names none.
func (b *Batch) UnitCodes() []string {
	if b == nil || b.Units == nil {
		return nil
	}
	var codes []string
	if json.Unmarshal([]byte(*b.Units), &codes) != nil {
		return nil
	}
	return codes
}
