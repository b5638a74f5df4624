package responses_test

import (
	"bytes"
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"pingyi/audit"
	"pingyi/fault"
	"pingyi/i18n"
	"pingyi/responses"
	"pingyi/storage"
	"pingyi/storage/storagetest"
	"pingyi/survey"
	"pingyi/survey/surveytest"
	"pingyi/tabular"
)

const header = "response_ref,group,unit_code,indicator_code,option,channel,weight,stratum,submitted_at,comment\n"

func importCSV(t *testing.T, s stores, code, body string) (responses.ImportResult, error) {
	t.Helper()
	return s.ImportResponses(context.Background(), code, strings.NewReader(body), tabular.CSV, audit.Actor{Login: "admin"})
}

// Rows of one ref form one response even when they are not adjacent;
// options may be labels; empty optional cells take their defaults; a BOM
// and columns in another order are fine.
func TestImportGroupsRowsByRef(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		s := newStore(t, db)
		st := openExample(t, s)
		file := "\ufeffoption,unit_code,indicator_code,group,response_ref,weight,comment,submitted_at,stratum,channel\n" +
			"A,U001,efficiency,deputies,P-1,,很好,2026-11-02T09:00:00+08:00,,\n" +
			"满意,U002,quality,public,P-2,2.5,,,north,web\n" +
			"不了解,U001,attitude,deputies,P-1,,,2026-11-02T09:00:00+08:00,,\n" +
			",U002,,deputies,P-1,,教育局也请改进,2026-11-02T09:00:00+08:00,,\n"
		res, err := importCSV(t, s, "2026-annual", file)
		if err != nil {
			t.Fatal(err)
		}
		if res != (responses.ImportResult{Responses: 2, Ratings: 3, Comments: 2}) {
			t.Fatalf("result %+v", res)
		}
		var rows []responses.Response
		db.Gorm.Order("ref").Find(&rows)
		if len(rows) != 2 {
			t.Fatalf("%d responses", len(rows))
		}
		p1, p2 := rows[0], rows[1]
		ratings, _ := responses.DecodeAnswers(p1.Answers, nil)
		want := []responses.Rating{{Unit: 0, Indicator: 0, Option: 0}, {Unit: 0, Indicator: 1, Option: 4}}
		if len(ratings) != 2 || ratings[0] != want[0] || ratings[1] != want[1] {
			t.Fatalf("P-1 ratings %v", ratings)
		}
		if p1.Channel != responses.Paper || p1.Weight != 1 || p1.GroupID != st.Groups[1].ID ||
			!p1.SubmittedAt.Equal(time.Date(2026, 11, 2, 1, 0, 0, 0, time.UTC)) {
			t.Fatalf("P-1 %+v", p1)
		}
		if p2.Channel != responses.Web || p2.Weight != 2.5 || p2.Stratum != "north" || p2.SubmittedAt.IsZero() {
			t.Fatalf("P-2 %+v", p2)
		}
		var n int64
		db.Gorm.Model(&responses.Comment{}).Where("response_id = ?", p1.ID).Count(&n)
		if n != 2 {
			t.Fatalf("P-1 has %d comments", n)
		}
	})
}

// One bad row among thousands: nothing is imported and that row is named,
// in Chinese by default; every bad row of a file is reported.
func TestImportReportsEveryBadRowAndStoresNothing(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		s := newStore(t, db)
		openExample(t, s)
		var b strings.Builder
		b.WriteString(header)
		for i := range 3000 {
			ref := "P-" + strconv.Itoa(i/4)
			ind := []string{"efficiency", "attitude", "quality", "overall"}[i%4]
			opt := "B"
			if i == 2345 {
				opt = "E"
			}
			b.WriteString(ref + ",public,U001," + ind + "," + opt + ",,,,,\n")
		}
		_, err := importCSV(t, s, "2026-annual", b.String())
		e, ok := fault.As(err)
		if !ok || e.Kind != fault.Invalid || len(e.Problems) != 1 || e.Problems[0].Path != "line 2347, column option" {
			t.Fatalf("err = %v", err)
		}
		if zh := e.Text(i18n.ZH); !strings.Contains(zh, "未知的选项") {
			t.Fatalf("not in Chinese: %s", zh)
		}
		assertNoResponses(t, db)

		bad := header +
			",public,U001,efficiency,A,,,,,\n" + // no ref
			"P-1,aliens,U001,efficiency,A,,,,,\n" +
			"P-2,public,U404,speed,Z,fax,-1,,yesterday,\n" +
			"P-3,public,U001,efficiency,A,,,,,\n" +
			"P-3,public,U001,efficiency,B,,,,,\n" + // rated twice
			"P-3,deputies,U002,quality,A,,,,,\n" + // group differs
			"P-4,public,U001,,,,,,,\n" // neither rating nor comment
		_, err = importCSV(t, s, "2026-annual", bad)
		e, _ = fault.As(err)
		got := map[string]bool{}
		for _, p := range e.Problems {
			got[p.Path] = true
		}
		for _, want := range []string{"line 2, column response_ref", "line 3, column group", "line 4, column unit_code",
			"line 4, column indicator_code", "line 4, column option", "line 4, column channel", "line 4, column weight",
			"line 4, column submitted_at", "line 6, column indicator_code", "line 7, column group",
			"line 8, column indicator_code", "line 8, column option"} {
			if !got[want] {
				t.Errorf("no problem at %q: %v", want, err)
			}
		}
		assertNoResponses(t, db)
	})
}

