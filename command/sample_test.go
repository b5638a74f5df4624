package command

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"pingyi/app"
	"pingyi/audit"
	"pingyi/phone"
	"pingyi/storage/storagetest"
	"pingyi/survey/surveytest"
)

// `pingyi sample verify` says IDENTICAL for an executed draw and exits 0;
// after one frame row changes it names what differs and exits 1.
func TestSampleCommands(t *testing.T) {
	for _, d := range storagetest.Backends() {
		t.Run(string(d), func(t *testing.T) {
			c := newCLI(t, d)
			def := surveytest.ExamplePath()
			if code, _, errOut := c.run("campaign", "create", "--file", def); code != 0 {
				t.Fatal(errOut)
			}
			c.run("campaign", "open", "2026-annual")
			var csv strings.Builder
			csv.WriteString("单位编码,手机号\n")
			for i := range 60 {
				fmt.Fprintf(&csv, "U00%d,1370000%04d\n", 1+i%2, i)
			}
			csv.WriteString("U002,12345\n")
			frame := filepath.Join(t.TempDir(), "frame.csv")
			os.WriteFile(frame, []byte(csv.String()), 0o600)
			code, out, errOut := c.run("sample", "import", "--campaign", "2026-annual", frame)
			if code != 0 || !strings.Contains(out, "61 rows: 60 added") || !strings.Contains(out, "line 62, column 手机号: 号码位数不对") {
				t.Fatalf("import: %d %q %q", code, out, errOut)
			}
			dnc := filepath.Join(t.TempDir(), "dnc.csv")
			os.WriteFile(dnc, []byte("电话\n13700000001\n"), 0o600)
			if code, out, _ := c.run("sample", "donotcall", dnc); code != 0 || !strings.Contains(out, "1 added") {
				t.Fatalf("donotcall: %d %q", code, out)
			}

			a := c.app()
			ctx := context.Background()
			if _, err := a.Phone.Plan(ctx, "2026-annual", phone.PlanInput{Method: "equal", Completes: 10, ResponseRate: 0.5, Replicates: 2}, audit.Actor{Login: "test"}); err != nil {
				t.Fatal(err)
			}
			a.Phone.Witness(ctx, "2026-annual", phone.WitnessInput{Value: "88 17 03", EventAt: time.Now()}, audit.Actor{Login: "jiandu"})
			dr, err := a.Phone.Execute(ctx, "2026-annual", audit.Actor{Login: "test"})
			if err != nil {
				t.Fatal(err)
			}
			code, out, errOut = c.run("sample", "verify", "--draw", fmt.Sprint(dr.ID))
			if code != 0 || !strings.HasSuffix(out, "IDENTICAL\n") || strings.Contains(out, "MISMATCH") {
				t.Fatalf("verify: %d %s %s", code, out, errOut)
			}
			// A case pointed at another contact (the operator would call
			// someone who was not drawn) is detected, though every digest
			// still matches.
			var cases []struct{ ID, EntryID int64 }
			a.DB.Gorm.Raw("SELECT id, entry_id FROM phone_cases WHERE draw_id = ? ORDER BY id", dr.ID).Scan(&cases)
			first, last := cases[0], cases[len(cases)-1]
			a.DB.Gorm.Exec("UPDATE phone_cases SET entry_id = ? WHERE id = ?", last.EntryID, first.ID)
			code, out, _ = c.run("sample", "verify", "--draw", fmt.Sprint(dr.ID))
			if code != 1 || !strings.HasSuffix(out, "DIFFERENT\n") || !strings.Contains(out, fmt.Sprintf("1 point at another entry than the one drawn (cases %d)", first.ID)) {
				t.Fatalf("verify after a case was pointed at another contact: %d %s", code, out)
			}
			a.DB.Gorm.Exec("UPDATE phone_cases SET entry_id = ? WHERE id = ?", first.EntryID, first.ID)
			if code, out, _ = c.run("sample", "verify", "--draw", fmt.Sprint(dr.ID)); code != 0 {
				t.Fatalf("verify once the case points back: %d %s", code, out)
			}
			a.DB.Gorm.Exec("UPDATE phone_frame_entries SET stratum = 'U001' WHERE id = (SELECT MAX(id) FROM (SELECT id FROM phone_frame_entries WHERE stratum = 'U002') AS x)")
			code, out, _ = c.run("sample", "verify", "--draw", fmt.Sprint(dr.ID))
			if code != 1 || !strings.HasSuffix(out, "DIFFERENT\n") || !strings.Contains(out, "frame ") || !strings.Contains(out, "MISMATCH") {
				t.Fatalf("verify after a frame change: %d %s", code, out)
			}
			if code, _, errOut := c.run("sample", "erase", "--campaign", "2026-annual"); code != 1 || !strings.Contains(errOut, "收集截止后") {
				t.Fatalf("erase while open: %d %q", code, errOut)
			}
			c.run("campaign", "close", "2026-annual")
			if code, out, _ := c.run("sample", "erase", "--campaign", "2026-annual"); code != 0 || !strings.Contains(out, "59 contacts") {
				t.Fatalf("erase: %d %q", code, out)
			}
			if code, _, _ := c.run("sample", "verify"); code != 2 {
				t.Fatal("verify without --draw is not a usage error")
			}
		})
	}
}

// app opens the CLI's database the way the commands do.
func (c *cli) app() *app.App {
	c.t.Helper()
	cfg, err := app.FromEnv(func(k string) string { return c.env[k] })
	if err != nil {
		c.t.Fatal(err)
	}
	a, err := app.Open(context.Background(), cfg, slog.New(slog.NewTextHandler(io.Discard, nil)), true)
	if err != nil {
		c.t.Fatal(err)
	}
	c.t.Cleanup(func() { a.Close() })
	return a
}
