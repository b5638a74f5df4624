// Package resultstest holds what tests of score results share: the check
// that a results document has SPEC.md's shape.
package resultstest

import (
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strings"
)

// CheckShape checks a score-results document against SPEC.md's "Score
// results" shape: the top-level keys, every unit's keys and their types,
// nulls together (a unit without an index has no se, interval, rate or
// ranks), each group's object. It returns every deviation at once, or nil.
// Tests use it on what the command line and the API print.
func CheckShape(doc []byte) error {
	var top map[string]json.RawMessage
	if err := json.Unmarshal(doc, &top); err != nil {
		return fmt.Errorf("not a JSON object: %v", err)
	}
	var errs []string
	bad := func(format string, args ...any) { errs = append(errs, fmt.Sprintf(format, args...)) }
	for _, k := range []string{"campaign", "run", "units"} {
		if _, ok := top[k]; !ok {
			bad("missing %q", k)
		}
	}
	var campaign string
	if json.Unmarshal(top["campaign"], &campaign) != nil || campaign == "" {
		bad("campaign is not a code")
	}
	var units []map[string]json.RawMessage
	if err := json.Unmarshal(top["units"], &units); err != nil {
		bad("units is not a list of objects")
	}
	for i, u := range units {
		checkUnit(fmt.Sprintf("units[%d]", i), u, bad)
	}
	if len(errs) > 0 {
		return fmt.Errorf("score results do not have SPEC's shape:\n  %s", strings.Join(errs, "\n  "))
	}
	return nil
}

var unitKeys = []string{"unit_code", "category", "index", "se", "ci_low", "ci_high", "satisfaction_rate",
	"rank", "rank_low", "rank_high", "flags", "groups", "indicators"}

// optionalKeys are a unit's keys that only some units carry: step 8's
// breakdown, a station's parent and level, and the summary of the stations
// of a unit with units directly below it.
var optionalKeys = map[string]bool{"components": true, "parent": true, "level": true, "stations": true}

