package responses

import (
	"context"
	"pingyi/survey"
	"strconv"
	"time"
)

// ExportColumns is the header of a response export: SPEC's long import
// format, so that an export imports again, and whether the committee has
// excluded the response. It carries no personal data: no IP or device
// hashes, no idempotency keys, nothing of invitations.
var ExportColumns = []string{colRef, colGroup, colUnit, colIndicator, colOption, colChannel, colWeight,
	colStratum, colSubmitted, colComment, colExcluded}

// RowWriter takes the rows of an export.
type RowWriter interface {
	Write(cells []string) error
}

// exportPage is how many responses an export reads at a time.
const exportPage = 1000

// ExportResponses writes every response of a campaign, one rating per row,
// reading a page of responses at a time in id order. A unit's comment goes
// on the unit's first row; a comment on a unit the response did not rate
// gets a row of its own with an empty indicator and option.
func (s *Store) ExportResponses(ctx context.Context, code string, w RowWriter) error {
	st, err := s.surveys.Structure(ctx, code)
	if err != nil {
		return err
	}
	if err := w.Write(ExportColumns); err != nil {
		return err
	}
	groupCode := map[int64]string{}
	for _, g := range st.Groups {
		groupCode[g.ID] = g.Code
	}
	return s.eachResponse(ctx, st, func(r Response, ratings []Rating, comments map[int]string, excluded bool) error {
		fixed := [...]string{r.Ref, groupCode[r.GroupID], string(r.Channel), strconv.FormatFloat(r.Weight, 'f', -1, 64),
			r.Stratum, r.SubmittedAt.UTC().Format(time.RFC3339Nano), strconv.FormatBool(excluded)}
		return writeResponse(w, st, fixed, ratings, comments)
	})
}

// eachResponse calls fn with every response of a campaign in id order,
// its ratings, comments by unit and whether it is excluded, reading a
// page of responses at a time (ratings are reused between calls).
func (s *Store) eachResponse(ctx context.Context, st *survey.Structure, fn func(r Response, ratings []Rating, comments map[int]string, excluded bool) error) error {
	var after int64
	var ratings []Rating
	for {
		var page []Response
		err := s.db.WithContext(ctx).Select("id, ref, group_id, stratum, weight, channel, submitted_at, answers").
			Where("campaign_id = ? AND id > ?", st.Campaign.ID, after).Order("id").Limit(exportPage).Find(&page).Error
		if err != nil || len(page) == 0 {
			return err
		}
		after = page[len(page)-1].ID
		comments, excluded, err := s.pageExtras(ctx, st, page)
		if err != nil {
			return err
		}
		for _, r := range page {
			if ratings, err = DecodeAnswers(r.Answers, ratings); err != nil {
				return err
			}
			if err := fn(r, ratings, comments[r.ID], excluded[r.ID]); err != nil {
				return err
			}
		}
	}
}

// writeResponse writes one response's rows; fixed holds its ref, group,
// channel, weight, stratum, time and exclusion.
func writeResponse(w RowWriter, st *survey.Structure, fixed [7]string, ratings []Rating, comments map[int]string) error {
	row := func(unit int, indicator, option, comment string) error {
		return w.Write([]string{fixed[0], fixed[1], st.Units[unit].Code, indicator, option, fixed[2], fixed[3],
			fixed[4], fixed[5], comment, fixed[6]})
	}
	for i, rt := range ratings {
		comment := ""
		if i == 0 || ratings[i-1].Unit != rt.Unit {
			comment = comments[rt.Unit]
			delete(comments, rt.Unit)
		}
		if err := row(rt.Unit, st.Indicators[rt.Indicator].Code, st.Scale[rt.Option].Code, comment); err != nil {
			return err
		}
	}
	for unit := range st.Units { // comments on units not rated, in unit order
		if body, ok := comments[unit]; ok {
			if err := row(unit, "", "", body); err != nil {
				return err
			}
		}
	}
	return nil
}

// pageExtras reads the comments and active exclusions of a page of
// responses.
func (s *Store) pageExtras(ctx context.Context, st *survey.Structure, page []Response) (map[int64]map[int]string, map[int64]bool, error) {
	ids := make([]int64, len(page))
	for i, r := range page {
		ids[i] = r.ID
	}
	var rows []Comment
	if err := s.db.WithContext(ctx).Where("response_id IN ?", ids).Find(&rows).Error; err != nil {
		return nil, nil, err
	}
	comments := map[int64]map[int]string{}
	for _, c := range rows {
		u, ok := st.UnitIndexByID(c.UnitID)
		if !ok {
			continue
		}
		if comments[c.ResponseID] == nil {
			comments[c.ResponseID] = map[int]string{}
		}
		comments[c.ResponseID][u] = c.Body
	}
	var out []int64
	err := s.db.WithContext(ctx).Table("exclusions").Distinct("response_id").
		Where("campaign_id = ? AND revoked_at IS NULL AND response_id IN ?", st.Campaign.ID, ids).Pluck("response_id", &out).Error
	excluded := map[int64]bool{}
	for _, id := range out {
		excluded[id] = true
	}
	return comments, excluded, err
}
