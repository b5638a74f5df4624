package command

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"pingyi/demo"
	"pingyi/publicdata"
	"pingyi/signing"
	"pingyi/storage/storagetest"
)

// The demo's published version, saved to a directory, verifies with no
// database (the command runs with no PINGYI_DB and no secret); a changed
// rating in responses.csv or a changed number in publication.json makes
// it exit 1 naming the difference. SQLite signs with the Ed25519 key
// derived from the secret key, the second back end (MySQL) with an SM2
// PINGYI_SIGNING_KEY.
func TestVerifyTheDemoFromItsPublicFiles(t *testing.T) {
	for i, d := range storagetest.Backends() {
		t.Run(string(d), func(t *testing.T) {
			c, algorithm := newCLI(t, d), signing.Ed25519
			if i == 1 {
				c.env["PINGYI_SIGNING_KEY"], algorithm = "sm2:"+strings.Repeat("5a", 32), signing.SM2
			}
			a := c.app()
			ctx := context.Background()
			if _, err := demo.Load(ctx, a); err != nil {
				t.Fatal(err)
			}
			p, _, err := a.Review.Get(ctx, "2025-annual", 0)
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			save := func(name string, b []byte) {
				if err := os.WriteFile(filepath.Join(dir, name), b, 0o600); err != nil {
					t.Fatal(err)
				}
			}
			save(publicdata.PublicationFile, p.Content)
			for _, name := range []string{publicdata.ResponsesFile, publicdata.SignatureFile} {
				b, err := a.Review.PublicFile(ctx, "2025-annual", p.Version, name)
				if err != nil {
					t.Fatal(err)
				}
				save(name, b)
			}
			keys, _ := a.Review.SigningKeys(ctx)
			if len(keys.Keys) != 1 || keys.Keys[0].Algorithm != algorithm {
				t.Fatalf("signing keys %+v, want one %s key", keys, algorithm)
			}
			raw, _ := json.Marshal(keys)
			save(publicdata.KeysFile, raw)

			outsider := &cli{t: t, env: map[string]string{}}
			code, out, errOut := outsider.run("verify", dir)
			if code != 0 || !strings.HasPrefix(out, "IDENTICAL") {
				t.Fatalf("verify: exit %d, stdout %q, stderr %q", code, out, errOut)
			}

			csv, _ := os.ReadFile(filepath.Join(dir, publicdata.ResponsesFile))
			lines := strings.SplitN(string(csv), "\n", 3)
			fields := strings.Split(lines[1], ",")
			fields[6] = map[bool]string{true: "B", false: "A"}[fields[6] == "A"]
			save(publicdata.ResponsesFile, []byte(lines[0]+"\n"+strings.Join(fields, ",")+"\n"+lines[2]))
			code, out, _ = outsider.run("verify", dir)
			if code != 1 || !strings.Contains(out, "DIFFERS: responses.csv: its SHA-256") {
				t.Fatalf("a changed rating: exit %d, stdout %q", code, out)
			}
			save(publicdata.ResponsesFile, csv)

			// --key: the key as a public page shows it, instead of the list
			// beside the files; another key is refused.
			os.Remove(filepath.Join(dir, publicdata.KeysFile))
			if code, out, _ = outsider.run("verify", dir, "--key", keys.Keys[0].PublicKey); code != 0 || !strings.HasPrefix(out, "IDENTICAL") {
				t.Fatalf("verify --key HEX: exit %d, stdout %q", code, out)
			}
			other := strings.Repeat("ab", 32)
			if code, out, _ = outsider.run("verify", "--key", other, dir); code != 1 || !strings.Contains(out, "is not among the keys given") {
				t.Fatalf("verify --key OTHER: exit %d, stdout %q", code, out)
			}

			forged := strings.Replace(string(p.Content), `"rank": 1,`, `"rank": 2,`, 1)
			save(publicdata.PublicationFile, []byte(forged))
			code, out, _ = outsider.run("verify", dir, "--key", keys.Keys[0].PublicKey)
			if code != 1 || !strings.Contains(out, "DIFFERS: signature") || !strings.Contains(out, " rank: published 2, recomputed 1") {
				t.Fatalf("a changed rank: exit %d, stdout %q", code, out)
			}
		})
	}
}
