package command

import (
	"context"
	"encoding/csv"
	"io"
	"log/slog"
	"strings"
	"testing"

	"pingyi/app"
	"pingyi/demo"
	"pingyi/results/resultstest"
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

	code, out, errOut = c.run("score", "--campaign", demo.CampaignCode, "--format", "csv")
	if code != 0 {
		t.Fatalf("csv: %d %s", code, errOut)
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(rows) != 83 || rows[0][0] != "unit_code" {
		t.Fatalf("csv: %d rows, %v", len(rows), err)
	}

	code, out, errOut = c.run("score", "--campaign", demo.CampaignCode)
	if code != 0 {
		t.Fatalf("table: %d %s", code, errOut)
	}
	for _, want := range []string{"市公安局", "执法监管类"} {
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
