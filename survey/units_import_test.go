package survey_test

import (
	"bytes"
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"pingyi/audit"
	"pingyi/fault"
	"pingyi/storage"
	"pingyi/storage/storagetest"
	"pingyi/survey/surveytest"
	"pingyi/tabular"
)

func TestImportUnitsFromCSVWithChineseHeaders(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		s := newStore(t, db)
		ctx := context.Background()
		s.Create(ctx, surveytest.ExampleDefinition(t), audit.Actor{Login: "admin"})
		csv := "\ufeff单位编码,单位名称,类别,上级单位\nU002,市教育局（新名）,service,\nU010,市民政局,社会服务类,\nU010-1,市民政局婚姻登记处,service,U010\n"
		got, err := s.ImportUnits(ctx, "2026-annual", strings.NewReader(csv), tabular.CSV, audit.Actor{Login: "admin"})
		if err != nil {
			t.Fatal(err)
		}
		if got.Added != 2 || got.Updated != 1 {
			t.Fatalf("import = %+v, want 2 added and 1 updated", got)
		}
		st, _ := s.Structure(ctx, "2026-annual")
		if len(st.Units) != 5 || st.Units[2].Name != "市教育局（新名）" || st.Units[4].Level != 2 {
			t.Fatalf("units after import: %+v", st.Units)
		}
	})
}

func TestImportUnitsRejectsTheWholeFileAndNamesLines(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		s := newStore(t, db)
		ctx := context.Background()
		s.Create(ctx, surveytest.ExampleDefinition(t), audit.Actor{Login: "admin"})
		var b strings.Builder
		b.WriteString("code,name,category,parent\n")
		for i := 0; i < 2000; i++ {
			b.WriteString("S" + itoa(i) + ",站点,service,U001\n")
		}
		b.WriteString("S9999,坏类别,nowhere,\n")
		_, err := s.ImportUnits(ctx, "2026-annual", strings.NewReader(b.String()), tabular.CSV, audit.Actor{Login: "admin"})
		e, ok := fault.As(err)
		if !ok || len(e.Problems) != 1 || e.Problems[0].Path != "line 2002, column category" {
			t.Fatalf("err = %v", err)
		}
		st, _ := s.Structure(ctx, "2026-annual")
		if len(st.Units) != 3 {
			t.Fatalf("a rejected file added units: %d", len(st.Units))
		}
		_, err = s.ImportUnits(ctx, "2026-annual", strings.NewReader("code,name\nU9,x\n"), tabular.CSV, audit.Actor{Login: "admin"})
		if e, ok := fault.As(err); !ok || !strings.Contains(e.Error(), `"category" column`) {
			t.Fatalf("missing column: %v", err)
		}
	})
}

func TestImportUnitsFromXLSX(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		s := newStore(t, db)
		ctx := context.Background()
		s.Create(ctx, surveytest.ExampleDefinition(t), audit.Actor{Login: "admin"})
		f := excelize.NewFile()
		sh := f.GetSheetName(0)
		f.SetSheetRow(sh, "A1", &[]any{"code", "name", "category"})
		for i := 0; i < 82; i++ {
			f.SetSheetRow(sh, "A"+itoa(i+2), &[]any{"X" + itoa(i), "单位" + itoa(i), "执法监管类"})
		}
		var buf bytes.Buffer
		f.Write(&buf)
		got, err := s.ImportUnits(ctx, "2026-annual", &buf, tabular.XLSX, audit.Actor{Login: "admin"})
		if err != nil || got.Added != 82 {
			t.Fatalf("import = %+v, %v", got, err)
		}
	})
}

func itoa(i int) string { return strconv.Itoa(i) }
