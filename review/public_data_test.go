package review_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gorm.io/gorm"

	"pingyi/audit"
	"pingyi/fault"
	"pingyi/publicdata"
	"pingyi/review"
	"pingyi/signing"
	"pingyi/storage"
	"pingyi/storage/storagetest"
	"pingyi/survey"
	"pingyi/verify"
)

// publicFiles publishes the example campaign, signed, and writes its
// version's public files to a directory, as a citizen would save them.
func publicFiles(t *testing.T, f *fixture) (string, *review.Publication) {
	signer, err := signing.NewSigner(signing.DefaultOrganizer, bytes.Repeat([]byte{9}, 32))
	if err != nil {
		t.Fatal(err)
	}
	f.review.UseSigner(signer)
	p := f.published("2026-annual", 2026)
	ctx := context.Background()
	dir := t.TempDir()
	write := func(name string, b []byte) {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write(publicdata.PublicationFile, p.Content)
	for _, name := range []string{publicdata.ResponsesFile, publicdata.SignatureFile} {
		b, err := f.review.PublicFile(ctx, "2026-annual", p.Version, name)
		if err != nil {
			t.Fatal(err)
		}
		write(name, b)
	}
	keys, err := f.review.SigningKeys(ctx)
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := json.Marshal(keys)
	write(publicdata.KeysFile, raw)
	return dir, p
}

func TestPublicFilesVerifyIdenticalAndEachTamperingIsNamed(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		f := newFixture(t, db)
		dir, p := publicFiles(t, f)
		files, err := verify.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		r := verify.Check(files, nil)
		if !r.Identical() || r.Checked < 30 {
			t.Fatalf("the untouched files: differences %q after %d numbers", r.Differences, r.Checked)
		}
		content, _ := p.Decode()
		if content.Signature == nil || content.Data == nil || content.AuditLog == nil || content.AuditLog.Length == 0 || content.Software == "" {
			t.Fatalf("publication.json lacks what v2 carries: %+v", content)
		}

		csv := string(files[publicdata.ResponsesFile])
		line := strings.SplitN(csv, "\n", 3)[1] // the first rating
		changed := line[:len(line)-1] + map[bool]string{true: "B", false: "A"}[strings.HasSuffix(line, "A")]
		forgedCSV := []byte(strings.Replace(csv, line, changed, 1))
		reHashed := bytes.Replace(files[publicdata.PublicationFile], []byte(publicdata.SHA256(files[publicdata.ResponsesFile])), []byte(publicdata.SHA256(forgedCSV)), 1)
		firstIndex := content.Units[0].Index
		sig := bytes.Clone(files[publicdata.SignatureFile])
		sig[3] = map[bool]byte{true: 'b', false: 'a'}[sig[3] == 'a']

		for _, tt := range []struct {
			name   string
			tamper func(verify.Files)
			want   []string
		}{
			{"a changed rating", func(v verify.Files) { v[publicdata.ResponsesFile] = forgedCSV }, []string{"responses.csv: its SHA-256"}},
			{"a changed rating with its hash in publication.json", func(v verify.Files) {
				v[publicdata.ResponsesFile], v[publicdata.PublicationFile] = forgedCSV, reHashed
			}, []string{"signature", "input digest", "recomputed"}},
			{"a changed number", func(v verify.Files) {
				v[publicdata.PublicationFile] = bytes.Replace(v[publicdata.PublicationFile], []byte(jsonNumber(*firstIndex)), []byte(jsonNumber(*firstIndex+0.5)), 1)
			}, []string{"signature", "unit " + content.Units[0].UnitCode + " index: published"}},
			{"an altered signature", func(v verify.Files) { v[publicdata.SignatureFile] = sig }, []string{"signature: the signature does not match"}},
			{"a missing data file", func(v verify.Files) { delete(v, publicdata.ResponsesFile) }, []string{"responses.csv is missing"}},
		} {
			t.Run(tt.name, func(t *testing.T) {
				forged := verify.Files{}
				for k, b := range files {
					forged[k] = b
				}
				tt.tamper(forged)
				r := verify.Check(forged, nil)
				all := strings.Join(r.Differences, "\n")
				for _, want := range tt.want {
					if !strings.Contains(all, want) {
						t.Errorf("differences do not name %q:\n%s", want, all)
					}
				}
			})
		}

		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			name := strings.TrimPrefix(r.URL.Path, "/p/2026-annual/v/1/")
			if r.URL.Path == verify.KeysPath {
				name = publicdata.KeysFile
			}
			http.ServeFile(w, r, filepath.Join(dir, filepath.Base(name)))
		}))
		defer srv.Close()
		fetched, err := verify.Fetch(context.Background(), srv.Client(), srv.URL+"/p/2026-annual/v/1")
		if err != nil {
			t.Fatal(err)
		}
		if r := verify.Check(fetched, nil); !r.Identical() {
			t.Fatalf("the files served: %q", r.Differences)
		}
	})
}

