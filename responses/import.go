package responses

import (
	"cmp"
	"context"
	"errors"
	"io"
	"iter"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"

	"pingyi/audit"
	"pingyi/fault"
	"pingyi/scoring"
	"pingyi/survey"
	"pingyi/tabular"
)

// The columns of SPEC's long format, one rating per row.
const (
	colRef       = "response_ref"
	colGroup     = "group"
	colUnit      = "unit_code"
	colIndicator = "indicator_code"
	colOption    = "option"
	colChannel   = "channel"
	colWeight    = "weight"
	colStratum   = "stratum"
	colSubmitted = "submitted_at"
	colComment   = "comment"
	colExcluded  = "excluded"
)

var requiredColumns = []string{colRef, colGroup, colUnit, colIndicator, colOption}

// maxListedProblems bounds what one refused file reports: past a thousand,
// the person fixing it needs the count and the first ones, not a list
// that costs as much memory as the file.
const maxListedProblems = 1000

// ImportResult says what an import stored.
type ImportResult struct {
	Responses, Ratings, Comments int
}

// ImportResponses reads paper (or other) responses in the long format of
// SPEC.md, or in the wide layout of the paper template (import_wide.go),
// and stores them in one transaction, or nothing at all. The file
// is streamed: what stays in memory is, per response, its few fields and
// about two bytes per rating (rating_log.go), plus comments, never the
// rows. Every bad row is reported with its line and column; a file
// holding a response_ref already in the campaign is refused naming those
// refs.
//
// A row whose indicator_code and option are both empty but whose comment is
// not carries a comment on a unit the response did not rate: that is how
// an export writes such a comment, so that it comes back on re-import.
func (s *Store) ImportResponses(ctx context.Context, code string, src io.Reader, format tabular.Format, actor audit.Actor) (ImportResult, error) {
	st, err := s.surveys.Structure(ctx, code)
	if err != nil {
		return ImportResult{}, err
	}
	if err := acceptsImports(st.Campaign); err != nil {
		return ImportResult{}, err
	}
	r, err := tabular.Open(src, format)
	if err != nil {
		return ImportResult{}, err
	}
	defer r.Close()
	b := newImportBatch(st)
	b.col = longColumnsOf(r)
	add := b.add
	if IsWide(r) {
		w, err := newWideImport(b, r)
		if err != nil {
			return ImportResult{}, err
		}
		add = w.add
	} else {
		var missing []fault.Problem
		for _, col := range requiredColumns {
			if !r.Has(col) {
				missing = append(missing, fault.P("header", "the file needs a %q column", col))
			}
		}
		if len(missing) > 0 {
			return ImportResult{}, fault.WithProblems(missing, "the file cannot be read as responses")
		}
	}
	for row, err := range r.Rows() { // parsed on another core
		if err == nil {
			add(row)
			continue
		}
		if errors.Is(err, io.EOF) {
			break
		}
		if e, ok := fault.As(err); ok && e.Kind == fault.Invalid {
			b.keep(math.MaxInt, fault.Problem{Reason: e.Message})
			break
		}
		return ImportResult{}, err
	}
	if err := b.finish(); err != nil {
		return ImportResult{}, err
	}
	result := b.result()
	err = s.db.Tx(ctx, func(tx *gorm.DB) error {
		c, err := s.surveys.HoldCampaign(tx, code)
		if err != nil {
			return err
		}
		if err := acceptsImports(c); err != nil {
			return err
		}
		if err := b.refuseStoredRefs(tx, c.ID); err != nil {
			return err
		}
		if err := b.bindDrawnCases(tx, s.cases, c.ID); err != nil {
			return err
		}
		locked := *st
		locked.Campaign = c
		now := s.db.Now()
		if err := s.insertResponses(tx, &locked, b.unpacked(now)); err != nil {
			return err
		}
		if err := b.claimDrawnCases(tx, s.cases, c.ID); err != nil {
			return err
		}
		return s.audit.Append(tx, audit.Entry{Actor: actor, Action: "responses.import", Object: "campaign:" + code,
			Detail: map[string]int{"responses": result.Responses, "ratings": result.Ratings, "comments": result.Comments}})
	})
	if err != nil {
		return ImportResult{}, err
	}
	return result, nil
}

func acceptsImports(c survey.Campaign) error {
	if c.Status != survey.Open && c.Status != survey.Closed {
		return fault.Conflictf("campaign %q is %s: responses are accepted only while it is open (paper forms also after it closes)", c.Code, c.Status)
	}
	return nil
}

