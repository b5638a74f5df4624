package command

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"

	"pingyi/app"
	"pingyi/demo"
	"pingyi/storage/storagetest"
)

// `pingyi audit verify` finds an edited publication, an edited audit entry
// and a deleted one, each by name, on both back ends.
func TestAuditVerifyFindsEditsInTheDatabase(t *testing.T) {
	for _, d := range storagetest.Backends() {
		t.Run(string(d), func(t *testing.T) {
			c := newCLI(t, d)
			cfg, _ := app.FromEnv(func(k string) string { return c.env[k] })
			a, err := app.Open(context.Background(), cfg, slog.New(slog.NewTextHandler(io.Discard, nil)), true)
			if err != nil {
				t.Fatal(err)
			}
			defer a.Close()
			if _, err := demo.Load(context.Background(), a); err != nil {
				t.Fatal(err)
			}
			db := a.DB.Gorm
			verify := func(wantCode int, want string) {
				t.Helper()
				code, out, errOut := c.run("audit", "verify")
				if code != wantCode || !strings.Contains(out, want) {
					t.Fatalf("audit verify: exit %d, stdout %q, stderr %q; want exit %d and %q", code, out, errOut, wantCode, want)
				}
			}
			verify(0, "publications intact: 1 versions")

			var content []byte
			db.Raw("SELECT content FROM publications WHERE version = 1").Row().Scan(&content)
			forged := strings.Replace(string(content), `"tier": "不满意"`, `"tier": "基本满意"`, 1)
			if forged == string(content) {
				t.Fatal("nothing to forge in the demo's publication")
			}
			db.Exec("UPDATE publications SET content = ? WHERE version = 1", []byte(forged))
			verify(1, "publication 2025-annual version 1 BROKEN: content was changed after publication")
			db.Exec("UPDATE publications SET content = ? WHERE version = 1", content)
			verify(0, "publications intact")

			var detail string
			db.Raw("SELECT detail FROM audit_log WHERE seq = 3").Row().Scan(&detail)
			db.Exec("UPDATE audit_log SET detail = ? WHERE seq = 3", `{"forged":true}`)
			verify(1, "audit log BROKEN at entry 3: content was changed")
			db.Exec("UPDATE audit_log SET detail = ? WHERE seq = 3", detail)
			verify(0, "audit log intact")

			db.Exec("DELETE FROM audit_log WHERE seq = 5")
			verify(1, "audit log BROKEN at entry 5: missing")
		})
	}
}
