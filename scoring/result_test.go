package scoring

import (
	"bytes"
	"encoding/json"
	"slices"
	"testing"
)

// TestUnitResultJSONShape pins the SPEC's "Score results" unit object: key
// order, nulls, [] for no flags and {} for no groups.
func TestUnitResultJSONShape(t *testing.T) {
	cfg := tinyConfig()
	rs := []Response{
		resp("r1", 0, 1, rateAll(unitA1, optA)...), resp("r2", 0, 1, rateAll(unitA1, optB)...),
	}
	res := mustRun(t, cfg, rs)

	want := `{"unit_code":"B1","category":"c2","index":null,"se":null,"ci_low":null,"ci_high":null,` +
		`"satisfaction_rate":null,"rank":null,"rank_low":null,"rank_high":null,"flags":["insufficient_sample"],` +
		`"groups":{},"indicators":{"aux":null,"i1":null,"i2":null}}`
	if got := resultJSON(t, res.Units[unitB1]); got != want {
		t.Errorf("unit without an index:\n got %s\nwant %s", got, want)
	}

	b := []byte(resultJSON(t, res.Units[unitA1]))
	keys := topLevelKeys(t, b)
	wantKeys := []string{"unit_code", "category", "index", "se", "ci_low", "ci_high", "satisfaction_rate",
		"rank", "rank_low", "rank_high", "flags", "groups", "indicators"}
	if !slices.Equal(keys, wantKeys) {
		t.Errorf("keys %v, want %v", keys, wantKeys)
	}
	for _, frag := range []string{`"flags":[]`, `"groups":{"public":{"score":90,"se":10,"n":2,"satisfaction_rate":1,"counted":true}}`,
		`"indicators":{"aux":null,"i1":90,"i2":90}`, `"rank":1,`} {
		if !bytes.Contains(b, []byte(frag)) {
			t.Errorf("%s lacks %s", b, frag)
		}
	}
}

// topLevelKeys lists an object's keys in the order they are written.
func topLevelKeys(t *testing.T, b []byte) []string {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(b))
	if _, err := dec.Token(); err != nil { // {
		t.Fatal(err)
	}
	var keys []string
	for dec.More() {
		key, err := dec.Token()
		if err != nil {
			t.Fatal(err)
		}
		keys = append(keys, key.(string))
		var value json.RawMessage
		if err := dec.Decode(&value); err != nil {
			t.Fatal(err)
		}
	}
	return keys
}
