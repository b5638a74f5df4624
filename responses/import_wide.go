package responses

import (
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"pingyi/fault"
	"pingyi/i18n"
	"pingyi/survey"
	"pingyi/tabular"
)

// IsWide reports whether a file's header is the wide layout's (a form's
// reference as 问卷编号, no response_ref).
func IsWide(r *tabular.Reader) bool { return r.Has(wideRef) && !r.Has(colRef) }

// wideImport reads files in the wide layout: the paper template that
// matches the printed questionnaire, or a wide export. Its problems name
// the line and the column as printed: "第 3 行，市公安局·服务效率：…".
type wideImport struct {
	*importBatch
	cols    []WideColumn   // the file's rating and comment columns
	headers []string       // each one's name as the reader knows it
	answers string         // the scale's labels, for messages
	lines   map[string]int // the line of each form number, bad lines included
}

var wideKnown = []string{wideRef, wideGroup, wideChannel, wideWeight, wideStratum, wideSubmitted, wideExcluded}

// newWideImport checks the header: every column must be one the campaign's
// template has, so that a template of another campaign, or a header edited
// by hand, is refused before any row is read.
func newWideImport(b *importBatch, r *tabular.Reader) (*wideImport, error) {
	w := &wideImport{importBatch: b, lines: map[string]int{}}
	byName := map[string]WideColumn{}
	for _, c := range WideColumns(b.st) {
		byName[strings.ToLower(c.Header)] = c
	}
	var problems []fault.Problem
	if !r.Has(wideGroup) {
		problems = append(problems, fault.P("", "the file needs a %q column", wideGroup))
	}
	headers := r.Headers()
	slices.Sort(headers)
	for _, h := range headers {
		if c, ok := byName[h]; ok {
			w.cols, w.headers = append(w.cols, c), append(w.headers, h)
		} else if !slices.Contains(wideKnown, h) {
			problems = append(problems, fault.P("", "column %q is not a question of this campaign's questionnaire", h))
		}
	}
	if len(problems) > 0 {
		return nil, fault.WithProblems(problems, "the file cannot be read as responses")
	}
	labels := make([]string, len(b.st.Scale))
	for i, o := range b.st.Scale {
		labels[i] = o.Label
	}
	w.answers = strings.Join(labels, "、")
	return w, nil
}

// problem records a problem at a line and a column as printed.
func (w *wideImport) problem(line int, column string, reason i18n.Msg) {
	w.keep(line, fault.Problem{Reason: i18n.M("line %d, %s: %s", line, column, reason)})
}

// add reads one form. A row that holds nothing but its group (the
// template fills the group in ahead) is an unused line and is skipped.
func (w *wideImport) add(row tabular.Row) {
	line, bad := row.Line, w.count
	if w.onlyGroup(row) {
		return
	}
	ref := strings.Clone(row.Get(wideRef)) // kept: not the file's block of text it was cut from (tabular)
	switch {
	case ref == "":
		w.problem(line, wideRef, i18n.M("write the number printed on the form"))
	case len(ref) > 64:
		w.problem(line, wideRef, i18n.M("the number is longer than 64 characters"))
	}
	f := w.readWideFields(row)
	p := pendingResponse{ref: ref, line: int32(line), fields: f}
	for k, c := range w.cols {
		v := row.Get(w.headers[k])
		if v == "" {
			continue
		}
		if f.group >= 0 && !w.st.InScope(int(f.group), c.Unit) {
			w.problem(line, c.Header, i18n.M("unit %q is not among the units group %q rates", w.st.Units[c.Unit].Code, w.st.Groups[f.group].Code))
			continue
		}
		if c.Indicator < 0 {
			if utf8.RuneCountInString(v) > MaxComment {
				w.problem(line, c.Header, i18n.M("a comment may have at most %d characters", MaxComment))
			}
			if p.comments == nil {
				p.comments = &[]importedComment{}
			}
			*p.comments = append(*p.comments, importedComment{unit: c.Unit, line: line, body: strings.Clone(v)})
			continue
		}
		o, ok := w.st.OptionIndex(v)
		if !ok {
			w.problem(line, c.Header, i18n.M("%s is not one of the answers (%s)", v, w.answers))
			continue
		}
		w.logRating(&p, line, c.Unit, c.Indicator, o)
	}
	if first, seen := w.lines[ref]; seen && ref != "" {
		w.problem(line, wideRef, i18n.M("form %q was already keyed in on line %d", ref, first))
	} else {
		w.lines[ref] = line
	}
	if len(p.ratings) == 0 && w.count == bad {
		w.problem(line, wideRef, i18n.M("form %q rates no unit: key in its answers, or delete the line", ref))
	}
	if w.count > bad {
		return
	}
	w.byRef[ref] = len(w.responses)
	w.responses = append(w.responses, p)
}

func (w *wideImport) onlyGroup(row tabular.Row) bool {
	if row.Get(wideRef) != "" {
		return false
	}
	for _, h := range w.headers {
		if row.Get(h) != "" {
			return false
		}
	}
	return true
}

// readWideFields reads a form's group (name or code), channel (网上, 电话,
// 纸质 or the codes; paper by default), weight, stratum and time (Beijing
// time as the export writes it, or RFC 3339).
func (w *wideImport) readWideFields(row tabular.Row) fields {
	line := row.Line
	f := fields{group: -1, channel: uint8(slices.Index(Channels, Paper)), weight: 1}
	g := row.Get(wideGroup)
	if i, ok := groupByNameOrCode(w.st, g); ok {
		f.group = int16(i)
	} else if g == "" {
		w.problem(line, wideGroup, i18n.M("the group is empty"))
	} else {
		w.problem(line, wideGroup, i18n.M("unknown respondent group %q", g))
	}
	if ch := row.Get(wideChannel); ch != "" {
		f.channel = 255
		for i, c := range Channels {
			if ch == string(c) || ch == wideChannelNames[c] {
				f.channel = uint8(i)
			}
		}
		if f.channel == 255 {
			w.problem(line, wideChannel, i18n.M("write 网上, 电话 or 纸质"))
		}
	}
	if v := row.Get(wideWeight); v != "" {
		x, err := strconv.ParseFloat(v, 64)
		if err != nil || !(x > 0) || x > 1e12 {
			w.problem(line, wideWeight, i18n.M("weight must be a number above 0"))
		}
		f.weight = x
	}
	if st := row.Get(wideStratum); len(st) > 64 {
		w.problem(line, wideStratum, i18n.M("stratum is longer than 64 characters"))
	} else {
		f.stratum = strings.Clone(st)
	}
	if v := row.Get(wideSubmitted); v != "" {
		t, err := time.ParseInLocation(time.DateTime, v, i18n.China)
		if err != nil {
			t, err = time.Parse(time.RFC3339, v)
		}
		if err != nil {
			w.problem(line, wideSubmitted, i18n.M("write a time such as 2026-11-21 09:30:00 (Beijing time)"))
		}
		f.submittedAt = t.UnixMicro()
	}
	return f
}

func groupByNameOrCode(st *survey.Structure, key string) (int, bool) {
	if i, ok := st.GroupIndex(key); ok {
		return i, true
	}
	for i, g := range st.Groups {
		if g.Name == key {
			return i, true
		}
	}
	return 0, false
}
