package collection

import "pingyi/survey"

// FormPage is one page of the web form: a category, or a part of a long
// one.
type FormPage struct {
	Number      int // from 1
	Category    survey.Category
	Part, Parts int   // this part of the category, and how many it has
	Units       []int // positions in the structure
}

// maxUnitsPerPage keeps a page to what a phone screen can take in a few
// swipes: 12 units of four indicators are 48 rows of options.
const maxUnitsPerPage = 12

// Pages splits a campaign's units into form pages: one per category, a
// long category into even parts of at most maxUnitsPerPage units (25 units
// make pages of 9, 8 and 8).
func Pages(st *survey.Structure) []FormPage {
	all := make([]int, len(st.Units))
	for i := range all {
		all[i] = i
	}
	return PagesOf(st, all)
}

// PagesOf splits some units of a campaign (positions, in document order)
// into form pages as Pages does: a respondent asked about fewer units
// gets fewer pages.
func PagesOf(st *survey.Structure, units []int) []FormPage {
	byCategory := make([][]int, len(st.Categories))
	for _, u := range units {
		c := st.CategoryIndexOf(st.Units[u])
		byCategory[c] = append(byCategory[c], u)
	}
	var out []FormPage
	for ci, units := range byCategory {
		if len(units) == 0 {
			continue
		}
		parts := (len(units) + maxUnitsPerPage - 1) / maxUnitsPerPage
		start := 0
		for part := range parts {
			size := len(units) / parts
			if part < len(units)%parts {
				size++
			}
			out = append(out, FormPage{Number: len(out) + 1, Category: st.Categories[ci], Part: part + 1, Parts: parts,
				Units: units[start : start+size]})
			start += size
		}
	}
	return out
}