func assertNoResponses(t *testing.T, db *storage.DB) {
	t.Helper()
	var n int64
	db.Gorm.Model(&responses.Response{}).Count(&n)
	if n != 0 {
		t.Fatalf("a refused file left %d responses", n)
	}
}

// A file holding a ref that is already stored is refused whole, naming it;
// imports go only into open or closed campaigns.
func TestImportRefusesStoredRefsAndClosedDoors(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		s := newStore(t, db)
		ctx := context.Background()
		s.Create(ctx, surveytest.ExampleDefinition(t), audit.Actor{Login: "admin"})
		one := header + "P-1,public,U001,efficiency,A,,,,,\n"
		if _, err := importCSV(t, s, "2026-annual", one); !fault.Is(err, fault.Conflict) {
			t.Fatalf("draft campaign: %v", err)
		}
		s.SetStatus(ctx, "2026-annual", survey.Open, audit.Actor{Login: "admin"})
		if _, err := importCSV(t, s, "2026-annual", one); err != nil {
			t.Fatal(err)
		}
		s.SetStatus(ctx, "2026-annual", survey.Closed, audit.Actor{Login: "admin"})
		_, err := importCSV(t, s, "2026-annual", header+"P-9,public,U001,efficiency,A,,,,,\nP-1,public,U002,quality,B,,,,,\n")
		e, ok := fault.As(err)
		if !ok || e.Kind != fault.Conflict || len(e.Problems) != 1 || !strings.Contains(e.Text(i18n.EN), `"P-1"`) {
			t.Fatalf("err = %v", err)
		}
		var n int64
		db.Gorm.Model(&responses.Response{}).Count(&n)
		if n != 1 {
			t.Fatalf("%d responses, want the first file's 1", n)
		}
		if _, err := importCSV(t, s, "2026-annual", "ref,unit\n"); !fault.Is(err, fault.Invalid) {
			t.Fatalf("wrong header: %v", err)
		}
	})
}

// An export imports again into a fresh campaign and gives the same export.
func TestExportReimports(t *testing.T) {
	for _, format := range []tabular.Format{tabular.CSV, tabular.XLSX} {
		t.Run(string(format), func(t *testing.T) {
			storagetest.Each(t, func(t *testing.T, db *storage.DB) {
				s := newStore(t, db)
				openExample(t, s)
				ctx := context.Background()
				sub := goodSubmission()
				sub.Comments["U001-1"] = "没评分，但有话说"
				if _, err := s.Submit(ctx, "2026-annual", sub); err != nil {
					t.Fatal(err)
				}
				file := header + "P-1,deputies,U002,quality,B,paper,1.25,north,2026-11-02T09:00:00.123456Z,\"逗号,和引号\"\"\"\n"
				if _, err := importCSV(t, s, "2026-annual", file); err != nil {
					t.Fatal(err)
				}
				first := export(t, s, "2026-annual", format)

				d := surveytest.ExampleDefinition(t)
				d.Code = "copy"
				s.Create(ctx, d, audit.Actor{Login: "admin"})
				s.SetStatus(ctx, "copy", survey.Open, audit.Actor{Login: "admin"})
				res, err := s.ImportResponses(ctx, "copy", bytes.NewReader(first), format, audit.Actor{Login: "admin"})
				if err != nil {
					t.Fatal(err)
				}
				if res.Responses != 2 || res.Ratings != 5 || res.Comments != 3 {
					t.Fatalf("re-import %+v", res)
				}
				again := export(t, s, "copy", format)
				if format == tabular.CSV && !bytes.Equal(first, again) {
					t.Fatalf("round trip differs:\n%s\n---\n%s", first, again)
				}
				if format == tabular.XLSX {
					if a, b := exportCSV(t, s, "2026-annual"), exportCSV(t, s, "copy"); a != b {
						t.Fatalf("round trip through XLSX differs:\n%s\n---\n%s", a, b)
					}
				}
				if text := exportCSV(t, s, "copy"); strings.Contains(text, "iphash") || strings.Contains(text, "devhash") {
					t.Fatal("the export carries personal data")
				}
			})
		})
	}
}

func export(t *testing.T, s stores, code string, format tabular.Format) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := tabular.NewWriter(&buf, format)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.ExportResponses(context.Background(), code, w); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func exportCSV(t *testing.T, s stores, code string) string {
	return string(export(t, s, code, tabular.CSV))
}

func TestProgressCountsUnitsGroupsAndChannels(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		s := newStore(t, db)
		openExample(t, s)
		ctx := context.Background()
		s.Submit(ctx, "2026-annual", goodSubmission())
		p, err := s.Progress(ctx, "2026-annual")
		if err != nil {
			t.Fatal(err)
		}
		if p.Responses != 1 || p.Units[0].Rated != 1 || p.Units[0].Known != 1 || p.Units[2].Rated != 1 || p.Units[2].Known != 1 {
			t.Fatalf("after one: %+v", p)
		}
		importCSV(t, s, "2026-annual", header+"P-1,deputies,U002,quality,X,,,,,\nP-2,deputies,U001-1,quality,A,,,,,\n")
		p, _ = s.Progress(ctx, "2026-annual")
		if p.Responses != 3 || p.Groups[0].N != 1 || p.Groups[1].N != 2 || p.Channels[0].N != 1 || p.Channels[2].N != 2 {
			t.Fatalf("groups and channels: %+v", p)
		}
		if u := p.Units[2]; u.Rated != 2 || u.Known != 1 {
			t.Fatalf("U002: %+v", u)
		}
		if u := p.Units[1]; u.Rated != 1 || u.Known != 1 {
			t.Fatalf("U001-1: %+v", u)
		}
	})
}
