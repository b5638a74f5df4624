package command

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"io"
	"log/slog"
	"math"
	"slices"
	"strings"
	"testing"

	"pingyi/app"
	"pingyi/demo"
	"pingyi/results/resultstest"
	"pingyi/scoring"
	"pingyi/storage"
)

// `pingyi score` on the demo campaign prints a ranking in all three
// formats, and the JSON has SPEC's shape.
func TestScoreTheDemoInEveryFormat(t *testing.T) {
	c := newCLI(t, storage.SQLite)
	cfg, _ := app.FromEnv(func(k string) string { return c.env[k] })
	a, err := app.Open(context.Background(), cfg, slog.New(slog.NewTextHandler(io.Discard, nil)), true)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := demo.Load(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	a.Close()

	code, out, errOut := c.run("score", "--campaign", demo.CampaignCode, "--format", "json")
	if code != 0 {
		t.Fatalf("json: %d %s", code, errOut)
	}
	if err := resultstest.CheckShape([]byte(out)); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, `"campaign": "2026-annual"`) || strings.Count(out, `"unit_code"`) != 82 {
		t.Fatalf("json output lacks the campaign or its 82 units")
	}
	checkComposite(t, out)

	code, out, errOut = c.run("score", "--campaign", demo.CampaignCode, "--format", "csv")
	if code != 0 {
		t.Fatalf("csv: %d %s", code, errOut)
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(rows) != 83 || rows[0][0] != "unit_code" {
		t.Fatalf("csv: %d rows, %v", len(rows), err)
	}
	if head := strings.Join(rows[0], ","); !strings.Contains(head, ",survey.index,survey.se,survey.weight,hotline.score,hotline.weight,hotline.cases,") {
		t.Errorf("csv header lacks the components: %s", head)
	}

	code, out, errOut = c.run("score", "--campaign", demo.CampaignCode)
	if code != 0 {
		t.Fatalf("table: %d %s", code, errOut)
	}
	for _, want := range []string{"市公安局", "执法监管类", "综合指数", "调查指数", "热线得分"} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}

	if code, _, errOut := c.run("score", "--campaign", "none"); code != 1 || !strings.Contains(errOut, "不存在") {
		t.Fatalf("unknown campaign: %d %q", code, errOut)
	}
	if code, _, _ := c.run("score", "--campaign", demo.CampaignCode, "--format", "xml"); code != 2 {
		t.Fatalf("unknown format: exit %d", code)
	}
}

// checkComposite checks that every unit of the demo's run combines its
// survey index and hotline score as step 8 says: I = 0.8 S + 0.2 H, SE =
// 0.8 SE_S, or the survey alone, flagged no_hotline, without H.
func checkComposite(t *testing.T, out string) {
	t.Helper()
	var doc struct {
		Units []scoring.UnitResult `json:"units"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	withHotline := 0
	for _, u := range doc.Units {
		c := u.Components
		if c == nil || c.Survey.Index == nil || u.Index == nil {
			t.Fatalf("unit %s: components %+v", u.UnitCode, c)
		}
		want, se := *c.Survey.Index, *c.Survey.SE
		if c.Hotline.Score != nil {
			withHotline++
			want, se = 0.8**c.Survey.Index+0.2**c.Hotline.Score, 0.8**c.Survey.SE
		} else if !slices.Contains(u.Flags, scoring.FlagNoHotline) {
			t.Errorf("unit %s has no hotline score and no flag: %v", u.UnitCode, u.Flags)
		}
		if math.Abs(*u.Index-want) > 1e-9 || math.Abs(*u.SE-se) > 1e-9 {
			t.Errorf("unit %s: index %v ± %v, want %v ± %v", u.UnitCode, *u.Index, *u.SE, want, se)
		}
	}
	if withHotline < 60 {
		t.Errorf("only %d of the demo's 82 units have a hotline score", withHotline)
	}
}
