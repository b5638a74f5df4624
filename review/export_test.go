package review_test

import (
	"bytes"
	"encoding/csv"
	"strconv"
	"testing"

	"github.com/xuri/excelize/v2"

	"pingyi/review"
	"pingyi/scoring"
	"pingyi/storage"
	"pingyi/storage/storagetest"
)

func TestDownloadsCarryThePublishedRanking(t *testing.T) {
	f := newFixture(t, storagetest.Open(t, storage.SQLite))
	p := f.published("2026-annual", 2026)
	c, _ := p.Decode()

	var buf bytes.Buffer
	if err := review.WriteCSV(&buf, c); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte("\ufeff")) {
		t.Fatal("CSV without a byte-order mark")
	}
	rows, err := csv.NewReader(bytes.NewReader(buf.Bytes()[3:])).ReadAll()
	if err != nil || len(rows) != 1+len(c.Units) || rows[0][6] != "满意度指数" {
		t.Fatalf("CSV: %d rows, %v", len(rows), err)
	}
	// Enforcement first (U001 and its station, ranked), then service.
	if rows[1][0] != "执法监管类" || rows[1][1] != "1" || rows[3][4] != "U002" {
		t.Fatalf("CSV order: %v", rows)
	}
	byCode := map[string]review.PublishedUnit{}
	for _, u := range c.Units {
		byCode[u.UnitCode] = u
	}
	u := byCode[rows[1][4]]
	if want := strconv.FormatFloat(scoring.RoundHalfAway(*u.Index, 4), 'f', 4, 64); rows[1][6] != want {
		t.Fatalf("CSV index %s, published %v", rows[1][6], *u.Index)
	}

	buf.Reset()
	if err := review.WriteXLSX(&buf, c); err != nil {
		t.Fatal(err)
	}
	x, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	got, err := x.GetRows("排名")
	if err != nil || len(got) != len(rows) || got[1][4] != rows[1][4] || got[1][11] != u.Tier {
		t.Fatalf("XLSX rows %v (%v)", got, err)
	}
	v, _ := x.GetCellValue("排名", "G2", excelize.Options{RawCellValue: true})
	if x, _ := strconv.ParseFloat(v, 64); x != *u.Index {
		t.Fatalf("XLSX index %s, published %v", v, *u.Index)
	}
	// Formatted: the index to the published decimals, the rate as a
	// percentage, a bold frozen header, a wide name column.
	decimals := c.Method.TieDecimals
	if shown, _ := x.GetCellValue("排名", "G2"); shown != strconv.FormatFloat(*u.Index, 'f', decimals, 64) {
		t.Errorf("the index shows as %q, want %d decimals", shown, decimals)
	}
	if shown, _ := x.GetCellValue("排名", "K2"); u.SatisfactionRate != nil && shown != strconv.FormatFloat(*u.SatisfactionRate*100, 'f', 1, 64)+"%" {
		t.Errorf("the satisfaction rate shows as %q", shown)
	}
	style, _ := x.GetCellStyle("排名", "A1")
	if st, err := x.GetStyle(style); err != nil || st.Font == nil || !st.Font.Bold {
		t.Error("the header is not bold")
	}
	if panes, err := x.GetPanes("排名"); err != nil || !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("the header is not frozen: %+v %v", panes, err)
	}
	if w, _ := x.GetColWidth("排名", "F"); w < 25 {
		t.Errorf("the unit name column is %v wide", w)
	}
}
