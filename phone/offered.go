package phone

import (
	"strconv"
	"strings"

	"pingyi/fault"
	"pingyi/sampling"
)

// OfferedOutcome is an outcome the console offers an operator. Key is the
// access key of the quick ones (Alt+Shift+digit in most browsers); empty
// for the rest.
type OfferedOutcome struct {
	sampling.Disposition
	Key string
}

// quickOutcomes are the outcomes of most calls, one key each.
var quickOutcomes = []struct{ code, key string }{
	{"3.13", "1"}, {"3.12", "2"}, {"2.21", "3"}, {"2.11", "4"}, {"2.12", "5"},
	{"4.31", "6"}, {"4.32", "7"}, {"3.14", "8"}, {"4.51", "9"}, {"4.70", "0"},
}

// OperatorOutcomes are the AAPOR outcomes an operator may record by hand:
// the quick ones first, then the rest of the table. Completes and partials
// are recorded by submitting the interview, and a filled quota is not the
// operator's to declare.
func OperatorOutcomes() (quick, others []OfferedOutcome) {
	seen := map[string]bool{}
	for _, q := range quickOutcomes {
		d, _ := sampling.LookupDisposition(q.code)
		quick = append(quick, OfferedOutcome{Disposition: d, Key: q.key})
		seen[q.code] = true
	}
	for _, d := range sampling.Dispositions() {
		if !seen[d.Code] && d.Code != codeComplete && d.Code != codePartial && d.Code != codeQuotaFilled {
			others = append(others, OfferedOutcome{Disposition: d})
		}
	}
	return quick, others
}

// ParseE reads the e of the rate tables as typed; empty means each
// table's own estimate.
func ParseE(raw string) (*float64, error) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return nil, nil
	}
	e, err := strconv.ParseFloat(raw, 64)
	if err != nil {
		return nil, fault.WithProblems([]fault.Problem{fault.P("e", "e must be between 0 and 1")}, "the rates cannot be computed")
	}
	return &e, nil
}
