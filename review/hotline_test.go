package review_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"strings"
	"testing"
	"time"

	"pingyi/publicdata"
	"pingyi/review"
	"pingyi/scoring"
	"pingyi/storage"
	"pingyi/storage/storagetest"
	"pingyi/verify"
)

// fixedAppeals answers a run's request for appeal counts with fixed
// counts by unit code, and records the period and moment asked for.
type fixedAppeals struct {
	counts         map[string]scoring.HotlineCounts
	from, to, asOf time.Time
}

func (a *fixedAppeals) HotlineCounts(_ context.Context, units []string, from, to, asOf time.Time) ([]scoring.HotlineCounts, error) {
	a.from, a.to, a.asOf = from, to, asOf
	out := make([]scoring.HotlineCounts, len(units))
	for i, u := range units {
		out[i] = a.counts[u]
	}
	return out, nil
}

func rc(num, den int) scoring.RateCount { return scoring.RateCount{Num: num, Den: den} }

const hotlineDocument = `{"components": {"survey": 0.8, "hotline": 0.2},
	"hotline": {"from": "2026-01-01", "to": "2027-01-01", "min_cases": 20,
		"rates": {"response": 0.1, "on_time": 0.3, "resolution": 0.3, "satisfaction": 0.3}}}`

// A version of a campaign whose index weighs the hotline carries both
// parts per unit, appeals.csv with the run's counts, and verifies
// identical from its public files; the downloads show both parts. The
// ledger moving on after the run does not make the run stale: it keeps
// the counts it was computed with.
func TestHotlinePublicationCarriesBothParts(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		f := newFixture(t, db)
		f.hotline = hotlineDocument
		// U001 (its station's cases included): H = 100·(0.1·38/40 + 0.3·30/36 + 0.3·27/36 + 0.3·20/25) = 81.
		u001 := scoring.HotlineCounts{Cases: 40, Rates: [5]scoring.RateCount{rc(38, 40), rc(30, 36), rc(27, 36), rc(20, 25), rc(2, 3)}}
		appeals := &fixedAppeals{counts: map[string]scoring.HotlineCounts{
			"U001": u001, "U001-1": {Cases: 4, Rates: [5]scoring.RateCount{rc(4, 4), rc(4, 4), rc(4, 4), rc(4, 4), rc(0, 0)}}}}
		f.runs.UseAppeals(appeals)
		dir, p := publicFiles(t, f)
		if got := appeals.from.UTC().Format(time.RFC3339) + " " + appeals.to.UTC().Format(time.RFC3339); got != "2025-12-31T16:00:00Z 2026-12-31T16:00:00Z" {
			t.Errorf("the ledger was asked for %s", got)
		}
		content, _ := p.Decode()
		byCode := map[string]review.PublishedUnit{}
		for _, u := range content.Units {
			byCode[u.UnitCode] = u
		}
		u := byCode["U001"]
		c := u.Components
		if c == nil || c.Hotline.Score == nil || *c.Hotline.Score < 81-1e-9 || *c.Hotline.Score > 81+1e-9 || c.Survey.Index == nil || u.Index == nil {
			t.Fatalf("U001 components %+v", c)
		}
		if want := 0.8**c.Survey.Index + 0.2*81; *u.Index < want-1e-9 || *u.Index > want+1e-9 {
			t.Errorf("U001 index %v, want 0.8·%v + 0.2·81 = %v", *u.Index, *c.Survey.Index, want)
		}
		if x := byCode["U002"]; x.Components == nil || x.Components.Hotline.Score != nil || !strings.Contains(strings.Join(x.Flags, ","), scoring.FlagNoHotline) {
			t.Errorf("U002 without cases: %+v, flags %v", x.Components, x.Flags)
		}
		if content.Method.Hotline == nil || content.Method.Hotline.MinCases != 20 {
			t.Errorf("method hotline %+v", content.Method.Hotline)
		}

		appealsCSV, err := f.review.PublicFile(context.Background(), "2026-annual", p.Version, publicdata.AppealsFile)
		if err != nil || !strings.Contains(string(appealsCSV), "U001,40,38,40,30,36,27,36,20,25,2,3") {
			t.Fatalf("appeals.csv: %v\n%s", err, appealsCSV)
		}
		files, err := verify.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		files[publicdata.AppealsFile] = appealsCSV
		if r := verify.Check(files, nil); !r.Identical() {
			t.Fatalf("the published files do not verify: %q", r.Differences)
		}

		var buf bytes.Buffer
		if err := review.WriteCSV(&buf, content); err != nil {
			t.Fatal(err)
		}
		rows, _ := csv.NewReader(bytes.NewReader(buf.Bytes()[3:])).ReadAll()
		head := strings.Join(rows[0], ",")
		if !strings.Contains(head, "标记,调查指数,调查权重,热线得分,热线权重,热线诉求件数,响应率,按期办结率,解决率,热线满意率,息诉息访率,指标：") {
			t.Errorf("CSV header %s", head)
		}
		for _, row := range rows[1:] {
			if row[4] == "U001" && (row[19] != "81.0000" || row[21] != "40" || row[22] != "0.9500") {
				t.Errorf("U001 CSV row %v", row)
			}
		}

		// The ledger moves on: the run still is current, with its own counts.
		appeals.counts["U001"] = scoring.HotlineCounts{Cases: 50}
		run, err := f.review.RunOf(context.Background(), "2026-annual", p)
		if err != nil {
			t.Fatal(err)
		}
		st, err := f.review.Status(context.Background(), "2026-annual", run)
		if err != nil || !st.Current {
			t.Errorf("after the ledger moved on: %+v %v", st, err)
		}
		h, asOf, err := run.Hotline()
		if err != nil || h == nil || h.Units[0] != u001 || asOf == nil {
			t.Errorf("the run's stored hotline: %+v as of %v, %v", h, asOf, err)
		}
	})
}
