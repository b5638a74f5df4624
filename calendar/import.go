package calendar

import (
	"context"
	"errors"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"

	"pingyi/audit"
	"pingyi/fault"
	"pingyi/storage"
	"pingyi/tabular"
)

// columns maps the header names of a notice file, English or Chinese, to
// the column each means.
var columns = map[string][]string{
	"date": {"date", "日期"},
	"kind": {"kind", "类型"},
	"name": {"name", "名称"},
}

// kinds maps what clerks write in the kind column to holiday or workday.
var kinds = map[string]string{
	"holiday": kindHoliday, "放假": kindHoliday, "休": kindHoliday,
	"workday": kindWorkday, "上班": kindWorkday, "班": kindWorkday,
}

// dateLayouts are the ways a date is written in a notice file; Go's "1"
// and "2" read one digit or two.
var dateLayouts = []string{"2006-1-2", "2006/1/2", "2006.1.2", "2006年1月2日"}

const (
	// maxDays bounds a file: a year's notice lists some forty days.
	maxDays = 2000
	// A notice's year lies in this span, which bounds the table Load
	// builds.
	firstImportYear, lastImportYear = 2000, 2100
	maxName                         = 32
)

// Imported says what an import did.
type Imported struct {
	Years    []int // the years the file holds, each now exactly its notice
	Replaced []int // those of them that were known before (library or import)
	Holidays int
	Workdays int
}

// Import loads one or more years' notices from a CSV or XLSX file of
// `date,kind,name` rows (headers also 日期,类型,名称). Each year the file
// holds replaces, entirely, what the library or an earlier import said of
// it. The file is applied whole or not at all, and every bad row is named.
func (c *Calendar) Import(ctx context.Context, src io.Reader, format tabular.Format, actor audit.Actor) (Imported, error) {
	days, err := readNotice(src, format)
	if err != nil {
		return Imported{}, err
	}
	byYear := map[int][]importedDay{}
	for _, d := range days {
		byYear[d.Year] = append(byYear[d.Year], d)
	}
	var result Imported
	for y := range byYear {
		result.Years = append(result.Years, y)
	}
	slices.Sort(result.Years)
	err = c.db.Tx(ctx, func(tx *gorm.DB) error {
		var before []int
		if err := tx.Model(&importedYear{}).Where("year IN ?", result.Years).Pluck("year", &before).Error; err != nil {
			return err
		}
		for _, y := range result.Years {
			if _, inLibrary := libraryNotices()[y]; inLibrary || slices.Contains(before, y) {
				result.Replaced = append(result.Replaced, y)
			}
		}
		if err := tx.Where("year IN ?", result.Years).Delete(&importedDay{}).Error; err != nil {
			return err
		}
		if err := tx.Where("year IN ?", result.Years).Delete(&importedYear{}).Error; err != nil {
			return err
		}
		at := c.db.Now()
		for _, y := range result.Years {
			row := importedYear{Year: y, ImportedAt: at, ImportedBy: actor.Login}
			for _, d := range byYear[y] {
				if d.Kind == kindHoliday {
					row.Holidays++
				} else {
					row.Workdays++
				}
			}
			result.Holidays += row.Holidays
			result.Workdays += row.Workdays
			if err := tx.Create(&row).Error; err != nil {
				return err
			}
		}
		// Four parameters a row: 200 rows keep a statement well under the
		// thousand SQLite binds quickly.
		if err := tx.CreateInBatches(days, 200).Error; err != nil {
			return err
		}
		return c.log.Append(tx, audit.Entry{Actor: actor, Action: "calendar.import",
			Object: "calendar:" + yearList(result.Years),
			Detail: map[string]any{"years": result.Years, "replaced": result.Replaced,
				"holidays": result.Holidays, "workdays": result.Workdays}})
	})
	if storage.IsDuplicate(err) {
		// Two imports of one year at once: the other one's rows won.
		return Imported{}, fault.Conflictf("another import changed the same years at the same moment; import the file again")
	}
	if err != nil {
		return Imported{}, err
	}
	return result, nil
}

