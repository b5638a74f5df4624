package scoring

import (
	"bytes"
	"encoding/csv"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

var referenceDir = filepath.Join("testdata", "reference")

// TestReferenceAgainstR compares every published number of Run on the
// reference dataset with what testdata/reference/reference.R computes with
// R's survey package: floats to 1e-9 relative (with a 1e-12 absolute floor
// for values that are zero up to rounding), integers, booleans, flags and
// nulls exactly, and the same set of fields (so the same groups listed).
func TestReferenceAgainstR(t *testing.T) {
	res := runReference(t)
	got := flattenResult(res)
	want := readExpected(t, filepath.Join(referenceDir, "expected.csv"))
	for key, w := range want {
		g, ok := got[key]
		if !ok {
			t.Errorf("%s: R has %q, Go has no such field", key, w)
			continue
		}
		if !sameValue(g, w) {
			t.Errorf("%s: Go %s, R %s", key, g, w)
		}
	}
	for key, g := range got {
		if _, ok := want[key]; !ok {
			t.Errorf("%s: Go has %q, R has no such field", key, g)
		}
	}
	if len(want) < 200 {
		t.Fatalf("expected.csv has only %d fields", len(want))
	}
}

// TestReferenceRScriptReproduces reruns the R script and checks that it
// still writes the committed expected.csv byte for byte. Without Rscript it
// is skipped, unless PINGYI_TEST_REQUIRE_R=1 (as in CI) makes that a failure.
func TestReferenceRScriptReproduces(t *testing.T) {
	rscript, err := exec.LookPath("Rscript")
	if err != nil {
		if os.Getenv("PINGYI_TEST_REQUIRE_R") == "1" {
			t.Fatal("PINGYI_TEST_REQUIRE_R=1 but Rscript is not on PATH")
		}
		t.Skip("Rscript not on PATH")
	}
	out := filepath.Join(t.TempDir(), "expected.csv")
	cmd := exec.Command(rscript, filepath.Join(referenceDir, "reference.R"), referenceDir, out)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("reference.R: %v\n%s", err, msg)
	}
	fresh, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	committed, err := os.ReadFile(filepath.Join(referenceDir, "expected.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(fresh, committed) {
		t.Fatal("reference.R output differs from the committed expected.csv; regenerate it (see the script's header) and review the change")
	}
}

func mustReferenceConfig(t *testing.T) Config {
	t.Helper()
	cfg, err := readTestCampaign(filepath.Join(referenceDir, "config.json"))
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

func runReference(t *testing.T) *Result {
	t.Helper()
	return mustRun(t, mustReferenceConfig(t), referenceResponses(t))
}

func referenceResponses(t *testing.T) []Response {
	t.Helper()
	f, err := os.Open(filepath.Join(referenceDir, "responses.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rs, err := readLongCSV(f, mustReferenceConfig(t))
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

// flattenResult writes res in expected.csv's "unit_code,field" → value form.
func flattenResult(res *Result) map[string]string {
	m := map[string]string{}
	num := func(x *float64) string {
		if x == nil {
			return "NA"
		}
		return strconv.FormatFloat(*x, 'g', -1, 64)
	}
	integer := func(x *int) string {
		if x == nil {
			return "NA"
		}
		return strconv.Itoa(*x)
	}
	for _, u := range res.Units {
		put := func(field, v string) { m[u.UnitCode+","+field] = v }
		put("index", num(u.Index))
		put("se", num(u.SE))
		put("ci_low", num(u.CILow))
		put("ci_high", num(u.CIHigh))
		put("satisfaction_rate", num(u.SatisfactionRate))
		put("rank", integer(u.Rank))
		put("flags", strings.Join(u.Flags, ";"))
		for code, g := range u.Groups {
			put("group."+code+".score", num(&g.Score))
			put("group."+code+".se", num(&g.SE))
			put("group."+code+".n", strconv.Itoa(g.N))
			put("group."+code+".satisfaction_rate", num(&g.SatisfactionRate))
			put("group."+code+".counted", strconv.FormatBool(g.Counted))
		}
		for code, x := range u.Indicators {
			put("indicator."+code, num(x))
		}
	}
	return m
}

func readExpected(t *testing.T, path string) map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]string{}
	for _, row := range rows[1:] {
		m[row[0]+","+row[1]] = row[2]
	}
	return m
}

// sameValue compares as numbers where both sides are floats with a
// fraction or exponent, exactly otherwise (integers, booleans, flags, NA).
func sameValue(got, want string) bool {
	if got == want {
		return true
	}
	g, err1 := strconv.ParseFloat(got, 64)
	w, err2 := strconv.ParseFloat(want, 64)
	if err1 != nil || err2 != nil || !strings.ContainsAny(want, ".e") {
		return false
	}
	return math.Abs(g-w) <= 1e-9*math.Max(math.Abs(g), math.Abs(w))+1e-12
}