func checkUnit(at string, u map[string]json.RawMessage, bad func(string, ...any)) {
	keys := make([]string, 0, len(u))
	for k := range u {
		if !optionalKeys[k] { // checked below
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	want := append([]string(nil), unitKeys...)
	sort.Strings(want)
	if strings.Join(keys, ",") != strings.Join(want, ",") {
		bad("%s has keys %v, want %v", at, keys, want)
		return
	}
	var code, category string
	if json.Unmarshal(u["unit_code"], &code) != nil || json.Unmarshal(u["category"], &category) != nil || code == "" {
		bad("%s: unit_code and category must be text", at)
	}
	hasIndex := !isNull(u["index"])
	for _, k := range []string{"index", "se", "ci_low", "ci_high", "satisfaction_rate"} {
		if isNull(u[k]) == hasIndex {
			bad("%s.%s is %s while index is %s", at, k, nullity(u[k]), nullity(u["index"]))
		} else if !isNull(u[k]) && !isNumber(u[k]) {
			bad("%s.%s is not a number", at, k)
		}
	}
	if isNull(u["rank"]) == hasIndex {
		bad("%s.rank is %s while index is %s", at, nullity(u["rank"]), nullity(u["index"]))
	}
	for _, k := range []string{"rank", "rank_low", "rank_high"} {
		if !isNull(u[k]) && !isWhole(u[k]) {
			bad("%s.%s is not a whole number", at, k)
		}
	}
	var flags []string
	if json.Unmarshal(u["flags"], &flags) != nil || flags == nil {
		bad("%s.flags is not a list of text", at)
	}
	var groups map[string]map[string]json.RawMessage
	if json.Unmarshal(u["groups"], &groups) != nil || groups == nil {
		bad("%s.groups is not an object", at)
	}
	for g, v := range groups {
		for _, k := range []string{"score", "se", "satisfaction_rate"} {
			if !isNumber(v[k]) {
				bad("%s.groups.%s.%s is not a number", at, g, k)
			}
		}
		var counted bool
		if !isWhole(v["n"]) || json.Unmarshal(v["counted"], &counted) != nil || len(v) != 5 {
			bad("%s.groups.%s must hold score, se, n, satisfaction_rate and counted", at, g)
		}
	}
	if c, ok := u["components"]; ok {
		checkComponents(at+".components", c, bad)
	}
	checkLevel(at, u, bad)
	var indicators map[string]json.RawMessage
	if json.Unmarshal(u["indicators"], &indicators) != nil || indicators == nil {
		bad("%s.indicators is not an object", at)
	}
	for k, v := range indicators {
		if !isNull(v) && !isNumber(v) {
			bad("%s.indicators.%s is neither a number nor null", at, k)
		}
	}
}

// checkLevel checks a station's parent and level (both or neither; a
// station is at level 2 or below) and a unit's stations summary: count and
// with_index whole, mean and min numbers exactly when some station has an
// index.
func checkLevel(at string, u map[string]json.RawMessage, bad func(string, ...any)) {
	_, hasParent := u["parent"]
	_, hasLevel := u["level"]
	var parent string
	var level int
	if hasParent != hasLevel || (hasParent && (json.Unmarshal(u["parent"], &parent) != nil || parent == "" ||
		json.Unmarshal(u["level"], &level) != nil || level < 2)) {
		bad("%s: a station carries its parent's code and its level (2 or more), a department neither", at)
	}
	raw, ok := u["stations"]
	if !ok {
		return
	}
	var s map[string]json.RawMessage
	var count, with int
	if json.Unmarshal(raw, &s) != nil || len(s) != 4 || json.Unmarshal(s["count"], &count) != nil ||
		json.Unmarshal(s["with_index"], &with) != nil || count < 1 || with < 0 || with > count {
		bad("%s.stations must hold count, with_index, mean and min", at)
		return
	}
	for _, k := range []string{"mean", "min"} {
		if number := !isNull(s[k]) && isNumber(s[k]); number != (with > 0) {
			bad("%s.stations.%s is %s with %d stations indexed", at, k, nullity(s[k]), with)
		}
	}
}

// checkComponents checks a unit's step 8 breakdown (SPEC Scoring): the
// survey's index, se and weight; the hotline's score, weight, cases and
// its five rates, each with its counts.
func checkComponents(at string, raw json.RawMessage, bad func(string, ...any)) {
	var c struct {
		Survey  map[string]json.RawMessage `json:"survey"`
		Hotline map[string]json.RawMessage `json:"hotline"`
	}
	if json.Unmarshal(raw, &c) != nil || c.Survey == nil || c.Hotline == nil {
		bad("%s must hold survey and hotline", at)
		return
	}
	if len(c.Survey) != 3 || !isNumber(c.Survey["weight"]) || isNull(c.Survey["index"]) != isNull(c.Survey["se"]) {
		bad("%s.survey must hold index, se and weight", at)
	}
	if len(c.Hotline) != 4 || !isNumber(c.Hotline["weight"]) || !isWhole(c.Hotline["cases"]) || !(isNull(c.Hotline["score"]) || isNumber(c.Hotline["score"])) {
		bad("%s.hotline must hold score, weight, cases and rates", at)
	}
	var rates map[string]map[string]json.RawMessage
	if json.Unmarshal(c.Hotline["rates"], &rates) != nil || len(rates) != 5 {
		bad("%s.hotline.rates must hold the five rates", at)
	}
	for name, r := range rates {
		var counted bool
		if len(r) != 5 || !isWhole(r["numerator"]) || !isWhole(r["denominator"]) || !isNumber(r["weight"]) ||
			json.Unmarshal(r["counted"], &counted) != nil || !(isNull(r["rate"]) || isNumber(r["rate"])) {
			bad("%s.hotline.rates.%s must hold rate, numerator, denominator, weight and counted", at, name)
		}
	}
}

func isNull(v json.RawMessage) bool { return v == nil || string(v) == "null" }

func nullity(v json.RawMessage) string {
	if isNull(v) {
		return "null"
	}
	return "set"
}

func isNumber(v json.RawMessage) bool {
	var x float64
	return json.Unmarshal(v, &x) == nil && !math.IsNaN(x) && !math.IsInf(x, 0)
}

func isWhole(v json.RawMessage) bool {
	var x int64
	return json.Unmarshal(v, &x) == nil
}
