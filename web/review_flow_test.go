package web_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"pingyi/account"
	"pingyi/app/apptest"
	"pingyi/audit"
	"pingyi/demo"
	"pingyi/review"
	"pingyi/web"
)

// The scenario, through the pages a committee uses: from the demo
// campaign, a committee of three flags the planted burst, excludes it with
// a reason, re-runs, approves by quorum and publishes; the public page and
// downloads show the published run and its digest; a correction becomes
// version 2 and version 1 stays.
func TestCommitteeReviewsAndPublishesTheDemo(t *testing.T) {
	// The public pages keep a campaign's latest version for a second; the
	// process that publishes must show the correction at once however
	// long that is.
	ttl := *web.PublicCacheKnobs.HeadTTL
	*web.PublicCacheKnobs.HeadTTL = time.Hour
	defer func() { *web.PublicCacheKnobs.HeadTTL = ttl }()
	apptest.Each(t, func(t *testing.T, h *apptest.Harness) {
		ctx := context.Background()
		if _, err := demo.Load(ctx, h.App); err != nil {
			t.Fatal(err)
		}
		// The committee is the demo's three members: the harness's own
		// committee account steps down.
		extra, _ := h.App.Accounts.ByLogin(ctx, apptest.Login(account.Committee))
		if err := h.App.Accounts.Disable(ctx, extra.ID, audit.Actor{Login: "admin"}); err != nil {
			t.Fatal(err)
		}
		zhang, li, chen := h.SignIn("weiyuan1", demo.Password), h.SignIn("weiyuan2", demo.Password), h.SignIn("weiyuan3", demo.Password)
		code := demo.CampaignCode
		for _, to := range []string{"closed", "review"} {
			apptest.Expect(t, h.Page(account.Admin, "POST", "/admin/campaigns/"+code+"/status", url.Values{"status": {to}, "confirm": {"1"}}), http.StatusSeeOther)
		}

		// A first run, and the flags on it.
		run1 := runFrom(t, apptest.Expect(t, zhang.Page("POST", "/review/"+code+"/runs", nil), http.StatusSeeOther))
		flags := apptest.Expect(t, zhang.Page("GET", "/review/"+code+"/flags", nil), http.StatusOK).Body.String()
		burst := regexp.MustCompile(`name="batch" value="(burst-[0-9a-f]+)"`).FindStringSubmatch(flags)
		if burst == nil || !strings.Contains(flags, "市港务集团") || !strings.Contains(flags, "W-B040") {
			t.Fatalf("the flags page does not show the planted burst")
		}
		refs := burstRefs(flags, burst[1])
		if len(refs) != 40 {
			t.Fatalf("the burst's form lists %d responses, want 40", len(refs))
		}
		console := apptest.Expect(t, zhang.Page("GET", "/review/"+code, nil), http.StatusOK).Body.String()
		if !strings.Contains(console, `data-unit="U080"`) || !strings.Contains(console, "疑似刷票") {
			t.Fatal("the console does not flag the stuffed unit")
		}

		// Exclude the burst: a reason is required.
		form := url.Values{"refs": refs, "batch": {burst[1]}, "reason": {"  "}}
		refused := apptest.Expect(t, zhang.Page("POST", "/review/"+code+"/exclusions", form), http.StatusUnprocessableEntity)
		if !strings.Contains(refused.Body.String(), "剔除答卷必须写明理由") {
			t.Fatal("a reasonless exclusion is not explained")
		}
		form.Set("reason", "同一设备12分钟内提交40份，均只评价市港务集团且全部满意，用时均不足90秒")
		apptest.Expect(t, zhang.Page("POST", "/review/"+code+"/exclusions", form), http.StatusSeeOther)
		exclusions := apptest.Expect(t, chen.Page("GET", "/review/"+code+"/exclusions", nil), http.StatusOK).Body.String()
		if strings.Count(exclusions, "同一设备12分钟内提交40份") != 40 || !strings.Contains(exclusions, "考评委员 张敏") {
			t.Fatal("the exclusions page does not list the 40 exclusions with who and why")
		}

		// The first run no longer matches the data: it cannot be approved.
		stale := apptest.Expect(t, li.Page("POST", "/review/"+code+"/runs/"+run1+"/approve", url.Values{"confirm": {"1"}}), http.StatusConflict)
		if !strings.Contains(stale.Body.String(), "请重新计分") {
			t.Fatal("approving a stale run is not explained")
		}
		run2 := runFrom(t, apptest.Expect(t, li.Page("POST", "/review/"+code+"/runs", nil), http.StatusSeeOther))
		if f := apptest.Expect(t, li.Page("GET", "/review/"+code+"/flags", nil), http.StatusOK).Body.String(); strings.Contains(f, "W-B0") {
			t.Fatal("the excluded burst is still flagged")
		}
		apptest.Expect(t, zhang.Page("POST", "/review/"+code+"/runs/"+run2+"/approve", url.Values{"confirm": {"1"}}), http.StatusSeeOther)
		one := apptest.Expect(t, zhang.Page("POST", "/review/"+code+"/publish", url.Values{"confirm": {"1"}, "run": {run2}}), http.StatusConflict)
		if !strings.Contains(one.Body.String(), "已获 1 票批准，需要 2 票") {
			t.Fatal("publishing below the quorum is not explained")
		}
		apptest.Expect(t, chen.Page("POST", "/review/"+code+"/runs/"+run2+"/approve", url.Values{"confirm": {"1"}}), http.StatusSeeOther)
		published := apptest.Expect(t, chen.Page("POST", "/review/"+code+"/publish", url.Values{"confirm": {"1"}, "run": {run2}}), http.StatusSeeOther)
		if loc := published.Header().Get("Location"); loc != "/review/"+code+"?run="+run2 {
			t.Fatalf("publishing led to %q", loc)
		}

		// The public page and its downloads, for anyone.
		page := apptest.Expect(t, h.Page(apptest.Stranger, "GET", "/p/"+code, nil), http.StatusOK)
		body := page.Body.String()
		digest := regexp.MustCompile(`<code class="digest" id="digest">([0-9a-f]{64})</code>`).FindStringSubmatch(body)
		if digest == nil || page.Header().Get("Cache-Control") != "public, max-age=60" || !strings.Contains(body, "较 2025 年") {
			t.Fatalf("public page: digest %v, caching %q", digest, page.Header().Get("Cache-Control"))
		}
		if page.Header().Get("Set-Cookie") != "" {
			t.Fatal("the public page sets a cookie, which defeats caching")
		}
		again := httptestGet(h, "/p/"+code, page.Header().Get("ETag"))
		apptest.Expect(t, again, http.StatusNotModified)
		raw := apptest.Expect(t, h.Page(apptest.Stranger, "GET", "/p/"+code+"/v/1/publication.json", nil), http.StatusOK).Body.Bytes()
		if sum := sha256.Sum256(raw); hex.EncodeToString(sum[:]) != digest[1] {
			t.Fatal("the JSON download does not hash to the digest the page shows")
		}
		var v1 review.Content
		if err := json.Unmarshal(raw, &v1); err != nil {
			t.Fatal(err)
		}
		if v1.Run.ID != atoi(run2) || v1.Run.Excluded != 40 || v1.Comparison == nil || v1.Comparison.Campaign != demo.PreviousCode || v1.Approval.Approvals != 2 {
			t.Fatalf("published document: run %d, %d excluded, comparison %+v, approvals %+v", v1.Run.ID, v1.Run.Excluded, v1.Comparison, v1.Approval)
		}
		checkOrder(t, body, v1)
		checkDownloads(t, h, code, v1)

		// A correction: one more exclusion, a new run, new approvals, a note.
		apptest.Expect(t, chen.Page("POST", "/review/"+code+"/exclusions", url.Values{"refs_text": {"T-00001"}, "reason": {"电话回访核实：受访者非该单位服务对象"}}), http.StatusSeeOther)
		run3 := runFrom(t, apptest.Expect(t, chen.Page("POST", "/review/"+code+"/runs", nil), http.StatusSeeOther))
		apptest.Expect(t, chen.Page("POST", "/review/"+code+"/runs/"+run3+"/approve", url.Values{"confirm": {"1"}}), http.StatusSeeOther)
		apptest.Expect(t, li.Page("POST", "/review/"+code+"/runs/"+run3+"/approve", url.Values{"confirm": {"1"}}), http.StatusSeeOther)
		apptest.Expect(t, li.Page("POST", "/review/"+code+"/publish", url.Values{"confirm": {"1"}, "run": {run3}}), http.StatusUnprocessableEntity)
		apptest.Expect(t, li.Page("POST", "/review/"+code+"/publish", url.Values{"confirm": {"1"}, "run": {run3}, "change_note": {"剔除一份非服务对象的电话回访"}}), http.StatusSeeOther)
		latest := apptest.Expect(t, h.Page(apptest.Stranger, "GET", "/p/"+code, nil), http.StatusOK).Body.String()
		if !strings.Contains(latest, "第 2 版") || !strings.Contains(latest, "剔除一份非服务对象的电话回访") {
			t.Fatal("the latest page is not version 2 with its note")
		}
		old := apptest.Expect(t, h.Page(apptest.Stranger, "GET", "/p/"+code+"/v/1", nil), http.StatusOK).Body.String()
		if !strings.Contains(old, "本版本已被更正取代") || !strings.Contains(old, digest[1]) {
			t.Fatal("version 1 is not kept, marked superseded")
		}
		var v2 review.Content
		json.Unmarshal(apptest.Expect(t, h.Page(apptest.Stranger, "GET", "/p/"+code+"/v/2/publication.json", nil), http.StatusOK).Body.Bytes(), &v2)
		if v2.PreviousDigest == nil || *v2.PreviousDigest != digest[1] || v2.Run.Excluded != 41 {
			t.Fatalf("version 2 does not chain to version 1: %v", v2.PreviousDigest)
		}

		// The liaison of U001 sees its unit in full; the record holds.
		mine := apptest.Expect(t, h.Page(account.Liaison, "GET", "/liaison/"+code, nil), http.StatusOK).Body.String()
		if !strings.Contains(mine, "市公安局") || !strings.Contains(mine, "答题分布") || !strings.Contains(mine, "第 2 版") {
			t.Fatal("the liaison's page lacks its unit's detail")
		}
		if _, brk, err := h.App.Audit.Verify(ctx); brk != nil || err != nil {
			t.Fatalf("audit log: %v %v", brk, err)
		}
		if n, brk, err := h.App.Review.Verify(ctx); n != 3 || brk != nil || err != nil {
			t.Fatalf("publications: %d %v %v", n, brk, err)
		}
		for action, want := range map[string]int{"exclusion.add": 2, "run.approve": 4, "publication.publish": 2} {
			entries, _ := h.App.Audit.Entries(ctx, action)
			n := 0
			for _, e := range entries {
				if strings.Contains(e.Object, code) || strings.Contains(e.Object, "campaign:"+code) {
					n++
				}
			}
			if n != want {
				t.Errorf("%d %s entries about %s, want %d", n, action, code, want)
			}
		}
	})
}