// packedRating is a rating of a response's log (rating_log.go) unpacked to
// be checked and stored, with the line it came from (units ≤ 10,000,
// indicators ≤ 32 and options ≤ 16 are guaranteed by validation).
type packedRating struct {
	line      uint32
	unit      uint16
	indicator uint8
	option    uint8
}

type importedComment struct {
	unit, line int
	body       string
}

// pendingResponse is one response of a file being imported, kept small:
// a file of a million rows may hold a quarter of a million of them.
type pendingResponse struct {
	ref  string
	line int32 // where it first appears
	last int32 // the line of its last rating
	fields
	ratings  ratingLog
	comments *[]importedComment // rare
}

// importBatch gathers a file's responses and its problems.
type importBatch struct {
	st        *survey.Structure
	responses []pendingResponse
	byRef     map[string]int
	strata    map[string]string // one copy of each stratum name
	radix     cellRadix
	col       longColumns
	recent    recent[knownRef]
	units     recent[int] // positions of recent unit codes (a form's rows go unit by unit)
	problems  []lineProblem
	count     int // problems found, listed or not
}

type lineProblem struct {
	line    int
	problem fault.Problem
}

func newImportBatch(st *survey.Structure) *importBatch {
	return &importBatch{st: st, byRef: map[string]int{}, strata: map[string]string{}, radix: radixOf(st)}
}

// position is where in the file a problem is: a line, and a column unless
// the whole row is at fault.
type position struct {
	line   int
	column string
}

func at(line int, column string) position { return position{line, column} }

func (p position) String() string {
	s := "line " + strconv.Itoa(p.line)
	if p.column != "" {
		s += ", column " + p.column
	}
	return s
}

// addf records a problem at a position.
func (b *importBatch) addf(pos position, format string, args ...any) {
	b.keep(pos.line, fault.P(pos.String(), format, args...))
}

func (b *importBatch) keep(line int, p fault.Problem) {
	b.count++
	if len(b.problems) < maxListedProblems {
		b.problems = append(b.problems, lineProblem{line: line, problem: p})
	}
}

// fields are a row's response-level values, which every row of a response
// must repeat alike.
type fields struct {
	group       int16 // groups ≤ 32
	channel     uint8 // position in Channels
	weight      float64
	stratum     string // interned
	submittedAt int64  // Unix microseconds; 0: the time of the import
	caseID      int64  // the drawn case interviewed; 0: none
}

var phoneChannel = uint8(slices.Index(Channels, Phone))

func (b *importBatch) add(row tabular.Row) {
	line := row.Line
	bad := b.count
	ref := row.At(b.col.ref)
	switch {
	case ref == "":
		b.addf(at(line, colRef), "response_ref is empty")
	case len(ref) > 64:
		b.addf(at(line, colRef), "response_ref is longer than 64 characters")
	}
	texts := b.col.fieldTexts(row)
	known, fast := b.recent.get(ref)
	fast = fast && known.texts == texts
	var f fields
	if fast {
		f = b.responses[known.index].fields
	} else {
		f = b.readFields(line, texts)
		b.readCase(line, texts, &f)
	}
	unit, ind, opt, comment := b.readRating(row)
	if f.group >= 0 && unit >= 0 && !b.st.InScope(int(f.group), unit) {
		b.addf(at(line, colUnit), "unit %q is not among the units group %q rates", b.st.Units[unit].Code, b.st.Groups[f.group].Code)
	}
	if b.count > bad {
		return
	}
	i := known.index
	if !fast {
		var seen bool
		i, seen = b.byRef[ref]
		if !seen {
			i = len(b.responses)
			ref = strings.Clone(ref) // not the file's block of text it was cut from (tabular)
			b.byRef[ref] = i
			b.responses = append(b.responses, pendingResponse{ref: ref, line: int32(line), fields: f})
		}
		if seen && !b.sameFields(&b.responses[i], f, line) {
			return
		}
		b.recent.put(ref, knownRef{index: i, texts: texts})
	}
	p := &b.responses[i]
	if ind >= 0 {
		b.logRating(p, line, unit, ind, opt)
	}
	if comment != "" {
		if p.comments == nil {
			p.comments = &[]importedComment{}
		}
		for _, c := range *p.comments {
			if c.unit == unit && c.body != comment {
				b.addf(at(line, colComment), "response %q has another comment on unit %q on line %d", ref, b.st.Units[unit].Code, c.line)
				return
			}
			if c.unit == unit {
				return
			}
		}
		*p.comments = append(*p.comments, importedComment{unit: unit, line: line, body: strings.Clone(comment)})
	}
}

