package responses

import (
	"strconv"

	"gorm.io/gorm"

	"pingyi/fault"
)

// colCase names the drawn case whose interview a response is, for groups
// whose source is draw (SPEC "Response import format").
const colCase = "case"

// DrawnCase is what the phone survey says of a case an import names: the
// stratum and design weight the draw gives its interview, or why it can
// take none.
type DrawnCase struct {
	Stratum string
	Weight  float64
	// Released is false while the case's replicate is not released: it
	// cannot have been called. Interviewed is set once it has a response.
	Released, Interviewed bool
}

// DrawnCases is what an import needs of the phone survey, which app wires
// in (UseDrawnCases) so that responses does not depend on it.
type DrawnCases interface {
	// DrawnCasesTx looks the cases up; a case not in the campaign's draw
	// is absent from the map.
	DrawnCasesTx(tx *gorm.DB, campaignID int64, ids []int64) (map[int64]DrawnCase, error)
	// BindCasesTx marks each case (key) interviewed by its response
	// (value).
	BindCasesTx(tx *gorm.DB, campaignID int64, responseOf map[int64]int64) error
}

// UseDrawnCases lets imports bind responses to the phone draw's cases.
func (s *Store) UseDrawnCases(c DrawnCases) { s.cases = c }

// readCase reads a row's case and checks it against the row's group: a
// group whose source is draw needs one, and takes its stratum and weight
// from the draw, never from the file; any other group names none.
func (b *importBatch) readCase(line int, texts fieldTexts, f *fields) {
	raw := texts.caseNumber
	if f.group < 0 {
		return
	}
	g := b.st.Groups[f.group]
	if !g.FromDraw() {
		if raw != "" {
			b.addf(at(line, colCase), "group %q is not drawn: its responses name no case", g.Code)
		}
		return
	}
	id, err := strconv.ParseInt(raw, 10, 64)
	switch {
	case raw == "":
		b.addf(at(line, colCase), "group %q takes only the interviews of drawn cases: name the case", g.Code)
	case err != nil || id < 1:
		b.addf(at(line, colCase), "case must be a case number, such as 1024")
	}
	if texts.weight != "" {
		b.addf(at(line, colWeight), "the weight of a drawn case's interview comes from the draw: leave this cell empty")
	}
	if texts.stratum != "" {
		b.addf(at(line, colStratum), "the stratum of a drawn case's interview comes from the draw: leave this cell empty")
	}
	f.caseID = id
	if texts.channel == "" {
		f.channel = phoneChannel
	}
}

// bindDrawnCases gives each response of a drawn group its case's stratum
// and weight, refusing the file whole, naming each line, if a case is not
// in the draw, cannot take an interview, or is named twice.
func (b *importBatch) bindDrawnCases(tx *gorm.DB, cases DrawnCases, campaignID int64) error {
	var ids []int64
	lineOf := map[int64]int32{}
	var problems []fault.Problem
	for _, p := range b.responses {
		if p.caseID == 0 {
			continue
		}
		if first, dup := lineOf[p.caseID]; dup {
			problems = append(problems, fault.P(at(int(p.line), colCase).String(), "case %d is named again (first on line %d)", p.caseID, int(first)))
			continue
		}
		lineOf[p.caseID] = p.line
		ids = append(ids, p.caseID)
	}
	if len(ids) == 0 && len(problems) == 0 {
		return nil
	}
	if cases == nil {
		return fault.Conflictf("this campaign has no phone draw: responses naming cases cannot be imported")
	}
	found, err := cases.DrawnCasesTx(tx, campaignID, ids)
	if err != nil {
		return err
	}
	for i := range b.responses {
		p := &b.responses[i]
		if p.caseID == 0 || lineOf[p.caseID] != p.line {
			continue
		}
		c, ok := found[p.caseID]
		switch {
		case !ok:
			problems = append(problems, fault.P(at(int(p.line), colCase).String(), "no case %d in this campaign's draw", p.caseID))
		case !c.Released:
			problems = append(problems, fault.P(at(int(p.line), colCase).String(), "case %d is not released yet: it cannot have been interviewed", p.caseID))
		case c.Interviewed:
			problems = append(problems, fault.P(at(int(p.line), colCase).String(), "case %d already has its interview", p.caseID))
		default:
			p.stratum, p.weight = c.Stratum, c.Weight
		}
	}
	if len(problems) > 0 {
		return fault.WithProblems(problems, "the file has %d problems; nothing was imported", len(problems))
	}
	return nil
}

// claimDrawnCases, once the responses are stored, binds each case to its
// response.
func (b *importBatch) claimDrawnCases(tx *gorm.DB, cases DrawnCases, campaignID int64) error {
	refOf := map[string]int64{}
	var refs []string
	for _, p := range b.responses {
		if p.caseID != 0 {
			refOf[p.ref] = p.caseID
			refs = append(refs, p.ref)
		}
	}
	if len(refs) == 0 {
		return nil
	}
	responseOf := make(map[int64]int64, len(refs))
	for start := 0; start < len(refs); start += insertBatch {
		var rows []Response
		if err := tx.Select("id, ref").Where("campaign_id = ? AND ref IN ?", campaignID, refs[start:min(start+insertBatch, len(refs))]).
			Find(&rows).Error; err != nil {
			return err
		}
		for _, r := range rows {
			responseOf[refOf[r.Ref]] = r.ID
		}
	}
	return cases.BindCasesTx(tx, campaignID, responseOf)
}
