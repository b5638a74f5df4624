package resultstest

import (
	"strings"
	"testing"
)

func TestCheckShapeCatchesDeviations(t *testing.T) {
	good := `{"campaign":"c","run":1,"units":[{"unit_code":"U1","category":"a","index":91.3,"se":0.8,"ci_low":89.7,"ci_high":92.9,
"satisfaction_rate":0.96,"rank":1,"rank_low":1,"rank_high":2,"flags":[],"groups":{"public":{"score":92.1,"se":1.02,"n":311,"satisfaction_rate":0.97,"counted":true}},
"indicators":{"efficiency":90.2,"overall":null}},{"unit_code":"U2","category":"a","index":null,"se":null,"ci_low":null,"ci_high":null,
"satisfaction_rate":null,"rank":null,"rank_low":null,"rank_high":null,"flags":["insufficient_sample"],"groups":{},"indicators":{"efficiency":null}}]}`
	if err := CheckShape([]byte(good)); err != nil {
		t.Fatalf("SPEC's own example rejected: %v", err)
	}
	for name, bad := range map[string]string{
		"missing run":       `{"campaign":"c","units":[]}`,
		"index without se":  strings.Replace(good, `"se":0.8`, `"se":null`, 1),
		"rank as text":      strings.Replace(good, `"rank":1`, `"rank":"1"`, 1),
		"extra unit key":    strings.Replace(good, `"flags":[]`, `"flags":[],"note":"x"`, 1),
		"group without n":   strings.Replace(good, `"n":311,`, ``, 1),
		"flags null":        strings.Replace(good, `"flags":[]`, `"flags":null`, 1),
		"indicator as text": strings.Replace(good, `"efficiency":90.2`, `"efficiency":"90.2"`, 1),
	} {
		if CheckShape([]byte(bad)) == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}
