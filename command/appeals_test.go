package command

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"pingyi/storage/storagetest"
	"pingyi/survey/surveytest"
)

func TestAppealsImportCommand(t *testing.T) {
	for _, d := range storagetest.Backends() {
		t.Run(string(d), func(t *testing.T) {
			c := newCLI(t, d)
			c.run("campaign", "create", "--file", surveytest.ExamplePath())
			dir := t.TempDir()
			write := func(name, body string) string {
				p := filepath.Join(dir, name)
				if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
					t.Fatal(err)
				}
				return p
			}
			bad := write("bad.csv", "工单编号,受理时间,承办单位,办结时间\n"+
				"H1,2026-03-02 09:00,U001,\n"+
				"H2,2026-03-02 09:00,U404,\n"+
				"H3,2026-13-02 09:00,U002,\n"+
				"H4,2026-03-05 09:00,U002,2026-03-01 09:00\n")
			code, out, errOut := c.run("appeals", "import", "--file", bad, "--source", "12345")
			if code != 1 || out != "" {
				t.Fatalf("a bad file: %d %q %q", code, out, errOut)
			}
			for _, line := range []string{"line 3", "line 4", "line 5"} {
				if !strings.Contains(errOut, line) {
					t.Errorf("the refusal does not name %s: %s", line, errOut)
				}
			}
			mapping := write("mapping.json", `{"单号": "case_no", "单位": "承办单位"}`)
			good := write("good.csv", "单号,受理时间,单位,诉求类型\nH1,2026-03-02 09:00,U001,投诉\nH2,2026-03-02 09:00,市教育局,咨询\n")
			code, out, errOut = c.run("appeals", "import", "--file", good, "--mapping", mapping, "--source", "12345")
			if code != 0 || out != "已从 12345 导入 2 件诉求：新增 2 件，更新 0 件\n" {
				t.Fatalf("a good file: %d %q %q", code, out, errOut)
			}
			code, out, _ = c.run("appeals", "import", "--file", good, "--mapping", mapping, "--source", "12345")
			if code != 0 || out != "已从 12345 导入 2 件诉求：新增 0 件，更新 2 件\n" {
				t.Fatalf("the same file again: %d %q", code, out)
			}
			// The refused file wrote nothing: only the good file's two cases exist.
			var n int64
			c.app().DB.Gorm.Table("appeal_cases").Count(&n)
			if n != 2 {
				t.Errorf("%d cases, want 2", n)
			}
			wrong := write("wrong.json", `{"单号": "ticket"}`)
			if code, _, errOut := c.run("appeals", "import", "--file", good, "--mapping", wrong); code != 1 || !strings.Contains(errOut, "ticket") {
				t.Errorf("a mapping to an unknown column: %d %q", code, errOut)
			}
			for _, args := range [][]string{{"appeals"}, {"appeals", "import"}, {"appeals", "export", "--file", good}} {
				if code, _, errOut := c.run(args...); code != 2 || !strings.Contains(errOut, "usage") {
					t.Errorf("%v: %d %q", args, code, errOut)
				}
			}
		})
	}
}

func TestCalendarImportCommand(t *testing.T) {
	for _, d := range storagetest.Backends() {
		t.Run(string(d), func(t *testing.T) {
			c := newCLI(t, d)
			dir := t.TempDir()
			bad := filepath.Join(dir, "bad.csv")
			os.WriteFile(bad, []byte("date,kind,name\n2092-01-01,holiday,元旦\n2092-01-32,holiday,元旦\n"), 0o600)
			if code, out, errOut := c.run("calendar", "import", bad); code != 1 || out != "" || !strings.Contains(errOut, "line 3") {
				t.Fatalf("a bad file: %d %q %q", code, out, errOut)
			}
			good := filepath.Join(dir, "2092.csv")
			os.WriteFile(good, []byte("日期,类型,名称\n2092-01-01,放假,元旦\n2092-01-02,放假,元旦\n2092-01-05,上班,元旦\n"), 0o600)
			code, out, errOut := c.run("calendar", "import", good)
			if code != 0 || out != "已为 2092 载入 2 个放假日和 1 个调休上班日\n" {
				t.Fatalf("a good file: %d %q %q", code, out, errOut)
			}
			years, err := c.app().Calendar.Years(t.Context())
			if err != nil {
				t.Fatal(err)
			}
			found := false
			for _, y := range years {
				found = found || y.Year == 2092 && y.Imported && y.ImportedBy == "cli"
			}
			if !found {
				t.Errorf("2092 is not imported by the CLI: %+v", years[len(years)-1])
			}
			if code, _, errOut := c.run("calendar", "import"); code != 2 || !strings.Contains(errOut, "usage") {
				t.Errorf("no file: %d %q", code, errOut)
			}
		})
	}
}