func jsonNumber(x float64) string {
	b, _ := json.Marshal(x)
	return string(b)
}

// A group whose publish_data is none is in no file; verification checks
// what does not depend on it and names what it could not recompute.
func TestWithheldGroupIsLeftOutAndNamed(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		f := newFixture(t, db)
		f.campaign("2026-annual", 2026)
		// As a definition with "publish_data": "none" for deputies stores it.
		// (structure_version: the store caches structures by it.)
		for _, sql := range []string{"UPDATE respondent_groups SET publish_data = 'none' WHERE code = 'deputies'",
			"UPDATE campaigns SET structure_version = structure_version + 1"} {
			if err := db.Gorm.Exec(sql).Error; err != nil {
				t.Fatal(err)
			}
		}
		f.status("2026-annual", survey.Closed, survey.Review)
		run := f.run("2026-annual")
		f.approve("2026-annual", run, f.members[0], f.members[1])
		p, err := f.review.Publish(context.Background(), "2026-annual", review.PublishRequest{Run: run.ID}, f.members[0].Actor())
		if err != nil {
			t.Fatal(err)
		}
		csv, err := f.review.PublicFile(context.Background(), "2026-annual", 1, publicdata.ResponsesFile)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(csv), ",deputies,") || !strings.Contains(string(csv), ",public,") {
			t.Fatalf("responses.csv:\n%s", csv)
		}
		r := verify.Check(verify.Files{publicdata.PublicationFile: p.Content, publicdata.ResponsesFile: csv}, &signing.KeyList{})
		if len(r.Differences) != 1 || !strings.Contains(r.Differences[0], "not signed") {
			t.Fatalf("differences %q, want only the missing signature", r.Differences)
		}
		if len(r.NotRecomputed) < 2 || !strings.Contains(r.NotRecomputed[0], "deputies") || r.Checked == 0 {
			t.Fatalf("not recomputed %q after %d numbers", r.NotRecomputed, r.Checked)
		}
		content, _ := p.Decode()
		if len(content.Data.Withheld) != 1 || content.Data.Withheld[0] != "deputies" || content.Method.Groups[1].PublishData != "none" {
			t.Fatalf("the method does not name the withheld group: %+v %+v", content.Data, content.Method.Groups[1])
		}
	})
}

// audit verify (review.Verify) checks a version's stored data files and
// its signature.
func TestVerifyFindsAlteredDataAndSignatures(t *testing.T) {
	for _, tt := range []struct {
		name, sql, reason string
	}{
		{"a changed data file", "UPDATE publication_file_chunks SET content = ? WHERE file_id IN (SELECT id FROM publication_files WHERE name = 'responses.csv')", "data file responses.csv was changed"},
		{"an altered signature", "UPDATE publication_file_chunks SET content = ? WHERE file_id IN (SELECT id FROM publication_files WHERE name = 'publication.json.sig')", "signature does not hold"},
		{"an unlisted key", "DELETE FROM signing_keys WHERE ? IS NOT NULL", "is not listed"},
		{"an audit log rewritten before it", "UPDATE audit_log SET hash = 'forged' WHERE ? IS NOT NULL AND seq = (SELECT n FROM (SELECT MAX(seq) - 1 AS n FROM audit_log) x)", "no longer holds the head"},
	} {
		for _, d := range storagetest.Backends() {
			t.Run(tt.name+"/"+string(d), func(t *testing.T) {
				f := newFixture(t, storagetest.Open(t, d))
				publicFiles(t, f)
				if _, brk, err := f.review.Verify(context.Background()); brk != nil || err != nil {
					t.Fatalf("before tampering: %v %v", brk, err)
				}
				var forged bytes.Buffer
				gz := gzip.NewWriter(&forged)
				gz.Write([]byte("0000\n"))
				gz.Close()
				if err := f.db.Gorm.Exec(tt.sql, forged.Bytes()).Error; err != nil {
					t.Fatal(err)
				}
				_, brk, err := f.review.Verify(context.Background())
				if err != nil || brk == nil || brk.Version != 1 || !strings.Contains(brk.Reason, tt.reason) {
					t.Fatalf("break = %v (%v), want %q", brk, err, tt.reason)
				}
			})
		}
	}
}

