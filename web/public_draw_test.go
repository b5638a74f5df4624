package web_test

import (
	"encoding/csv"
	"encoding/json"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"

	"pingyi/account"
	"pingyi/app/apptest"
	"pingyi/demo"
	"pingyi/phone"
	"pingyi/publicdata"
	"pingyi/review"
	"pingyi/sampling"
	"pingyi/storage"
)

// The draw's commitment is public from the moment the draw is planned: on
// the home page and on the draw's own page, before any witness.
func TestTheDrawCommitmentIsPublicOnceplanned(t *testing.T) {
	apptest.Each(t, func(t *testing.T, h *apptest.Harness) {
		h.PhoneCampaign()
		rec := apptest.Expect(t, h.API(account.Admin, "POST", "/api/v1/campaigns/2026-annual/phone/draw",
			`{"method": "equal", "completes": 4, "minimum": 1, "response_rate": 0.5, "replicates": 2}`), http.StatusOK)
		d := apptest.Decode[struct{ Commitment string }](t, rec)
		if len(d.Commitment) != 64 {
			t.Fatalf("plan: %s", rec.Body)
		}
		home := apptest.Expect(t, h.Page(apptest.Stranger, "GET", "/", nil), http.StatusOK).Body.String()
		if !strings.Contains(home, d.Commitment) || !strings.Contains(home, "电话抽样种子承诺") || !strings.Contains(home, `href="/p/2026-annual/draw"`) {
			t.Fatalf("the home page does not show the commitment: %s", home)
		}
		page := apptest.Expect(t, h.Page(apptest.Stranger, "GET", "/p/2026-annual/draw", nil), http.StatusOK).Body.String()
		if !strings.Contains(page, d.Commitment) || !strings.Contains(page, "尚未确定") || strings.Contains(page, apptest.Login(account.Admin)) {
			t.Fatalf("the draw's page: %s", page)
		}
		if rec := h.Page(apptest.Stranger, "GET", "/p/nope/draw", nil); rec.Code != http.StatusNotFound {
			t.Fatalf("an unknown campaign's draw: %d", rec.Code)
		}
	})
}

// A published version serves the executed draw's record and its sample
// manifest: the manifest rebuilds the record's sample digest, holds no
// number, and the demo's witness names an event after the plan.
func TestAPublishedVersionServesTheDrawAndItsSample(t *testing.T) {
	h := apptest.New(t, storage.SQLite)
	content := publishedDemo(t, h)
	base := "/p/" + demo.CampaignCode + "/v/1/"
	// Both are the version's stored files, as publication.json lists them.
	for _, name := range []string{publicdata.DrawFile, publicdata.SampleFile} {
		served := apptest.Expect(t, h.Page(apptest.Stranger, "GET", base+name, nil), http.StatusOK).Body.Bytes()
		i := slices.IndexFunc(content.Data.Files, func(f review.DataFile) bool { return f.Name == name })
		if i < 0 || publicdata.SHA256(served) != content.Data.Files[i].SHA256 {
			t.Fatalf("%s is not served as publication.json lists it: %+v", name, content.Data.Files)
		}
	}
	rec := apptest.Expect(t, h.Page(apptest.Stranger, "GET", base+"draw.json", nil), http.StatusOK)
	var d phone.PublicDraw
	if err := json.Unmarshal(rec.Body.Bytes(), &d); err != nil {
		t.Fatal(err)
	}
	if d.Status != phone.Executed || d.Seed == nil || d.SampleDigest == nil || d.Witness == nil || len(d.Allocation) == 0 {
		t.Fatalf("draw.json: %s", rec.Body)
	}
	if d.WitnessEventAt == nil || !d.WitnessEventAt.After(d.PlannedAt) || d.WitnessedAt.Before(*d.WitnessEventAt) {
		t.Fatalf("the demo's witness does not follow the protocol: planned %v, event %v, fixed %v", d.PlannedAt, d.WitnessEventAt, d.WitnessedAt)
	}
	seed, err := sampling.ParseSeed(*d.Seed)
	if err != nil || sampling.SeedCommitment(seed) != d.Commitment {
		t.Fatalf("the seed does not hash to the commitment: %v", err)
	}
	rec = apptest.Expect(t, h.Page(apptest.Stranger, "GET", base+"sample.csv", nil), http.StatusOK)
	if regexp.MustCompile(`(?m)(^|,)1[3-9]\d{9}(,|$)`).Match(rec.Body.Bytes()) {
		t.Fatal("sample.csv holds a phone number")
	}
	rows, err := csv.NewReader(rec.Body).ReadAll()
	if err != nil || len(rows) < 2 || strings.Join(rows[0], ",") != "stratum,position,replicate,entry_digest" {
		t.Fatalf("sample.csv: %v %v", err, rows[:min(2, len(rows))])
	}
	var strata []sampling.StratumSample
	drawn := 0
	for _, r := range rows[1:] {
		if n := len(strata); n == 0 || strata[n-1].Stratum != r[0] {
			strata = append(strata, sampling.StratumSample{Stratum: r[0]})
		}
		strata[len(strata)-1].Cases = append(strata[len(strata)-1].Cases, sampling.Case{Key: r[3]})
	}
	for _, a := range d.Allocation {
		drawn += a.Drawn
	}
	if len(rows)-1 != drawn || sampling.SampleDigest(strata) != *d.SampleDigest {
		t.Fatalf("the manifest's %d cases do not rebuild the sample digest (allocation %d)", len(rows)-1, drawn)
	}
	if rec := h.Page(apptest.Stranger, "GET", "/p/"+demo.CampaignCode+"/v/9/draw.json", nil); rec.Code != http.StatusNotFound {
		t.Fatalf("an unpublished version's draw: %d", rec.Code)
	}
}
