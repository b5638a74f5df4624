package appeals

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"pingyi/fault"
	"pingyi/i18n"
	"pingyi/tabular"
)

// importColumns are SPEC's columns: the English name, then the Chinese.
var importColumns = [][2]string{
	{"case_no", "工单编号"}, {"received_at", "受理时间"}, {"unit", "承办单位"},
	{"type", "诉求类型"}, {"content", "诉求内容"}, {"deadline", "办理时限"},
	{"complexity", "难易程度"}, {"accepted_at", "签收时间"}, {"extended_to", "延期至"},
	{"replied_at", "办结时间"}, {"resolved", "是否解决"}, {"callback", "回访结果"},
}

// columnAliases lists, per column, the headers that name it: its English
// and Chinese names and whatever the mapping renames to either.
func columnAliases(mapping map[string]string) map[string][]string {
	out := map[string][]string{}
	for _, c := range importColumns {
		out[c[0]] = []string{c[0], strings.ToLower(c[1])}
	}
	for header, to := range mapping {
		for _, c := range importColumns {
			if to == c[0] || to == c[1] {
				out[c[0]] = append([]string{strings.ToLower(strings.TrimSpace(header))}, out[c[0]]...)
			}
		}
	}
	return out
}

// importedCase is the part of a case a platform's row sets.
type importedCase struct {
	Source              string
	SourceNo            string
	Channel             string
	Kind                string
	Complexity          string
	Content             string
	Status              string
	ReceivedAt          time.Time
	ReceivedMonth       int
	Unit                *string
	AssignedAt          *time.Time
	AcceptBy            *time.Time
	AcceptedAt          *time.Time
	Deadline            *time.Time
	DeadlineProvisional bool
	Extension           *string
	ExtensionTo         *time.Time
	ExtensionAt         *time.Time
	FirstRepliedAt      *time.Time
	FirstResolved       *bool
	RepliedAt           *time.Time
	Resolved            *bool
	ReviewUntil         *time.Time
	Callback            *string
	CallbackAt          *time.Time
	UnknownStages       int
	Marks               rateMarks
	CreatedAt           time.Time
	UpdatedAt           time.Time
}

// updatedOnReimport are the columns a second import of a case replaces;
// its id, number, password and reviews stay.
var updatedOnReimport = []string{"kind", "complexity", "content", "status", "received_at", "received_month",
	"unit", "assigned_at", "accept_by", "accepted_at", "deadline", "deadline_provisional", "extension",
	"extension_to", "extension_at", "first_replied_at", "first_resolved", "replied_at", "resolved",
	"review_until", "callback", "callback_at", "unknown_stages", "updated_at",
	"received_us", "assigned_us", "response_den_us", "response_num_us", "on_time_den_us", "on_time_num_us",
	"resolution_den_us", "resolution_num_us", "callback_us", "callback_score", "prev_callback_us",
	"prev_callback_score", "settled_den_us", "settled_num_us", "final_us", "pattern"}

// rowReader turns a file's rows into cases, naming what is wrong with each.
type rowReader struct {
	mapping map[string]string // the file's header -> SPEC's column name
	cols    map[string]string // column -> the header the file uses; absent when the file lacks it
	units   *units
	days    WorkingDays
	cfg     Config
	source  string
	now     time.Time
	unknown int // the stages the file has no column for
}

func (r *rowReader) has(col string) bool { _, ok := r.cols[col]; return ok }

func (r *rowReader) get(row tabular.Row, col string) string {
	h, ok := r.cols[col]
	if !ok {
		return ""
	}
	return row.Get(h)
}