// Rotation: a new key is listed by the first version it signs and the old
// one retired, still listed, so every version still verifies; a retired
// key cannot sign again.
func TestSigningKeyRotation(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		dir, _ := publicFiles(t, f)
		first, _ := signing.NewSigner(signing.DefaultOrganizer, bytes.Repeat([]byte{9}, 32))
		second, _ := signing.NewSigner(signing.DefaultOrganizer, bytes.Repeat([]byte{10}, 32))
		f.review.UseSigner(second)
		f.exclude("2026-annual", "R01")
		run := f.run("2026-annual")
		f.approve("2026-annual", run, f.members[1], f.members[2])
		v2, err := f.review.Publish(ctx, "2026-annual", review.PublishRequest{Run: run.ID, ChangeNote: "更正"}, f.members[1].Actor())
		if err != nil {
			t.Fatal(err)
		}
		keys, _ := f.review.SigningKeys(ctx)
		if len(keys.Keys) != 2 || keys.Keys[0].ValidTo == nil || keys.Keys[1].ValidTo != nil || keys.Keys[1].ID != second.Key(v2.PublishedAt).ID {
			t.Fatalf("keys after rotation: %+v", keys)
		}
		v1Files, _ := verify.ReadDir(dir)
		if r := verify.Check(v1Files, &keys); !r.Identical() {
			t.Fatalf("version 1 under the rotated key list: %q", r.Differences)
		}
		csv, _ := f.review.PublicFile(ctx, "2026-annual", 2, publicdata.ResponsesFile)
		sig, _ := f.review.PublicFile(ctx, "2026-annual", 2, publicdata.SignatureFile)
		v2Files := verify.Files{publicdata.PublicationFile: v2.Content, publicdata.ResponsesFile: csv, publicdata.SignatureFile: sig}
		if r := verify.Check(v2Files, &keys); !r.Identical() {
			t.Fatalf("version 2: %q", r.Differences)
		}
		f.review.UseSigner(first)
		f.exclude("2026-annual", "R02")
		run = f.run("2026-annual")
		f.approve("2026-annual", run, f.members[1], f.members[2])
		_, err = f.review.Publish(ctx, "2026-annual", review.PublishRequest{Run: run.ID, ChangeNote: "再更正"}, f.members[1].Actor())
		wantKind(t, "publishing with a retired key", err, fault.Conflict)
	})
}

// A version published before public data existed keeps its v1 document:
// audit verify recognises it by its format and checks it as before.
func TestVersionOneDocumentsStillVerify(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		f := newFixture(t, db)
		p := f.published("2026-annual", 2026)
		c, _ := p.Decode()
		c.Format, c.Data, c.Software, c.AuditLog, c.Signature, c.Method.Generator = review.ContentFormatV1, nil, "", nil, nil, ""
		for i := range c.Method.Groups {
			c.Method.Groups[i].WeightAsWritten, c.Method.Groups[i].PublishData = nil, ""
		}
		for i := range c.Method.Indicators {
			c.Method.Indicators[i].WeightAsWritten = nil
		}
		for i, u := range c.Units {
			c.Units[i].Indicators = nil
			for code, g := range u.Groups {
				u.Groups[code] = review.GroupSize{N: g.N, Counted: g.Counted}
			}
		}
		old, _ := review.Encode(c)
		if bytes.Contains(old, []byte("weight_as_written")) || bytes.Contains(old, []byte(`"data"`)) {
			t.Fatalf("not a v1 document:\n%s", old)
		}
		// As it was stored and recorded when v1 was the format.
		err := db.Tx(context.Background(), func(tx *gorm.DB) error {
			for _, sql := range []string{"DELETE FROM publication_file_chunks", "DELETE FROM publication_files"} {
				if err := tx.Exec(sql).Error; err != nil {
					return err
				}
			}
			if err := tx.Exec("UPDATE publications SET content = ?, digest = ? WHERE id = ?", old, review.Digest(old), p.ID).Error; err != nil {
				return err
			}
			return f.log.Append(tx, audit.Entry{Actor: audit.Actor{Login: "test"}, Action: "publication.publish", Object: review.PublicationObject("2026-annual", 1),
				Detail: map[string]any{"campaign": "2026-annual", "version": 1, "digest": review.Digest(old)}})
		})
		if err != nil {
			t.Fatal(err)
		}
		if n, brk, err := f.review.Verify(context.Background()); n != 1 || brk != nil || err != nil {
			t.Fatalf("a v1 version: %d checked, %v, %v", n, brk, err)
		}
		r := verify.Check(verify.Files{publicdata.PublicationFile: old}, nil)
		if r.Identical() || !strings.Contains(r.Differences[0], "carries no public data") {
			t.Fatalf("pingyi verify on a v1 document: %q", r.Differences)
		}
	})
}