// runFrom reads the run a "new score run" redirect leads to.
func runFrom(t *testing.T, rec *httpRecorder) string {
	t.Helper()
	loc := rec.Header().Get("Location")
	i := strings.Index(loc, "run=")
	if i < 0 {
		t.Fatalf("no run in %q", loc)
	}
	return loc[i+4:]
}

// burstRefs reads the refs ticked in a burst's exclusion form.
func burstRefs(page, batch string) []string {
	start := strings.Index(page, `id="`+batch+`"`)
	end := strings.Index(page[start:], "</article>")
	var refs []string
	for _, m := range regexp.MustCompile(`name="refs" value="([^"]+)" checked`).FindAllStringSubmatch(page[start:start+end], -1) {
		refs = append(refs, m[1])
	}
	return refs
}

// checkOrder: the public page lists each category's units by rank, with
// their published intervals.
func checkOrder(t *testing.T, body string, c review.Content) {
	t.Helper()
	first := c.Categories[0].Code
	var best review.PublishedUnit
	for _, u := range c.Units {
		if u.Category == first && u.Rank != nil && *u.Rank == 1 {
			best = u
		}
	}
	section := body[strings.Index(body, `id="cat-`+first+`"`):]
	row := section[strings.Index(section, `<tbody>`):]
	if !strings.HasPrefix(strings.TrimSpace(row[len("<tbody>"):]), `<tr data-unit="`+best.UnitCode+`"`) {
		t.Fatalf("the first row of %s is not its rank 1, %s", first, best.UnitCode)
	}
	if !strings.Contains(row, opt2(*best.CILow)+"–"+opt2(*best.CIHigh)) {
		t.Fatalf("%s's interval %s–%s is not shown", best.UnitCode, opt2(*best.CILow), opt2(*best.CIHigh))
	}
}

