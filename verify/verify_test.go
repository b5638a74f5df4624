package verify

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"pingyi/publicdata"
	"pingyi/scoring"
	"pingyi/signing"
)

// hotlineVersion makes the public files of a version whose index has a
// hotline component, straight from the scoring package, as a publisher
// following SPEC would.
func hotlineVersion(t *testing.T) (Files, *signing.KeyList) {
	cfg, stream := scoring.Synthetic(600, 6, 4, 3)
	cfg.Bootstrap = 30
	h := &scoring.Hotline{Survey: 0.8, Hotline: 0.2, Weights: [5]float64{0.1, 0.3, 0.3, 0.3, 0}, MinCases: 5, MinRateN: 2}
	for u := range cfg.Units {
		c := scoring.HotlineCounts{Cases: 3 + 4*u}
		for k := range c.Rates {
			c.Rates[k] = scoring.RateCount{Num: u + k, Den: 2*u + k + 3}
		}
		h.Units = append(h.Units, c)
	}
	cfg.Hotline = h
	res, err := scoring.Run(cfg, stream)
	if err != nil {
		t.Fatal(err)
	}
	var responses, appeals bytes.Buffer
	w, _ := publicdata.NewResponsesWriter(&responses, cfg)
	digest, _, err := scoring.PublicData(cfg, stream, make([]bool, len(cfg.Groups)), w.Add)
	if err != nil || w.Close() != nil {
		t.Fatal(err)
	}
	rows, _ := publicdata.WriteAppeals(&appeals, cfg, h.Units)

	type obj = map[string]any
	var groups, indicators, scale []obj
	for _, g := range cfg.Groups {
		groups = append(groups, obj{"code": g.Code, "weight_as_written": g.Weight, "min_sample": g.MinSample, "responses": 0})
	}
	for _, i := range cfg.Indicators {
		indicators = append(indicators, obj{"code": i.Code, "weight_as_written": i.Weight, "auxiliary": i.Auxiliary})
	}
	for _, o := range cfg.Options {
		scale = append(scale, obj{"code": o.Code, "score": o.Score, "satisfied": o.Satisfied, "excluded": o.Excluded})
	}
	units, _ := json.Marshal(res.Units)
	sum := sha256.Sum256(units)
	signer, _ := signing.NewSigner(signing.DefaultOrganizer, bytes.Repeat([]byte{1}, 32))
	published := time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC)
	key := signer.Key(published)
	doc, _ := json.MarshalIndent(obj{
		"format": formatV2, "published_at": published,
		"run": obj{"result_digest": hex.EncodeToString(sum[:]), "responses": res.Responses, "ratings": res.Ratings},
		"method": obj{"groups": groups, "indicators": indicators, "scale": scale, "bootstrap": cfg.Bootstrap, "seed": cfg.Seed,
			"tie_decimals": cfg.TieDecimals, "hotline": obj{"survey": h.Survey, "hotline": h.Hotline, "min_cases": h.MinCases, "min_rate_n": h.MinRateN,
				"rates": obj{"response": 0.1, "on_time": 0.3, "resolution": 0.3, "satisfaction": 0.3, "settled": 0}}},
		"units": json.RawMessage(units),
		"data": obj{"input_digest": digest, "withheld_groups": []string{}, "files": []obj{
			{"name": publicdata.ResponsesFile, "sha256": publicdata.SHA256(responses.Bytes()), "rows": w.Rows},
			{"name": publicdata.AppealsFile, "sha256": publicdata.SHA256(appeals.Bytes()), "rows": rows}}},
		"signature": obj{"organizer": key.Organizer, "algorithm": key.Algorithm, "key_id": key.ID},
	}, "", "  ")
	sig, _ := signer.Sign(doc)
	return Files{publicdata.PublicationFile: doc, publicdata.SignatureFile: sig,
		publicdata.ResponsesFile: responses.Bytes(), publicdata.AppealsFile: appeals.Bytes()}, &signing.KeyList{Keys: []signing.Key{key}}
}

func TestHotlineComponentIsRecomputedFromAppeals(t *testing.T) {
	files, keys := hotlineVersion(t)
	r := Check(files, keys)
	if !r.Identical() || len(r.NotRecomputed) != 0 {
		t.Fatalf("differences %q, not recomputed %q", r.Differences, r.NotRecomputed)
	}
	// Another count in appeals.csv, its hash updated in the document: the
	// signature, the input digest and the hotline's units all differ.
	appeals := string(files[publicdata.AppealsFile])
	line := strings.Split(appeals, "\n")[6] // the last unit: enough cases for a hotline score
	fields := strings.Split(line, ",")
	fields[2] = "0"
	forged := []byte(strings.Replace(appeals, line, strings.Join(fields, ","), 1))
	doc := bytes.Replace(files[publicdata.PublicationFile], []byte(publicdata.SHA256(files[publicdata.AppealsFile])), []byte(publicdata.SHA256(forged)), 1)
	files[publicdata.AppealsFile], files[publicdata.PublicationFile] = forged, doc
	all := strings.Join(Check(files, keys).Differences, "\n")
	for _, want := range []string{"signature", "input digest", "unit " + fields[0] + " index: published", "result digest"} {
		if !strings.Contains(all, want) {
			t.Errorf("differences do not name %q:\n%s", want, all)
		}
	}
}
