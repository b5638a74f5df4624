package command

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"pingyi/storage/storagetest"
	"pingyi/survey/surveytest"
)

func TestImportCommand(t *testing.T) {
	for _, d := range storagetest.Backends() {
		t.Run(string(d), func(t *testing.T) {
			c := newCLI(t, d)
			def := surveytest.ExamplePath()
			c.run("campaign", "create", "--file", def)
			dir := t.TempDir()
			good := filepath.Join(dir, "paper.csv")
			os.WriteFile(good, []byte("response_ref,group,unit_code,indicator_code,option,comment\n"+
				"P-1,deputies,U001,efficiency,A,好\nP-1,deputies,U002,quality,不了解,\nP-2,public,U001,efficiency,D,\n"), 0o600)
			if code, _, errOut := c.run("import", "responses", "--campaign", "2026-annual", good); code != 1 || !strings.Contains(errOut, "仅在收集期间接受答卷") {
				t.Fatalf("a draft campaign: %d %q", code, errOut)
			}
			c.run("campaign", "open", "2026-annual")
			code, out, errOut := c.run("import", "responses", "--campaign", "2026-annual", good)
			if code != 0 || out != "已向 2026-annual 导入 2 份答卷，共 3 条评价、1 条意见建议\n" {
				t.Fatalf("import: %d %q %q", code, out, errOut)
			}
			bad := filepath.Join(dir, "bad.csv")
			os.WriteFile(bad, []byte("response_ref,group,unit_code,indicator_code,option\nP-3,public,U001,efficiency,A\nP-4,public,U009,efficiency,A\n"), 0o600)
			code, out, errOut = c.run("import", "responses", "--campaign", "2026-annual", bad)
			if code != 1 || out != "" || !strings.Contains(errOut, "line 3, column unit_code: 未知的单位 \"U009\"") {
				t.Fatalf("a bad file: %d %q %q", code, out, errOut)
			}
			if code, _, errOut = c.run("import", "responses", "--campaign", "2026-annual", good); code != 1 || !strings.Contains(errOut, `"P-1"`) {
				t.Fatalf("the same file again: %d %q", code, errOut)
			}
			for _, args := range [][]string{{"import"}, {"import", "responses", good}, {"import", "units", "--campaign", "x", good}} {
				if code, _, errOut := c.run(args...); code != 2 || !strings.Contains(errOut, "usage") {
					t.Errorf("%v: %d %q", args, code, errOut)
				}
			}
		})
	}
}
