// Package verify checks a published version from its public files alone,
// with no database and no secret: the signature of publication.json, the
// hashes and row counts of its data files, the public input digest, and
// every published number, recomputed from responses.csv by the scoring
// package bit for bit, with the result digest. `pingyi verify` prints its
// report.
package verify

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"iter"
	"slices"
	"strings"

	"pingyi/publicdata"
	"pingyi/scoring"
	"pingyi/signing"
)

// Files are a version's public files by name (publicdata's names).
type Files map[string][]byte

// Report is the outcome: every difference found, and what could not be
// recomputed (the numbers that depend on withheld data).
type Report struct {
	Differences   []string
	NotRecomputed []string
	Checked       int // published numbers recomputed and compared
}

// Identical is true when nothing differs.
func (r *Report) Identical() bool { return len(r.Differences) == 0 }

func (r *Report) differ(format string, args ...any) {
	r.Differences = append(r.Differences, fmt.Sprintf(format, args...))
}

// Check verifies the files of one version. keys, when not nil, are the
// keys to trust (--key); otherwise signing-keys.json among the files.
func Check(files Files, keys *signing.KeyList) *Report {
	r := &Report{}
	raw, ok := files[publicdata.PublicationFile]
	if !ok {
		r.differ("%s is missing", publicdata.PublicationFile)
		return r
	}
	d, err := decode(raw)
	if err != nil {
		r.differ("%v", err)
		return r
	}
	if d.Format != formatV2 || d.Data == nil {
		r.differ("publication.json is in format %q, which carries no public data: only its digest (sha256sum) can be checked", d.Format)
		return r
	}
	r.checkSignature(files, raw, d, keys)
	if r.allWithheld(files, d) {
		return r
	}
	if !r.checkFiles(files, d) {
		return r
	}
	cfg, err := d.config()
	if err != nil {
		r.differ("%v", err)
		return r
	}
	public, _, err := publicdata.ReadResponses(bytes.NewReader(files[publicdata.ResponsesFile]), cfg)
	if err != nil {
		r.differ("%v", err)
		return r
	}
	if d.Method.Hotline != nil && !slices.ContainsFunc(d.Data.Files, func(f dataFile) bool { return f.Name == publicdata.AppealsFile }) {
		r.differ("the method has a hotline component and publication.json names no %s", publicdata.AppealsFile)
		return r
	}
	if cfg.Hotline, err = d.hotline(cfg, files[publicdata.AppealsFile]); err != nil {
		r.differ("%v", err)
		return r
	}
	withheld := make([]int, len(cfg.Groups))
	for g, mg := range d.Method.Groups {
		if slices.Contains(d.Data.Withheld, mg.Code) {
			withheld[g] = mg.Responses
		}
	}
	digest, err := scoring.PublicInputDigest(cfg, each(public), withheld)
	switch {
	case err != nil:
		r.differ("the public responses cannot be read as the method states them: %v", err)
		return r
	case digest != d.Data.InputDigest:
		r.differ("input digest: publication.json names %s, the public files give %s", d.Data.InputDigest, digest)
	}
	if len(d.Data.Withheld) > 0 {
		r.checkPublishedGroups(cfg, public, d)
		return r
	}
	res, err := scoring.Run(cfg, each(public))
	if err != nil {
		r.differ("scoring the public responses fails: %v", err)
		return r
	}
	r.compareUnits(d.Units, res.Units, nil)
	if res.Responses != d.Run.Responses || int64(res.Ratings) != d.Run.Ratings {
		r.differ("run: publication.json counts %d responses and %d ratings, responses.csv holds %d and %d",
			d.Run.Responses, d.Run.Ratings, res.Responses, res.Ratings)
	}
	units, _ := json.Marshal(res.Units)
	sum := sha256.Sum256(units)
	if got := hex.EncodeToString(sum[:]); got != d.Run.ResultDigest {
		r.differ("result digest: publication.json names %s, the recomputed results give %s", d.Run.ResultDigest, got)
	}
	return r
}

// checkSignature checks publication.json.sig against the key the
// document names, taken from keys or signing-keys.json.
func (r *Report) checkSignature(files Files, raw []byte, d *document, keys *signing.KeyList) {
	if d.Signature == nil {
		r.differ("publication.json is not signed")
		return
	}
	if keys == nil {
		list, ok := files[publicdata.KeysFile]
		if !ok {
			r.differ("no signing keys: give --key or put %s beside publication.json", publicdata.KeysFile)
			return
		}
		keys = &signing.KeyList{}
		if err := json.Unmarshal(list, keys); err != nil {
			r.differ("%s is not a key list: %v", publicdata.KeysFile, err)
			return
		}
	}
	k := keys.Find(d.Signature.KeyID)
	switch {
	case k == nil:
		r.differ("signature: the key %s that publication.json names is not among the keys given", d.Signature.KeyID)
		return
	case (k.Organizer != "" && k.Organizer != d.Signature.Organizer) || k.Algorithm != d.Signature.Algorithm:
		r.differ("signature: key %s belongs to %s (%s), publication.json says %s (%s)", k.ID, k.Organizer, k.Algorithm, d.Signature.Organizer, d.Signature.Algorithm)
	case d.PublishedAt.Before(k.ValidFrom) || (k.ValidTo != nil && d.PublishedAt.After(*k.ValidTo)):
		r.differ("signature: key %s was not valid when the version was published (%s)", k.ID, d.PublishedAt.Format("2006-01-02T15:04:05Z"))
	}
	sig, ok := files[publicdata.SignatureFile]
	if !ok {
		r.differ("%s is missing", publicdata.SignatureFile)
		return
	}
	if err := signing.Verify(*k, raw, sig); err != nil {
		r.differ("signature: %v", err)
	}
}

// checkFiles checks that every data file publication.json names is there
// with its SHA-256 and row count; it reports whether responses.csv can be
// read.
func (r *Report) checkFiles(files Files, d *document) bool {
	ok := false
	for _, f := range d.Data.Files {
		b, present := files[f.Name]
		if !present {
			r.differ("%s is missing", f.Name)
			continue
		}
		if got := publicdata.SHA256(b); got != f.SHA256 {
			r.differ("%s: its SHA-256 is %s, publication.json names %s", f.Name, got, f.SHA256)
		}
		if !strings.HasSuffix(f.Name, ".csv") {
			continue // draw.json is no table: its SHA-256 says all
		}
		if rows, err := csvRows(b); err != nil || rows != f.Rows {
			r.differ("%s: %d rows, publication.json says %d", f.Name, rows, f.Rows)
		}
		ok = ok || f.Name == publicdata.ResponsesFile
	}
	if !ok {
		r.differ("publication.json names no %s", publicdata.ResponsesFile)
	}
	return ok
}

// csvRows counts a CSV file's data rows, the header not included.
func csvRows(b []byte) (int, error) {
	cr := csv.NewReader(bytes.NewReader(b))
	cr.FieldsPerRecord = -1
	n := 0
	for {
		_, err := cr.Read()
		if err == io.EOF {
			return max(n-1, 0), nil
		}
		if err != nil {
			return n, err
		}
		n++
	}
}

func each(rs []scoring.Response) iter.Seq2[scoring.Response, error] {
	return func(yield func(scoring.Response, error) bool) {
		for _, r := range rs {
			if !yield(r, nil) {
				return
			}
		}
	}
}
