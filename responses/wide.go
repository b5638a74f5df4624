package responses

import (
	"context"
	"strconv"
	"strings"
	"time"

	"pingyi/i18n"
	"pingyi/survey"
	"pingyi/tabular"
)

// The wide layout is how people open survey data: one row per response,
// one column per unit × indicator (and one for each unit's comment), with
// Chinese headers as the printed questionnaire words them. The committee's
// export and the paper channel's import template share it, so that what
// is keyed in from paper reads like what is exported.
const (
	wideRef       = "问卷编号"
	wideGroup     = "群体"
	wideChannel   = "渠道"
	wideWeight    = "权重"
	wideStratum   = "分层"
	wideSubmitted = "提交时间"
	wideExcluded  = "已剔除"
	wideComment   = "意见建议"
)

// wideChannelNames are the channels as the wide layout writes them (as
// the pages name them); an import takes these or the codes.
var wideChannelNames = map[Channel]string{Web: "网上", Phone: "电话", Paper: "纸质"}

// WideColumn is one rating or comment column of the wide layout.
type WideColumn struct {
	Header    string
	Unit      int
	Indicator int // -1: the unit's comment
}

// FormOrder is the units in the order the form shows and prints them:
// category by category.
func FormOrder(st *survey.Structure) []survey.Unit {
	var out []survey.Unit
	for _, units := range st.UnitsByCategory() {
		out = append(out, units...)
	}
	return out
}

// WideColumns are the rating and comment columns of a campaign, unit by
// unit in the form's order (FormOrder): each indicator, then the comment. A unit
// is named as printed ("市公安局·服务效率"); a name that two units share
// carries its code, so that every header names one place.
func WideColumns(st *survey.Structure) []WideColumn {
	names := map[string]int{}
	for _, u := range st.Units {
		names[u.Name]++
	}
	out := make([]WideColumn, 0, len(st.Units)*(len(st.Indicators)+1))
	for _, unit := range FormOrder(st) {
		u, _ := st.UnitIndex(unit.Code)
		label := unit.Name
		if names[unit.Name] > 1 {
			label += "（" + unit.Code + "）"
		}
		for i, ind := range st.Indicators {
			out = append(out, WideColumn{Header: label + "·" + ind.Name, Unit: u, Indicator: i})
		}
		out = append(out, WideColumn{Header: label + "·" + wideComment, Unit: u, Indicator: -1})
	}
	return out
}

// WideFixed is how many leading columns a wide export repeats on each of
// its sheets.
const WideFixed = 7

// ExportWide writes every response of a campaign, one row each: its
// reference, group, channel, weight, stratum, time (Beijing) and
// exclusion, then each rating's option label and each comment. Like
// ExportResponses it reads a page of responses at a time and carries no
// personal data.
func (s *Store) ExportWide(ctx context.Context, code string, w RowWriter) error {
	st, err := s.surveys.Structure(ctx, code)
	if err != nil {
		return err
	}
	cols := WideColumns(st)
	header := []string{wideRef, wideGroup, wideChannel, wideWeight, wideStratum, wideSubmitted, wideExcluded}
	// at[u*(n+1)+i] is the column of unit u's indicator i (i = n: comment).
	n := len(st.Indicators)
	at := make([]int, len(st.Units)*(n+1))
	for c, col := range cols {
		header = append(header, col.Header)
		i := col.Indicator
		if i < 0 {
			i = n
		}
		at[col.Unit*(n+1)+i] = WideFixed + c
	}
	if err := w.Write(header); err != nil {
		return err
	}
	groupName := map[int64]string{}
	for _, g := range st.Groups {
		groupName[g.ID] = g.Name
	}
	row := make([]string, len(header))
	return s.eachResponse(ctx, st, func(r Response, ratings []Rating, comments map[int]string, excluded bool) error {
		clear(row)
		copy(row, []string{r.Ref, groupName[r.GroupID], wideChannelNames[r.Channel], strconv.FormatFloat(r.Weight, 'f', -1, 64),
			r.Stratum, r.SubmittedAt.In(i18n.China).Format(time.DateTime), yesNo(excluded)})
		for _, rt := range ratings {
			row[at[rt.Unit*(n+1)+rt.Indicator]] = st.Scale[rt.Option].Label
		}
		for u, body := range comments {
			row[at[u*(n+1)+n]] = body
		}
		return w.Write(row)
	})
}

func yesNo(b bool) string {
	if b {
		return "是"
	}
	return "否"
}

// PaperTemplate is the XLSX that paper forms of group g are keyed into:
// the wide layout's form number and group (filled in ahead), then each
// unit × indicator as the questionnaire prints it, each offering the
// scale's answers, and each unit's comment. ImportResponses reads it back.
func PaperTemplate(st *survey.Structure, g int) tabular.Template {
	labels := make([]string, len(st.Scale))
	for i, o := range st.Scale {
		labels[i] = o.Label
	}
	t := tabular.Template{Sheet: "问卷录入", NotesSheet: "填写说明", Header: []string{wideRef, wideGroup},
		Fill: map[int]string{1: st.Groups[g].Name}, Lists: map[int][]string{}, Rows: paperTemplateRows,
		Notes: []string{
			st.Campaign.Name + " · " + st.Groups[g].Name + " · 纸质问卷录入表",
			"每一行录入一份纸质问卷；群体一栏已预先填好，未使用的行保持原样即可。",
			"问卷编号：抄录问卷右上角的编号，同一次测评内不得重复。",
			"各“单位·项目”栏：选择问卷上勾选的答案（" + strings.Join(labels, "、") + "），未勾选的留空。",
			"各“单位·意见建议”栏：照录问卷上的文字。",
			"录完后保存为 .xlsx，在“导入纸质问卷”页面上传；有错误时整份文件都不导入，并逐条列出行号和栏目。",
		}}
	for _, c := range WideColumns(st) {
		if c.Indicator >= 0 {
			t.Lists[len(t.Header)] = labels
		}
		t.Header = append(t.Header, c.Header)
	}
	return t
}

// paperTemplateRows is how many lines a template prepares: a day's forms
// for one clerk; more lines can be copied down.
const paperTemplateRows = 500
