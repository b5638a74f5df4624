package command

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"pingyi/app"
	"pingyi/demo"
	"pingyi/publicdata"
	"pingyi/storage/storagetest"
)

// pingyiBinary builds the pingyi command once per test run, so that
// `pingyi verify` runs as a citizen would run it: another process, with no
// database, no secret and nothing but the address.
var pingyiBinary = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "pingyi-verify-")
	if err != nil {
		return "", err
	}
	bin := filepath.Join(dir, "pingyi")
	cmd := exec.Command("go", "build", "-o", bin, "pingyi")
	cmd.Dir = ".."
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", &buildError{out: string(out), err: err}
	}
	return bin, nil
})

type buildError struct {
	out string
	err error
}

func (e *buildError) Error() string { return e.err.Error() + ": " + e.out }

// lockedBuffer collects the server's log from its goroutines.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// The demo, published and served on a real port, verifies from its
// address alone in a fresh process (IDENTICAL, exit 0); a stored data
// file or signature altered is named and exits 1; a stored version whose
// bytes no longer hash to its digest is not served (500, logged as an
// error). On both back ends; the second signs with SM2.
func TestVerifyAPublishedVersionByItsAddress(t *testing.T) {
	bin, err := pingyiBinary()
	if err != nil {
		t.Fatal(err)
	}
	for i, d := range storagetest.Backends() {
		t.Run(string(d), func(t *testing.T) {
			c := newCLI(t, d)
			if i == 1 {
				c.env["PINGYI_SIGNING_KEY"] = "sm2:" + strings.Repeat("5a", 32)
			}
			cfg, _ := app.FromEnv(func(k string) string { return c.env[k] })
			logs := &lockedBuffer{}
			a, err := app.Open(context.Background(), cfg, slog.New(slog.NewTextHandler(logs, nil)), true)
			if err != nil {
				t.Fatal(err)
			}
			defer a.Close()
			ctx := context.Background()
			if _, err := demo.Load(ctx, a); err != nil {
				t.Fatal(err)
			}
			ln, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				t.Fatal(err)
			}
			a.Config.PublicURL = ""
			serveCtx, stop := context.WithCancel(ctx)
			done := make(chan error, 1)
			go func() { done <- a.Serve(serveCtx, ln) }()
			defer func() { stop(); <-done }()
			base := app.LocalURL(ln)
			version := base + "/p/" + demo.PreviousCode + "/v/1"

			citizen := func(wantCode int, want ...string) {
				t.Helper()
				cmd := exec.Command(bin, "verify", version)
				cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + t.TempDir()}
				var out, errOut bytes.Buffer
				cmd.Stdout, cmd.Stderr = &out, &errOut
				err := cmd.Run()
				code := 0
				if x, ok := err.(*exec.ExitError); ok {
					code = x.ExitCode()
				} else if err != nil {
					t.Fatal(err)
				}
				for _, w := range want {
					if code != wantCode || !strings.Contains(out.String()+errOut.String(), w) {
						t.Fatalf("pingyi verify %s: exit %d, stdout %q, stderr %q; want exit %d and %q", version, code, out.String(), errOut.String(), wantCode, w)
					}
				}
			}
			citizen(0, "IDENTICAL")

			get := func(path string) (int, string) {
				t.Helper()
				resp, err := http.Get(base + path)
				if err != nil {
					t.Fatal(err)
				}
				defer resp.Body.Close()
				b, _ := io.ReadAll(resp.Body)
				return resp.StatusCode, string(b)
			}
			status, keys := get("/.well-known/pingyi-signing-keys")
			var list struct {
				Keys []struct{ ID, Algorithm, Fingerprint, PublicKey string } `json:"keys"`
			}
			if status != 200 || json.Unmarshal([]byte(keys), &list) != nil || len(list.Keys) != 1 || len(list.Keys[0].Fingerprint) != 79 {
				t.Fatalf("signing keys: %d %s", status, keys)
			}
			status, page := get("/p/" + demo.PreviousCode)
			for _, want := range []string{list.Keys[0].Fingerprint, "pingyi verify " + version, "publication.json.sig", "responses.csv", "xoshiro256**", "⌈0.025·B⌉"} {
				if status != 200 || !strings.Contains(page, want) {
					t.Fatalf("the public page (%d) does not show %q", status, want)
				}
			}
			if strings.Contains(page, "weiyuan") {
				t.Fatal("the public page names a committee member's login")
			}
			if status, body := get("/p/" + demo.PreviousCode + "/v/1/appeals.csv"); status != 404 || !strings.Contains(body, "appeals.csv") {
				t.Fatalf("appeals.csv of an index without hotline: %d %q", status, body)
			}

			// A stored file altered in the database: the citizen is told
			// which, and how.
			db := a.DB.Gorm
			alter := func(name string, edit func([]byte) []byte) (restore func()) {
				return alterStoredFile(t, db, demo.PreviousCode, 1, name, edit)
			}
			restore := alter(publicdata.ResponsesFile, func(b []byte) []byte {
				lines := strings.SplitN(string(b), "\n", 3)
				f := strings.Split(lines[1], ",")
				f[3] = "2" // the first response's weight
				return []byte(lines[0] + "\n" + strings.Join(f, ",") + "\n" + lines[2])
			})
			citizen(1, "DIFFERS: responses.csv: its SHA-256", "differences")
			restore()
			citizen(0, "IDENTICAL")

			restore = alter(publicdata.SignatureFile, func(b []byte) []byte {
				s := []byte(strings.TrimSpace(string(b)))
				s[0] ^= 1 // still hex: '0'↔'1', 'a'↔'`' is not, so pick a digit
				if s[0] < '0' || s[0] > '9' {
					s[0] = '0'
				}
				return append(s, '\n')
			})
			citizen(1, "DIFFERS: signature")
			restore()
			citizen(0, "IDENTICAL")

			// The stored document itself altered: it is not served.
			var content []byte
			db.Raw("SELECT content FROM publications WHERE version = 1").Row().Scan(&content)
			forged := strings.Replace(string(content), `"rank": 1,`, `"rank": 2,`, 1)
			db.Exec("UPDATE publications SET content = ? WHERE version = 1", []byte(forged))
			// A serve process keeps what it served of a version, by its
			// digest; one that has not served it yet reads the forged bytes
			// and refuses them.
			ln2, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				t.Fatal(err)
			}
			done2 := make(chan error, 1)
			go func() { done2 <- a.Serve(serveCtx, ln2) }()
			defer func() { stop(); <-done2 }()
			base = app.LocalURL(ln2)
			version = base + "/p/" + demo.PreviousCode + "/v/1"
			for _, path := range []string{"/p/" + demo.PreviousCode, "/p/" + demo.PreviousCode + "/v/1/publication.json", "/p/" + demo.PreviousCode + "/v/1/responses.csv"} {
				if status, body := get(path); status != 500 || !strings.Contains(body, "不再是当初发布的内容") {
					t.Fatalf("%s of a forged version: %d %q", path, status, body)
				}
			}
			if !strings.Contains(logs.String(), "level=ERROR msg=\"stored publication does not hash to its digest") {
				t.Fatalf("the refusal is not logged as an error: %s", logs.String())
			}
			citizen(1, "500")
		})
	}
}
