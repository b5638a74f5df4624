package verify

import (
	"strings"

	"pingyi/publicdata"

	"pingyi/scoring"
)

// checkPublishedGroups recomputes what does not depend on withheld data:
// each published group's score, standard error, n and satisfaction rate
// for every unit (steps 2, 3 and 5 run group by group). The index, its
// interval, the unit's satisfaction rate, the ranks, the rank intervals
// (the bootstrap draws from every group in turn), the indicator scores
// and the result digest combine the groups, so they cannot be recomputed.
func (r *Report) checkPublishedGroups(cfg scoring.Config, public []scoring.Response, d *document) {
	r.NotRecomputed = append(r.NotRecomputed,
		"the scores of the withheld groups ("+strings.Join(d.Data.Withheld, ", ")+")",
		"every unit's index, se, interval, satisfaction rate, rank, rank interval and indicator scores, and the result digest: they combine the withheld groups with the others")
	sub := cfg
	sub.Groups = nil
	position := map[int]int{}
	only := map[string]bool{}
	for g, grp := range cfg.Groups {
		if !isWithheld(d, grp.Code) {
			position[g] = len(sub.Groups)
			sub.Groups = append(sub.Groups, grp)
			only[grp.Code] = true
		}
	}
	moved := make([]scoring.Response, len(public))
	for i, resp := range public {
		resp.Group = position[resp.Group]
		moved[i] = resp
	}
	if len(sub.Groups) == 0 {
		return
	}
	sub.Bootstrap = 0 // the rank intervals cannot be recomputed anyway
	res, err := scoring.Run(sub, each(moved))
	if err != nil {
		r.differ("scoring the public responses fails: %v", err)
		return
	}
	r.compareUnits(d.Units, res.Units, only)
}

func isWithheld(d *document, code string) bool {
	for _, c := range d.Data.Withheld {
		if c == code {
			return true
		}
	}
	return false
}

// allWithheld is true, and says so, when every group's responses are
// withheld and the server therefore serves no responses.csv: only the
// signature and the document's own digest can be checked.
func (r *Report) allWithheld(files Files, d *document) bool {
	if _, served := files[publicdata.ResponsesFile]; served || len(d.Method.Groups) == 0 || len(d.Data.Withheld) != len(d.Method.Groups) {
		return false
	}
	r.NotRecomputed = append(r.NotRecomputed, "every published number and the input and result digests: the organiser withholds every group's responses (publish_data \"none\")")
	return true
}
