package resultstest

import (
	"fmt"
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

func TestCheckShapeTakesComponents(t *testing.T) {
	rate := `{"rate":0.95,"numerator":38,"denominator":40,"weight":0.1,"counted":true}`
	none := `{"rate":null,"numerator":0,"denominator":0,"weight":0,"counted":false}`
	comp := `"components":{"survey":{"index":90,"se":10,"weight":0.8},"hotline":{"score":81,"weight":0.2,"cases":40,
"rates":{"response":` + rate + `,"on_time":` + rate + `,"resolution":` + rate + `,"satisfaction":` + rate + `,"settled":` + none + `}}},`
	good := `{"campaign":"c","run":1,"units":[{"unit_code":"U1","category":"a","index":88.2,"se":8,"ci_low":72.5,"ci_high":103.9,` + comp + `
"satisfaction_rate":0.96,"rank":1,"rank_low":1,"rank_high":1,"flags":[],"groups":{},"indicators":{}}]}`
	if err := CheckShape([]byte(good)); err != nil {
		t.Fatalf("a unit with components rejected: %v", err)
	}
	for name, bad := range map[string]string{
		"no hotline":         strings.Replace(good, `,"hotline":{"score":81`, `,"phone":{"score":81`, 1),
		"score as text":      strings.Replace(good, `"score":81`, `"score":"81"`, 1),
		"four rates":         strings.Replace(good, `,"settled":`+none, ``, 1),
		"rate without count": strings.Replace(good, `"numerator":0,`, ``, 1),
	} {
		if CheckShape([]byte(bad)) == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

func TestCheckShapeTakesStations(t *testing.T) {
	unit := `{"unit_code":"%s","category":"a","index":null,"se":null,"ci_low":null,"ci_high":null,"satisfaction_rate":null,
"rank":null,"rank_low":null,"rank_high":null,"flags":["insufficient_sample"],"groups":{},"indicators":{}%s}`
	good := `{"campaign":"c","run":1,"units":[` + fmt.Sprintf(unit, "D", `,"stations":{"count":2,"with_index":1,"mean":80.5,"min":80.5}`) + `,` +
		fmt.Sprintf(unit, "S", `,"parent":"D","level":2`) + `]}`
	if err := CheckShape([]byte(good)); err != nil {
		t.Fatalf("a department with its station rejected: %v", err)
	}
	for name, bad := range map[string]string{
		"parent without level":       strings.Replace(good, `,"level":2`, ``, 1),
		"a level-1 station":          strings.Replace(good, `"level":2`, `"level":1`, 1),
		"mean without index":         strings.Replace(good, `"with_index":1`, `"with_index":0`, 1),
		"more indexed than stations": strings.Replace(good, `"with_index":1`, `"with_index":3`, 1),
		"min missing":                strings.Replace(good, `,"min":80.5`, ``, 1),
	} {
		if CheckShape([]byte(bad)) == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}
