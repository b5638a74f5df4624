package appeals

import (
	"context"

	"pingyi/fault"
)

// units is the register as the ledger uses it: found by code or exact
// name, with each unit's ancestors.
type units struct {
	byCode map[string]Unit
	byName map[string]string // name -> code; "" when two units share it
}

// units reads the register, or only the units of codes when any are given.
func (s *Store) units(ctx context.Context, codes ...string) (*units, error) {
	list, err := s.register.Units(ctx, codes...)
	if err != nil {
		return nil, err
	}
	u := &units{byCode: map[string]Unit{}, byName: map[string]string{}}
	for _, x := range list {
		u.byCode[x.Code] = x
		if _, dup := u.byName[x.Name]; dup {
			u.byName[x.Name] = ""
		} else {
			u.byName[x.Name] = x.Code
		}
	}
	return u, nil
}

// find returns the code of the unit named by code or exact name.
func (u *units) find(codeOrName string) (string, bool) {
	if _, ok := u.byCode[codeOrName]; ok {
		return codeOrName, true
	}
	code := u.byName[codeOrName]
	return code, code != ""
}

// mustFind is find for a staff action: an unknown unit is refused.
func (u *units) mustFind(codeOrName string) (string, error) {
	code, ok := u.find(codeOrName)
	if !ok {
		return "", fault.Invalidf("no unit in the register has the code or name %q", codeOrName)
	}
	return code, nil
}

// lineage is the unit and every unit above it, nearest first.
func (u *units) lineage(code string) []string {
	var out []string
	for seen := 0; code != "" && seen < 8; seen++ { // the register is at most four levels; 8 stops a loop
		out = append(out, code)
		code = u.byCode[code].Parent
	}
	return out
}

// within reports whether unit is other or one of its stations.
func (u *units) within(unit, other string) bool {
	for _, c := range u.lineage(unit) {
		if c == other {
			return true
		}
	}
	return false
}