func (b *importBatch) readFields(line int, texts fieldTexts) fields {
	f := fields{group: -1, channel: uint8(slices.Index(Channels, Paper)), weight: 1}
	if g := texts.group; g == "" {
		b.addf(at(line, colGroup), "group is empty")
	} else if i, ok := b.st.GroupIndex(g); ok {
		f.group = int16(i)
	} else {
		b.addf(at(line, colGroup), "unknown respondent group %q", g)
	}
	if ch := texts.channel; ch != "" {
		if i := slices.Index(Channels, Channel(ch)); i >= 0 {
			f.channel = uint8(i)
		} else {
			b.addf(at(line, colChannel), "channel must be web, phone or paper")
		}
	}
	if w := texts.weight; w != "" {
		x, err := strconv.ParseFloat(w, 64)
		if err != nil || !scoring.ValidDesignWeight(x) {
			b.addf(at(line, colWeight), "the weight must be a number from %g to %g", scoring.MinDesignWeight, scoring.MaxDesignWeight)
		}
		f.weight = x
	}
	if st := texts.stratum; len(st) > 64 {
		b.addf(at(line, colStratum), "stratum is longer than 64 characters")
	} else if st != "" {
		if interned, ok := b.strata[st]; ok {
			st = interned
		} else {
			st = strings.Clone(st)
			b.strata[st] = st
		}
		f.stratum = st
	}
	if when := texts.submitted; when != "" {
		t, err := time.Parse(time.RFC3339, when)
		if err != nil {
			b.addf(at(line, colSubmitted), "submitted_at must be an RFC 3339 time such as 2026-11-21T09:30:00+08:00")
		}
		f.submittedAt = t.UnixMicro()
	}
	return f
}

// readRating reads a row's rating; ind is -1 for a comment-only row.
func (b *importBatch) readRating(row tabular.Row) (unit, ind, opt int, comment string) {
	line := row.Line
	unit, ind, opt = -1, -1, -1
	if u := row.At(b.col.unit); u == "" {
		b.addf(at(line, colUnit), "unit_code is empty")
	} else if i, ok := lookup(&b.units, u, b.st.UnitIndex); ok {
		unit = i
	} else {
		b.addf(at(line, colUnit), "unknown unit %q", u)
	}
	comment = row.At(b.col.comment)
	if utf8.RuneCountInString(comment) > MaxComment {
		b.addf(at(line, colComment), "a comment may have at most %d characters", MaxComment)
	}
	indCode, optKey := row.At(b.col.indicator), row.At(b.col.option)
	if indCode == "" && optKey == "" && comment != "" {
		return unit, -1, -1, comment
	}
	if indCode == "" {
		b.addf(at(line, colIndicator), "indicator_code is empty")
	} else if i, ok := b.st.IndicatorIndex(indCode); ok {
		ind = i
	} else {
		b.addf(at(line, colIndicator), "unknown indicator %q", indCode)
	}
	if optKey == "" {
		b.addf(at(line, colOption), "option is empty")
	} else if i, ok := b.st.OptionIndex(optKey); ok {
		opt = i
	} else {
		b.addf(at(line, colOption), "unknown option %q", optKey)
	}
	return unit, ind, opt, comment
}

// sameFields checks a later row of a response against its first.
func (b *importBatch) sameFields(p *pendingResponse, f fields, line int) bool {
	ok := true
	differs := func(column string) {
		b.addf(at(line, column), "response %q has a different %s on line %d", p.ref, column, int(p.line))
		ok = false
	}
	if f.group != p.group {
		differs(colGroup)
	}
	if f.channel != p.channel {
		differs(colChannel)
	}
	if f.weight != p.weight {
		differs(colWeight)
	}
	if f.stratum != p.stratum {
		differs(colStratum)
	}
	if f.submittedAt != p.submittedAt {
		differs(colSubmitted)
	}
	if f.caseID != p.caseID {
		differs(colCase)
	}
	return ok
}