func yearList(years []int) string {
	s := make([]string, len(years))
	for i, y := range years {
		s[i] = strconv.Itoa(y)
	}
	return strings.Join(s, ",")
}

// readNotice reads and checks every row of a notice file, and returns its
// days only if every row is good.
func readNotice(src io.Reader, format tabular.Format) ([]importedDay, error) {
	r, err := tabular.Open(src, format)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	col := r.Columns(columns)
	var problems []fault.Problem
	for _, need := range []string{"date", "kind"} {
		if col[need] == "" {
			problems = append(problems, fault.P("header", "the file needs a %q column (or one of %v)", need, columns[need]))
		}
	}
	if len(problems) > 0 {
		return nil, fault.WithProblems(problems, "the calendar file cannot be read")
	}
	var days []importedDay
	firstLine := map[string]int{}
	for {
		row, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		if len(days) >= maxDays {
			return nil, fault.Invalidf("the file lists more than %d days", maxDays)
		}
		day, rowProblems := readDay(row, col)
		if first, dup := firstLine[day.Day]; dup && day.Day != "" {
			rowProblems = append(rowProblems, fault.P(cell(row, col, "date"), "%s is listed twice (first on line %d)", day.Day, first))
		} else if day.Day != "" {
			firstLine[day.Day] = row.Line
		}
		problems = append(problems, rowProblems...)
		days = append(days, day)
	}
	if len(problems) > 0 {
		return nil, fault.WithProblems(problems, "the calendar file has %d problems; nothing was imported", len(problems))
	}
	if len(days) == 0 {
		return nil, fault.Invalidf("the file lists no days")
	}
	return days, nil
}

// readDay reads one row; its Day is empty when the date is unreadable.
func readDay(row tabular.Row, col map[string]string) (importedDay, []fault.Problem) {
	var problems []fault.Problem
	for _, c := range []string{"date", "kind", "name"} {
		if col[c] != "" && !utf8.ValidString(row.Get(col[c])) {
			problems = append(problems, fault.P(cell(row, col, c), "the cell is not UTF-8 text"))
		}
	}
	if len(problems) > 0 {
		return importedDay{}, problems
	}
	var day importedDay
	rawDate := row.Get(col["date"])
	date, ok := parseDate(rawDate)
	switch {
	case rawDate == "":
		problems = append(problems, fault.P(cell(row, col, "date"), "the date is missing"))
	case !ok:
		problems = append(problems, fault.P(cell(row, col, "date"), "%q is not a date (write it as 2025-10-01)", rawDate))
	case date.Year() < firstImportYear || date.Year() > lastImportYear:
		problems = append(problems, fault.P(cell(row, col, "date"), "%s lies outside the years %d–%d", date.Format(time.DateOnly), firstImportYear, lastImportYear))
	default:
		day.Day, day.Year = date.Format(time.DateOnly), date.Year()
	}
	rawKind := row.Get(col["kind"])
	day.Kind = kinds[strings.ToLower(rawKind)]
	if day.Kind == "" {
		problems = append(problems, fault.P(cell(row, col, "kind"), "%q is not a kind of day: write holiday (放假, 休) or workday (上班, 班)", rawKind))
	}
	if day.Kind == kindWorkday && day.Day != "" && date.Weekday() != time.Saturday && date.Weekday() != time.Sunday {
		problems = append(problems, fault.P(cell(row, col, "kind"), "%s is not a Saturday or Sunday: only a weekend day can be an adjusted working day", day.Day))
	}
	day.Name = row.Get(col["name"])
	if utf8.RuneCountInString(day.Name) > maxName {
		problems = append(problems, fault.P(cell(row, col, "name"), "the name is longer than %d characters", maxName))
	}
	return day, problems
}

// cell names a cell as the person uploading sees it: its line and the
// header the file uses.
func cell(row tabular.Row, col map[string]string, c string) string {
	return "line " + strconv.Itoa(row.Line) + ", column " + col[c]
}

func parseDate(s string) (time.Time, bool) {
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}
