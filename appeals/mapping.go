package appeals

import (
	"bytes"
	"encoding/json"
	"sort"
	"strings"

	"pingyi/fault"
)

// ParseMapping reads an import's column mapping: a JSON object from a
// header of the platform's file to the column it means (English or Chinese
// name of SPEC's table), such as {"单号": "case_no"}. Blank text is no
// mapping; a column SPEC does not have is refused, named.
func ParseMapping(raw []byte) (map[string]string, error) {
	if len(bytes.TrimSpace(raw)) == 0 {
		return nil, nil
	}
	var m map[string]string
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, fault.Invalidf(`the column mapping must be a JSON object from the file's header to the column, such as {"单号": "case_no"}`)
	}
	var problems []fault.Problem
	headers := make([]string, 0, len(m))
	for h := range m {
		headers = append(headers, h)
	}
	sort.Strings(headers)
	for _, h := range headers {
		to := strings.TrimSpace(m[h])
		known := false
		for _, c := range importColumns {
			known = known || to == c[0] || to == c[1]
		}
		if !known {
			problems = append(problems, fault.P("mapping."+h, "no column is called %q", to))
		}
		m[h] = to
	}
	if len(problems) > 0 {
		return nil, fault.WithProblems(problems, "the column mapping names columns the import does not know")
	}
	return m, nil
}
