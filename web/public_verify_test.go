package web_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"pingyi/app/apptest"
	"pingyi/demo"
	"pingyi/publicdata"
)

// A published version serves its data files and signature byte for byte
// as publication.json names them, its page shows every unit's indicator
// and group scores and the key that signed it, the downloads carry those
// scores too, and no public answer names a committee member's login.
func TestPublicDataFilesScoresAndNoLogins(t *testing.T) {
	apptest.Each(t, func(t *testing.T, h *apptest.Harness) {
		content := publishedDemo(t, h)
		code := demo.CampaignCode
		base := "/p/" + code + "/v/1/"
		for _, f := range content.Data.Files {
			rec := apptest.Expect(t, h.Do(apptest.Request("GET", base+f.Name)), http.StatusOK)
			mime := "text/csv" // draw.json aside, the data files are tables
			if f.Name == publicdata.DrawFile {
				mime = "application/json"
			}
			if got := publicdata.SHA256(rec.Body.Bytes()); got != f.SHA256 || !strings.HasPrefix(rec.Header().Get("Content-Type"), mime) {
				t.Fatalf("%s: SHA-256 %s (%s), publication.json names %s", f.Name, got, rec.Header().Get("Content-Type"), f.SHA256)
			}
		}
		sig := apptest.Expect(t, h.Do(apptest.Request("GET", base+publicdata.SignatureFile)), http.StatusOK)
		stored, err := h.App.Review.PublicFile(context.Background(), code, 1, publicdata.SignatureFile)
		if err != nil || sig.Body.String() != string(stored) {
			t.Fatalf("the signature served is not the one stored: %v", err)
		}
		// This year's index has a hotline component, so its appeals.csv is
		// among the files above; last year's has none.
		if rec := h.Do(apptest.Request("GET", "/p/"+demo.PreviousCode+"/v/1/"+publicdata.AppealsFile)); rec.Code != http.StatusNotFound || !strings.Contains(rec.Body.String(), "appeals.csv") {
			t.Fatalf("appeals.csv without a hotline component: %d %q", rec.Code, rec.Body.String())
		}

		page := apptest.Expect(t, h.Do(apptest.Request("GET", "/p/"+code)), http.StatusOK).Body.String()
		if i := strings.Index(page, "%!"); i >= 0 {
			t.Fatalf("the page prints a value its template could not format: %q", page[max(0, i-80):min(len(page), i+80)])
		}
		u := content.Units[0]
		for _, want := range []string{"分指标与分群体得分", content.Method.Indicators[0].Name, content.Signature.KeyID, "pingyi verify http",
			"/.well-known/pingyi-signing-keys", "泰勒线性化", base + "draw.json", base + "sample.csv", "⌈0.975·B⌉", `data-category="` + u.Category + `"`} {
			if !strings.Contains(page, want) {
				t.Errorf("the public page does not show %q", want)
			}
		}
		csv := apptest.Expect(t, h.Do(apptest.Request("GET", base+"ranking.csv")), http.StatusOK).Body.String()
		if !strings.Contains(csv, "指标："+content.Method.Indicators[0].Name) || !strings.Contains(csv, "群体："+content.Method.Groups[0].Name+" 得分") {
			t.Errorf("the CSV has no indicator or group scores: %.300s", csv)
		}
		xlsx := apptest.Expect(t, h.Do(apptest.Request("GET", base+"ranking.xlsx")), http.StatusOK)
		if xlsx.Body.Len() == 0 {
			t.Error("empty spreadsheet")
		}

		list := apptest.Expect(t, h.API(apptest.Stranger, "GET", "/api/v1/campaigns/"+code+"/publications", nil), http.StatusOK).Body.String()
		for _, body := range []string{page, list, string(mustJSON(t, h, base+"publication.json"))} {
			for _, login := range []string{"weiyuan1", "weiyuan2", "weiyuan3", "published_by"} {
				if strings.Contains(body, login) {
					t.Errorf("a public answer names %q", login)
				}
			}
		}
	})
}

func mustJSON(t *testing.T, h *apptest.Harness, path string) []byte {
	t.Helper()
	return apptest.Expect(t, h.Do(apptest.Request("GET", path)), http.StatusOK).Body.Bytes()
}