// finish checks what only the whole file shows (a unit rated twice on one
// indicator within a response, a response with no rating) and turns the
// problems into one error, in line order.
func (b *importBatch) finish() error {
	var ratings []packedRating
	for i := range b.responses {
		p := &b.responses[i]
		if len(p.ratings) == 0 {
			b.addf(at(int(p.line), colRef), "response %q rates no unit", p.ref)
			continue
		}
		ratings = b.unpack(p, ratings)
		for j := 1; j < len(ratings); j++ {
			a, c := ratings[j-1], ratings[j]
			if a.unit == c.unit && a.indicator == c.indicator {
				b.addf(at(int(c.line), colIndicator), "response %q rates unit %q on %q twice (first on line %d)",
					p.ref, b.st.Units[c.unit].Code, b.st.Indicators[c.indicator].Code, a.line)
			}
		}
	}
	if b.count == 0 {
		if len(b.responses) == 0 {
			return fault.Invalidf("the file holds no responses")
		}
		return nil
	}
	return fault.WithProblems(b.sortedProblems(), "the file has %d problems; nothing was imported", b.count)
}

func (b *importBatch) sortedProblems() []fault.Problem {
	sortLineProblems(b.problems)
	out := make([]fault.Problem, 0, len(b.problems)+1)
	for _, p := range b.problems {
		out = append(out, p.problem)
	}
	if b.count > len(b.problems) {
		out = append(out, fault.P("", "%d more problems are not listed", b.count-len(b.problems)))
	}
	return out
}

func sortRatings(rs []packedRating) {
	slices.SortFunc(rs, func(a, b packedRating) int {
		if a.unit != b.unit {
			return int(a.unit) - int(b.unit)
		}
		if a.indicator != b.indicator {
			return int(a.indicator) - int(b.indicator)
		}
		return int(a.line) - int(b.line)
	})
}

func sortLineProblems(ps []lineProblem) {
	slices.SortStableFunc(ps, func(a, b lineProblem) int { return cmp.Compare(a.line, b.line) })
}

func (b *importBatch) result() ImportResult {
	r := ImportResult{Responses: len(b.responses)}
	for _, p := range b.responses {
		r.Ratings += p.ratings.count()
		if p.comments != nil {
			r.Comments += len(*p.comments)
		}
	}
	return r
}

// refuseStoredRefs refuses the file if any of its refs is already in the
// campaign: a response is never doubled.
func (b *importBatch) refuseStoredRefs(tx *gorm.DB, campaignID int64) error {
	var problems []fault.Problem
	found := 0
	refs := make([]string, 0, insertBatch)
	for start := 0; start < len(b.responses); start += insertBatch {
		refs = refs[:0]
		for _, p := range b.responses[start:min(start+insertBatch, len(b.responses))] {
			refs = append(refs, p.ref)
		}
		var stored []string
		if err := tx.Model(&Response{}).Where("campaign_id = ? AND ref IN ?", campaignID, refs).Pluck("ref", &stored).Error; err != nil {
			return err
		}
		for _, ref := range stored {
			found++
			if len(problems) < maxListedProblems {
				p := b.responses[b.byRef[ref]]
				problems = append(problems, fault.P(at(int(p.line), colRef).String(), "response %q is already stored in this campaign", ref))
			}
		}
	}
	if found == 0 {
		return nil
	}
	if found > len(problems) {
		problems = append(problems, fault.P("", "%d more problems are not listed", found-len(problems)))
	}
	return fault.ConflictWithProblems(problems, "%d responses of the file are already stored in this campaign; nothing was imported", found)
}

// unpacked gives the file's responses, unpacked insertBatch at a time.
func (b *importBatch) unpacked(now time.Time) iter.Seq[[]NewResponse] {
	return func(yield func([]NewResponse) bool) {
		for start := 0; start < len(b.responses); start += insertBatch {
			if !yield(b.newResponses(start, now)) {
				return
			}
		}
	}
}

// newResponses unpacks insertBatch responses from start.
func (b *importBatch) newResponses(start int, now time.Time) []NewResponse {
	end := min(start+insertBatch, len(b.responses))
	out := make([]NewResponse, 0, end-start)
	var ratings []packedRating
	for i := range b.responses[start:end] {
		p := &b.responses[start+i]
		ratings = b.unpack(p, ratings)
		nr := NewResponse{Ref: p.ref, Group: int(p.group), Stratum: p.stratum, Weight: p.weight, Channel: Channels[p.channel],
			SubmittedAt: now, Ratings: make([]Rating, len(ratings))}
		if p.submittedAt != 0 {
			nr.SubmittedAt = time.UnixMicro(p.submittedAt).UTC()
		}
		for i, r := range ratings {
			nr.Ratings[i] = Rating{Unit: int(r.unit), Indicator: int(r.indicator), Option: int(r.option)}
		}
		if p.comments != nil {
			nr.Comments = map[int]string{}
			for _, c := range *p.comments {
				nr.Comments[c.unit] = c.body
			}
		}
		out = append(out, nr)
	}
	return out
}
