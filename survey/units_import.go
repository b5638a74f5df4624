package survey

import (
	"context"
	"errors"
	"io"
	"regexp"
	"strconv"

	"pingyi/audit"
	"pingyi/fault"
	"pingyi/tabular"
)

// unitColumns maps the header names clerks use, in English or Chinese, to
// the column each means.
var unitColumns = map[string][]string{
	"code":     {"code", "unit_code", "单位编码", "编码", "代码"},
	"name":     {"name", "unit_name", "单位名称", "名称"},
	"category": {"category", "类别", "分类", "单位类别"},
	"parent":   {"parent", "parent_code", "上级单位", "上级编码", "上级"},
}

// maxUnits bounds one campaign: Jinan's 128 departments and 3,700 stations
// fit with room to spare.
const maxUnits = 10000

// UnitImport says what an import did.
type UnitImport struct {
	Added, Updated int
}

// ImportUnits adds or updates the units listed in a CSV or XLSX file (codes
// already in the campaign are updated, others added, units not in the file
// kept). The category column may hold a category's code or name. The file
// is applied whole or not at all; every bad row is reported by line.
func (s *Store) ImportUnits(ctx context.Context, code string, src io.Reader, format tabular.Format, actor audit.Actor) (UnitImport, error) {
	r, err := tabular.Open(src, format)
	if err != nil {
		return UnitImport{}, err
	}
	defer r.Close()
	col := r.Columns(unitColumns)
	var missing []fault.Problem
	for _, need := range []string{"code", "name", "category"} {
		if col[need] == "" {
			missing = append(missing, fault.P("header", "the file needs a %q column (or one of %v)", need, unitColumns[need]))
		}
	}
	if len(missing) > 0 {
		return UnitImport{}, fault.WithProblems(missing, "the unit list cannot be read")
	}
	rows, err := readUnitRows(r, col)
	if err != nil {
		return UnitImport{}, err
	}
	var result UnitImport
	var lineOf map[int]int
	_, err = s.Update(ctx, code, actor, "units.import", func(d *Definition) error {
		result, lineOf = mergeUnits(d, rows)
		return nil
	})
	if e, ok := fault.As(err); ok && e.Kind == fault.Invalid {
		return UnitImport{}, onLines(e, lineOf)
	}
	return result, err
}

type unitRow struct {
	line int
	def  UnitDef
}

func readUnitRows(r *tabular.Reader, col map[string]string) ([]unitRow, error) {
	var rows []unitRow
	var problems []fault.Problem
	seen := map[string]int{}
	for {
		row, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		if len(rows) >= maxUnits {
			return nil, fault.Invalidf("the file lists more than %d units", maxUnits)
		}
		u := UnitDef{Code: row.Get(col["code"]), Name: row.Get(col["name"]), Category: row.Get(col["category"])}
		if p := row.Get(col["parent"]); p != "" {
			u.Parent = &p
		}
		at := "line " + strconv.Itoa(row.Line)
		if first, dup := seen[u.Code]; dup && u.Code != "" {
			problems = append(problems, fault.P(at, "unit code %q is listed twice (first on line %d)", u.Code, first))
		}
		seen[u.Code] = row.Line
		rows = append(rows, unitRow{line: row.Line, def: u})
	}
	if len(rows) == 0 {
		return nil, fault.Invalidf("the file lists no units")
	}
	if len(problems) > 0 {
		return nil, fault.WithProblems(problems, "the unit list has %d problems", len(problems))
	}
	return rows, nil
}

// mergeUnits applies the rows to a definition: rows with a known code
// replace that unit, the others are appended. Categories may be named. It
// returns which file line each touched unit came from.
func mergeUnits(d *Definition, rows []unitRow) (UnitImport, map[int]int) {
	byName := map[string]string{}
	for _, c := range d.Categories {
		byName[c.Name] = c.Code
	}
	index := map[string]int{}
	for i, u := range d.Units {
		index[u.Code] = i
	}
	var result UnitImport
	lineOf := map[int]int{}
	for _, row := range rows {
		u := row.def
		if code, ok := byName[u.Category]; ok {
			u.Category = code
		}
		i, ok := index[u.Code]
		if ok {
			d.Units[i] = u
			result.Updated++
		} else {
			i = len(d.Units)
			index[u.Code] = i
			d.Units = append(d.Units, u)
			result.Added++
		}
		lineOf[i] = row.line
	}
	return result, lineOf
}

var unitPath = regexp.MustCompile(`^units\[(\d+)\]\.?(.*)$`)

// onLines rewrites problems about units[i] into problems about the file
// line that unit came from, which is what the person uploading can fix.
func onLines(e *fault.Error, lineOf map[int]int) error {
	out := &fault.Error{Kind: e.Kind, Message: e.Message}
	for _, p := range e.Problems {
		if m := unitPath.FindStringSubmatch(p.Path); m != nil {
			i, _ := strconv.Atoi(m[1])
			if line, ok := lineOf[i]; ok {
				p.Path = "line " + strconv.Itoa(line)
				if m[2] != "" {
					p.Path += ", column " + m[2]
				}
			}
		}
		out.Problems = append(out.Problems, p)
	}
	return out
}