func checkDownloads(t *testing.T, h *apptest.Harness, code string, c review.Content) {
	t.Helper()
	base := "/p/" + code + "/v/1/"
	csvRec := apptest.Expect(t, h.Page(apptest.Stranger, "GET", base+"ranking.csv", nil), http.StatusOK)
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(csvRec.Body.Bytes(), []byte("\ufeff")))).ReadAll()
	if err != nil || len(rows) != 1+len(c.Units) || rows[1][1] != "1" {
		t.Fatalf("CSV download: %d rows, %v", len(rows), err)
	}
	if csvRec.Header().Get("Cache-Control") != "public, max-age=31536000, immutable" {
		t.Fatalf("CSV caching: %q", csvRec.Header().Get("Cache-Control"))
	}
	x, err := excelize.OpenReader(h.Page(apptest.Stranger, "GET", base+"ranking.xlsx", nil).Body)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	if got, _ := x.GetRows("排名"); len(got) != len(rows) || got[1][5] != rows[1][5] {
		t.Fatal("the XLSX download differs from the CSV")
	}
	svg := apptest.Expect(t, h.Page(apptest.Stranger, "GET", base+"chart.svg?category="+c.Categories[0].Code, nil), http.StatusOK)
	if svg.Header().Get("Content-Type") != "image/svg+xml" || !strings.Contains(svg.Body.String(), "<svg") {
		t.Fatal("the chart is not an SVG image")
	}
}
