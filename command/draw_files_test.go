package command

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"

	"gorm.io/gorm"

	"pingyi/app"
	"pingyi/audit"
	"pingyi/demo"
	"pingyi/publicdata"
	"pingyi/review"
	"pingyi/storage/storagetest"
	"pingyi/survey"
)

// publishDemoCampaign publishes the demo's 2026 campaign, whose phone draw
// is executed, as its committee would: closed, under review, a run
// approved by the quorum, published.
func publishDemoCampaign(t *testing.T, a *app.App) *review.Content {
	t.Helper()
	ctx, code := context.Background(), demo.CampaignCode
	for _, to := range []survey.Status{survey.Closed, survey.Review} {
		if _, err := a.Survey.SetStatus(ctx, code, to, audit.Actor{Login: "admin"}); err != nil {
			t.Fatal(err)
		}
	}
	run, _, err := a.Results.Create(ctx, code, audit.Actor{Login: "weiyuan1"})
	if err != nil {
		t.Fatal(err)
	}
	for _, login := range []string{"weiyuan1", "weiyuan2", "weiyuan3"} {
		u, _ := a.Accounts.ByLogin(ctx, login)
		if err := a.Review.Approve(ctx, code, run.ID, u.Actor()); err != nil {
			t.Fatal(err)
		}
	}
	u, _ := a.Accounts.ByLogin(ctx, "weiyuan1")
	if _, err := a.Review.Publish(ctx, code, review.PublishRequest{Run: run.ID}, u.Actor()); err != nil {
		t.Fatal(err)
	}
	_, content, err := a.Review.Get(ctx, code, 0)
	if err != nil {
		t.Fatal(err)
	}
	return content
}

// alterStoredFile rewrites the stored bytes of a version's public file
// with edit, as someone with the database could; restore puts them back.
func alterStoredFile(t *testing.T, db *gorm.DB, code string, version int, name string, edit func([]byte) []byte) (restore func()) {
	t.Helper()
	var file int64
	db.Raw(`SELECT f.id FROM publication_files f JOIN publications p ON p.id = f.publication_id
		JOIN campaigns c ON c.id = p.campaign_id WHERE c.code = ? AND p.version = ? AND f.name = ?`, code, version, name).Row().Scan(&file)
	rows, err := db.Raw("SELECT content FROM publication_file_chunks WHERE file_id = ? ORDER BY seq", file).Rows()
	if err != nil || file == 0 {
		t.Fatal(file, err)
	}
	var chunks [][]byte
	var packed []byte
	for rows.Next() {
		var b []byte
		rows.Scan(&b)
		chunks = append(chunks, b)
		packed = append(packed, b...)
	}
	rows.Close()
	zr, err := gzip.NewReader(bytes.NewReader(packed))
	if err != nil {
		t.Fatal(err)
	}
	plain, _ := io.ReadAll(zr)
	var z bytes.Buffer
	zw := gzip.NewWriter(&z)
	zw.Write(edit(plain))
	zw.Close()
	db.Exec("DELETE FROM publication_file_chunks WHERE file_id = ?", file)
	db.Exec("INSERT INTO publication_file_chunks (file_id, seq, content) VALUES (?, 0, ?)", file, z.Bytes())
	return func() {
		db.Exec("DELETE FROM publication_file_chunks WHERE file_id = ?", file)
		for seq, b := range chunks {
			db.Exec("INSERT INTO publication_file_chunks (file_id, seq, content) VALUES (?, ?, ?)", file, seq, b)
		}
	}
}