// parse reads one row; problems name the row's line and the column.
func (r *rowReader) parse(row tabular.Row) (importedCase, []fault.Problem) {
	var problems []fault.Problem
	where := func(col string) string { return fmt.Sprintf("line %d, column %s", row.Line, r.cols[col]) }
	bad := func(p fault.Problem) { problems = append(problems, p) }
	c := importedCase{Source: r.source, Channel: "import", Complexity: Simple, UnknownStages: r.unknown,
		CreatedAt: r.now, UpdatedAt: r.now}
	c.SourceNo = r.get(row, "case_no")
	if c.SourceNo == "" {
		bad(fault.P(where("case_no"), "the case number is empty"))
	} else if utf8.RuneCountInString(c.SourceNo) > 64 {
		bad(fault.P(where("case_no"), "the case number is longer than %d characters", 64))
	}
	received, ok := parseTime(r.get(row, "received_at"))
	if !ok {
		bad(fault.P(where("received_at"), "%q is not a date and time such as 2026-03-05 14:30", r.get(row, "received_at")))
	}
	c.ReceivedAt, c.ReceivedMonth = received, month(received)
	if unit, ok := r.units.find(r.get(row, "unit")); ok {
		c.Unit = &unit
	} else {
		bad(fault.P(where("unit"), "no unit in the register has the code or name %q", r.get(row, "unit")))
	}
	if v := r.get(row, "type"); v != "" {
		if c.Kind, ok = kindNames[v]; !ok {
			bad(fault.P(where("type"), "the type must be one of 咨询, 求助, 投诉, 举报, 建议"))
		}
	}
	c.Content = r.get(row, "content")
	switch r.get(row, "complexity") {
	case "", "简单", Simple:
	case "复杂", Complex:
		c.Complexity = Complex
	default:
		bad(fault.P(where("complexity"), "the complexity must be 简单 or 复杂 (simple or complex)"))
	}
	optionalTime := func(col string) *time.Time {
		v := r.get(row, col)
		if v == "" {
			return nil
		}
		t, ok := parseTime(v)
		if !ok {
			bad(fault.P(where(col), "%q is not a date and time such as 2026-03-05 14:30", v))
			return nil
		}
		if t.Before(received) {
			bad(fault.P(where(col), "%s is before the case was received", v))
		}
		return &t
	}
	c.Deadline = dayEndIfDate(optionalTime("deadline"), r.get(row, "deadline"))
	c.AcceptedAt = optionalTime("accepted_at")
	c.ExtensionTo = dayEndIfDate(optionalTime("extended_to"), r.get(row, "extended_to"))
	c.RepliedAt = optionalTime("replied_at")
	switch v := r.get(row, "resolved"); v {
	case "是", "yes", "Y", "y":
		c.Resolved = ptr(true)
	case "否", "no", "N", "n", "":
		c.Resolved = ptr(false)
	default:
		bad(fault.P(where("resolved"), "whether it was resolved must be 是 or 否 (yes or no)"))
	}
	if v := r.get(row, "callback"); v != "" {
		code, ok := callbackNames[v]
		if !ok {
			bad(fault.P(where("callback"), "the callback result must be 满意, 基本满意, 不满意 or 未联系上"))
		}
		c.Callback = &code
	}
	if len(problems) > 0 {
		return c, problems
	}
	r.settle(&c)
	return c, nil
}

// settle derives what the ledger keeps from what the platform gave: the
// acceptance limit counts from the day of receipt, the deadline from the
// complexity when the file gives none.
func (r *rowReader) settle(c *importedCase) {
	c.AssignedAt = &c.ReceivedAt
	acceptBy, p1 := r.days.AddWorkingDays(c.ReceivedAt, 1)
	c.AcceptBy = &acceptBy
	if c.Deadline == nil {
		days := r.cfg.SimpleDays
		if c.Complexity == Complex {
			days = r.cfg.ComplexDays
		}
		d, p2 := r.days.AddWorkingDays(c.ReceivedAt, days)
		c.Deadline, c.DeadlineProvisional = &d, p1 || p2
	}
	if c.ExtensionTo != nil {
		c.Extension, c.ExtensionAt = ptr(ExtensionApproved), &c.ReceivedAt
	}
	c.Status = StatusAssigned
	if c.AcceptedAt != nil {
		c.Status = StatusAccepted
	}
	if c.RepliedAt != nil {
		c.Status = StatusReplied
		c.FirstRepliedAt, c.FirstResolved = c.RepliedAt, c.Resolved
		until, _ := r.days.PeriodEnd(*c.RepliedAt, r.cfg.ReviewDays)
		c.ReviewUntil = &until
		if c.Callback != nil {
			c.CallbackAt = c.RepliedAt // the platform gives no callback time: the reply's is the earliest it can be
		}
	} else {
		c.Resolved, c.Callback = nil, nil // no reply, so neither resolved nor called back
	}
	c.setMarks()
}

// dayEndIfDate reads a deadline written as a date alone as the end of
// that day.
func dayEndIfDate(t *time.Time, cell string) *time.Time {
	if t != nil && len(cell) <= len("2006-01-02") {
		return ptr(endOfDay(*t))
	}
	return t
}

var timeLayouts = []string{"2006-01-02 15:04:05", "2006-01-02 15:04", "2006/1/2 15:04:05", "2006/1/2 15:04",
	"2006-01-02T15:04:05", "2006-01-02", "2006/1/2"}

// parseTime reads a platform's date and time: China time unless it carries
// an offset.
func parseTime(v string) (time.Time, bool) {
	if t, err := time.Parse(time.RFC3339, v); err == nil {
		return t.UTC().Truncate(time.Microsecond), true
	}
	for _, l := range timeLayouts {
		if t, err := time.ParseInLocation(l, v, i18n.China); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}
