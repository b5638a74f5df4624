package command

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"pingyi/storage"
	"pingyi/storage/storagetest"
	"pingyi/survey/surveytest"
)

// cli runs pingyi with a fresh database of dialect d, like a shell would.
type cli struct {
	t   *testing.T
	env map[string]string
}

func newCLI(t *testing.T, d storage.Dialect) *cli {
	return &cli{t: t, env: map[string]string{
		"PINGYI_DB":         storagetest.DSN(t, d),
		"PINGYI_SECRET_KEY": strings.Repeat("cd", 32),
		"PINGYI_LOG_LEVEL":  "error",
	}}
}

func (c *cli) run(args ...string) (code int, stdout, stderr string) {
	var out, errOut bytes.Buffer
	code = Run(context.Background(), args, &out, &errOut, func(k string) string { return c.env[k] })
	return code, out.String(), errOut.String()
}

func TestCommandLine(t *testing.T) {
	for _, d := range storagetest.Backends() {
		t.Run(string(d), func(t *testing.T) {
			c := newCLI(t, d)
			code, out, _ := c.run("migrate", "status")
			if code != 0 || !strings.Contains(out, "0001_accounts") || !strings.Contains(out, "pending") {
				t.Fatalf("migrate status on a fresh database: %d %q", code, out)
			}
			if code, out, _ = c.run("migrate", "up"); code != 0 || !strings.Contains(out, "applied 0001_accounts") {
				t.Fatalf("migrate up: %d %q", code, out)
			}
			code, out, errOut := c.run("user", "add", "--role", "admin", "--name", "root")
			if code != 0 || len(strings.TrimSpace(out)) != 12 || !strings.Contains(errOut, "created root") {
				t.Fatalf("user add: %d stdout %q stderr %q", code, out, errOut)
			}
			if code, _, errOut = c.run("user", "add", "--role", "mayor", "--name", "x"); code != 1 || !strings.Contains(errOut, "未知角色") {
				t.Fatalf("bad role: %d %q", code, errOut)
			}
			def := surveytest.ExamplePath()
			if code, out, errOut = c.run("campaign", "create", "--file", def); code != 0 || out != "2026-annual\n" {
				t.Fatalf("campaign create: %d %q %q", code, out, errOut)
			}
			if code, _, errOut = c.run("campaign", "create", "--file", def); code != 1 || !strings.Contains(errOut, "已存在") {
				t.Fatalf("second create: %d %q", code, errOut)
			}
			if code, out, _ = c.run("campaign", "open", "2026-annual"); code != 0 || out != "2026-annual open\n" {
				t.Fatalf("open: %d %q", code, out)
			}
			if code, out, _ = c.run("campaign", "close", "2026-annual"); code != 0 || out != "2026-annual closed\n" {
				t.Fatalf("close: %d %q", code, out)
			}
			if code, out, _ = c.run("audit", "verify"); code != 0 || !strings.Contains(out, "intact: 4 entries") {
				t.Fatalf("audit verify: %d %q", code, out)
			}
		})
	}
}

func TestCommandLineRefusesNonsense(t *testing.T) {
	c := newCLI(t, storage.SQLite)
	for _, args := range [][]string{{}, {"frobnicate"}, {"migrate"}, {"migrate", "sideways"}, {"campaign", "create"}, {"user", "remove"}, {"serve", "extra"}} {
		if code, _, errOut := c.run(args...); code != 2 || !strings.Contains(errOut, "usage") {
			t.Errorf("pingyi %v: exit %d, stderr %q", args, code, errOut)
		}
	}
	bad := filepath.Join(t.TempDir(), "bad.json")
	os.WriteFile(bad, []byte(`{"code": "x", "units": [{"code": "U1", "catgory": "a"}]}`), 0o600)
	code, out, errOut := c.run("campaign", "create", "--file", bad)
	if code != 1 || out != "" || !strings.Contains(errOut, "units[0].catgory") || !strings.Contains(errOut, "无法识别的字段") {
		t.Fatalf("bad definition: %d %q %q", code, out, errOut)
	}
	c.env["LANG"] = "en_US.UTF-8"
	if _, _, errOut := c.run("campaign", "create", "--file", bad); !strings.Contains(errOut, `unknown field "catgory"`) {
		t.Fatalf("English terminal: %q", errOut)
	}
	c.env["PINGYI_DB"] = "postgres://nope"
	if code, _, errOut := c.run("migrate", "status"); code != 1 || !strings.Contains(errOut, "sqlite:PATH or mysql://") {
		t.Fatalf("unknown database: %d %q", code, errOut)
	}
}

// MySQL needs the key from the environment: several processes must share it.
func TestMySQLRequiresTheSecretKey(t *testing.T) {
	c := newCLI(t, storage.SQLite)
	c.env["PINGYI_DB"] = "mysql://root@tcp(127.0.0.1:1)/none"
	delete(c.env, "PINGYI_SECRET_KEY")
	if code, _, errOut := c.run("migrate", "status"); code != 1 || errOut == "" {
		t.Fatalf("no key and no server: %d %q", code, errOut)
	}
}

// A PINGYI_* variable that cannot be read is named, not answered with the
// usage of a command line that was fine.
func TestCommandLineNamesABadVariable(t *testing.T) {
	c := newCLI(t, storage.SQLite)
	c.env["PINGYI_DB_MAX_CONNS"] = "lots"
	if code, _, errOut := c.run("migrate", "status"); code != 1 || !strings.Contains(errOut, "PINGYI_DB_MAX_CONNS") || strings.Contains(errOut, "usage") {
		t.Fatalf("bad variable: %d %q", code, errOut)
	}
}