// A version published after the draw was executed freezes draw.json and
// sample.csv: publication.json lists them with their SHA-256 and rows,
// the routes serve those bytes byte for byte, `pingyi verify` of the
// version's address says IDENTICAL, and a stored sample.csv altered in
// the database makes both `audit verify` and `pingyi verify` exit 1
// naming it. On both back ends.
func TestTheDrawIsFrozenWithEachVersion(t *testing.T) {
	for _, d := range storagetest.Backends() {
		t.Run(string(d), func(t *testing.T) {
			c := newCLI(t, d)
			a := demoApp(t, c)
			content := publishDemoCampaign(t, a)
			code := demo.CampaignCode
			listed := map[string]review.DataFile{}
			for _, f := range content.Data.Files {
				listed[f.Name] = f
			}
			draw, sample := listed[publicdata.DrawFile], listed[publicdata.SampleFile]
			if len(draw.SHA256) != 64 || len(sample.SHA256) != 64 || sample.Rows == 0 || draw.Rows != 0 {
				t.Fatalf("publication.json lists %+v", content.Data.Files)
			}

			ln, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				t.Fatal(err)
			}
			a.Config.PublicURL = ""
			serveCtx, stop := context.WithCancel(context.Background())
			done := make(chan error, 1)
			go func() { done <- a.Serve(serveCtx, ln) }()
			defer func() { stop(); <-done }()
			version := app.LocalURL(ln) + "/p/" + code + "/v/1"
			get := func(name string) (int, []byte) {
				t.Helper()
				resp, err := http.Get(version + "/" + name)
				if err != nil {
					t.Fatal(err)
				}
				defer resp.Body.Close()
				b, _ := io.ReadAll(resp.Body)
				return resp.StatusCode, b
			}
			for _, f := range []review.DataFile{draw, sample} {
				status, b := get(f.Name)
				stored, err := a.Review.PublicFile(context.Background(), code, 1, f.Name)
				if status != 200 || err != nil || !bytes.Equal(b, stored) || publicdata.SHA256(b) != f.SHA256 {
					t.Fatalf("%s: %d, %v, served %d bytes hashing to %s, publication.json names %s", f.Name, status, err, len(b), publicdata.SHA256(b), f.SHA256)
				}
			}
			_, b := get(publicdata.SampleFile)
			if got := strings.Count(string(b), "\n") - 1; got != sample.Rows {
				t.Fatalf("sample.csv has %d rows, publication.json says %d", got, sample.Rows)
			}
			// The version published before the draw was executed lists no
			// draw file and serves none.
			resp, err := http.Get(app.LocalURL(ln) + "/p/" + demo.PreviousCode + "/v/1/" + publicdata.SampleFile)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusNotFound {
				t.Fatalf("sample.csv of a version without the draw: %d", resp.StatusCode)
			}

			outsider := &cli{t: t, env: map[string]string{}}
			citizen := func(wantCode int, want string) {
				t.Helper()
				if code, out, errOut := outsider.run("verify", version); code != wantCode || !strings.Contains(out, want) {
					t.Fatalf("pingyi verify: exit %d, stdout %q, stderr %q; want exit %d and %q", code, out, errOut, wantCode, want)
				}
			}
			auditVerify := func(wantCode int, want string) {
				t.Helper()
				if code, out, errOut := c.run("audit", "verify"); code != wantCode || !strings.Contains(out, want) {
					t.Fatalf("audit verify: exit %d, stdout %q, stderr %q; want exit %d and %q", code, out, errOut, wantCode, want)
				}
			}
			citizen(0, "IDENTICAL")
			auditVerify(0, "publications intact: 2 versions")

			restore := alterStoredFile(t, a.DB.Gorm, code, 1, publicdata.SampleFile, func(b []byte) []byte {
				lines := strings.SplitN(string(b), "\n", 3)
				f := strings.Split(lines[1], ",")
				f[3] = strings.Repeat("0", len(f[3])) // the first case's entry digest
				return []byte(lines[0] + "\n" + strings.Join(f, ",") + "\n" + lines[2])
			})
			citizen(1, "DIFFERS: sample.csv: its SHA-256")
			auditVerify(1, "its data file sample.csv was changed")
			restore()
			citizen(0, "IDENTICAL")
			auditVerify(0, "publications intact: 2 versions")
		})
	}
}

// A published run's stored results edited afterwards, with their result
// digest recomputed so that the run agrees with itself, make `audit
// verify` exit 1 naming the run; put back, it is intact again. On both
// back ends.
func TestAuditVerifyDetectsAPublishedRunEditedAfterwards(t *testing.T) {
	for _, d := range storagetest.Backends() {
		t.Run(string(d), func(t *testing.T) {
			c := newCLI(t, d)
			a := demoApp(t, c)
			_, content, err := a.Review.Get(context.Background(), demo.PreviousCode, 1)
			if err != nil {
				t.Fatal(err)
			}
			db := a.DB.Gorm
			run := content.Run.ID
			var units []byte
			var digest string
			db.Raw("SELECT units, result_digest FROM score_runs WHERE id = ?", run).Row().Scan(&units, &digest)
			edited := strings.Replace(string(units), `"rank":1,`, `"rank":2,`, 1)
			if edited == string(units) || digest != content.Run.ResultDigest {
				t.Fatalf("nothing to edit in run %d's results (digest %s, published %s)", run, digest, content.Run.ResultDigest)
			}
			sum := sha256.Sum256([]byte(edited))
			db.Exec("UPDATE score_runs SET units = ?, result_digest = ? WHERE id = ?", []byte(edited), hex.EncodeToString(sum[:]), run)
			code, out, errOut := c.run("audit", "verify")
			if code != 1 || !strings.Contains(out, "results were changed after publication") {
				t.Fatalf("audit verify of an edited run: exit %d, stdout %q, stderr %q", code, out, errOut)
			}
			db.Exec("UPDATE score_runs SET units = ?, result_digest = ? WHERE id = ?", units, digest, run)
			if code, out, errOut := c.run("audit", "verify"); code != 0 || !strings.Contains(out, "publications intact") {
				t.Fatalf("audit verify, run put back: exit %d, stdout %q, stderr %q", code, out, errOut)
			}
		})
	}
}
