package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"pingyi/account"
	"pingyi/app/apptest"
	"pingyi/audit"
	"pingyi/responses"
)

// A screened respondent first picks their units, then sees only their
// pages; progress and review follow; the choice is kept with the draft
// (resume) and can be changed, which drops the answers of units let go;
// the response rates only the chosen units.
func TestScreenedFormAsksOnlyAboutChosenUnits(t *testing.T) {
	apptest.Each(t, func(t *testing.T, h *apptest.Harness) {
		h.ScopedCampaign()
		const base = "/s/2026-annual"
		intro := h.Page(apptest.Stranger, "GET", base, nil).Body.String()
		if !strings.Contains(intro, "先从 3 个单位中勾选") {
			t.Fatalf("the intro does not say the units are chosen first: %s", intro)
		}
		wantRedirect(t, h.Page(apptest.Stranger, "POST", base+"/start", nil), http.StatusSeeOther, base+"/screen")
		wantRedirect(t, h.Page(apptest.Stranger, "GET", base+"/p/1", nil), http.StatusSeeOther, base+"/screen")
		screen := h.Page(apptest.Stranger, "GET", base+"/screen", nil).Body.String()
		for _, want := range []string{`value="U001"`, `value="U002"`, "显示其下属 1 个站所", `name="shown" value="U001 U002"`} {
			if !strings.Contains(screen, want) {
				t.Fatalf("the screen lacks %q: %s", want, screen)
			}
		}
		if strings.Contains(screen, `value="U001-1"`) {
			t.Fatal("a department's stations are listed before it is opened")
		}
		apptest.Expect(t, h.Page(apptest.Stranger, "POST", base+"/screen", url.Values{"shown": {"U001 U002"}}), http.StatusUnprocessableEntity)
		// Opening a department keeps what was ticked and lists its stations.
		wantRedirect(t, h.Page(apptest.Stranger, "POST", base+"/screen", url.Values{"shown": {"U001 U002"}, "u": {"U002"}, "open": {"U001"}}),
			http.StatusSeeOther, base+"/screen?open=U001#s-U001")
		opened := h.Page(apptest.Stranger, "GET", base+"/screen?open=U001", nil).Body.String()
		if !strings.Contains(opened, `value="U001-1"`) || !strings.Contains(opened, `value="U002" checked`) {
			t.Fatalf("after opening U001: %s", opened)
		}
		found := h.Page(apptest.Stranger, "GET", base+"/screen?q="+url.QueryEscape("出入境"), nil).Body.String()
		if !strings.Contains(found, `id="m-U001-1"`) || strings.Contains(found, `id="m-U002"`) {
			t.Fatalf("the search finds the wrong units: %s", found)
		}
		wantRedirect(t, h.Page(apptest.Stranger, "POST", base+"/screen", url.Values{"shown": {"U001-1"}, "u": {"U001-1"}, "go": {"next"}}),
			http.StatusSeeOther, base+"/p/1")
		page := h.Page(apptest.Stranger, "GET", base+"/p/1", nil).Body.String()
		if !strings.Contains(page, "第 1 页，共 2 页") || !strings.Contains(page, "<legend>市公安局出入境管理支队</legend>") || strings.Contains(page, "<legend>市公安局</legend>") {
			t.Fatalf("page 1 of the chosen units: %s", page)
		}
		wantRedirect(t, h.Page(apptest.Stranger, "POST", base+"/p/1", url.Values{"r:U001-1:efficiency": {"A"}, "go": {"next"}}), http.StatusSeeOther, base+"/p/2")
		wantRedirect(t, h.Page(apptest.Stranger, "GET", base, nil), http.StatusSeeOther, base+"/p/2")
		wantRedirect(t, h.Page(apptest.Stranger, "POST", base+"/p/2", url.Values{"r:U002:quality": {"B"}, "go": {"next"}}), http.StatusSeeOther, base+"/review")
		review := h.Page(apptest.Stranger, "GET", base+"/review", nil).Body.String()
		if !strings.Contains(review, "您已评价 2 个单位（共 2 个）") {
			t.Fatalf("review counts: %s", review)
		}
		if !strings.Contains(review, base+"/screen") {
			t.Fatal("the review offers no way to change the units chosen")
		}
		// Letting U001-1 go drops its answer; U002 stays.
		wantRedirect(t, h.Page(apptest.Stranger, "POST", base+"/screen", url.Values{"shown": {"U001 U001-1 U002"}, "u": {"U002"}, "go": {"next"}}),
			http.StatusSeeOther, base+"/p/1")
		if page := h.Page(apptest.Stranger, "GET", base+"/p/1", nil).Body.String(); !strings.Contains(page, "第 1 页，共 1 页") {
			t.Fatalf("one unit left, one page: %s", page)
		}
		wantRedirect(t, h.Page(apptest.Stranger, "POST", base+"/submit", nil), http.StatusSeeOther, base+"/done")
		var rows []responses.Response
		h.App.DB.Gorm.Find(&rows)
		if len(rows) != 1 {
			t.Fatalf("stored %d responses", len(rows))
		}
		st, _ := h.App.Survey.Structure(context.Background(), "2026-annual")
		ratings, err := responses.DecodeAnswers(rows[0].Answers, nil)
		if err != nil || len(ratings) != 1 || st.Units[ratings[0].Unit].Code != "U002" {
			t.Fatalf("the response rates %+v (%v), want U002 only", ratings, err)
		}
	})
}

// An invitation batch narrowed to units shows only those; one outside the
// group's scope is refused naming the unit, on the administrator's page.
func TestInvitationBatchNarrowedToUnits(t *testing.T) {
	apptest.Each(t, func(t *testing.T, h *apptest.Harness) {
		h.ScopedCampaign()
		ctx := context.Background()
		rec := h.Page(account.Admin, "POST", "/admin/campaigns/2026-annual/invitations",
			url.Values{"group": {"deputies"}, "size": {"2"}, "units": {"U002，U001-1"}})
		if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), "U001-1") || !strings.Contains(rec.Body.String(), "units[1]") {
			t.Fatalf("a station for a group of departments: %d %s", rec.Code, rec.Body)
		}
		batch, err := h.App.Collection.CreateBatchFor(ctx, "2026-annual", "deputies", 1, "", []string{"U002"}, audit.Actor{Login: "test"})
		if err != nil {
			t.Fatal(err)
		}
		_, links, err := h.App.Collection.Links(ctx, "2026-annual", batch.ID, audit.Actor{Login: "test"})
		if err != nil {
			t.Fatal(err)
		}
		base := "/i/" + links[0].Token
		if intro := h.Page(apptest.Stranger, "GET", base, nil).Body.String(); !strings.Contains(intro, "1 个单位") {
			t.Fatalf("intro of a narrowed invitation: %s", intro)
		}
		wantRedirect(t, h.Page(apptest.Stranger, "POST", base+"/start", nil), http.StatusSeeOther, base+"/p/1")
		page := h.Page(apptest.Stranger, "GET", base+"/p/1", nil).Body.String()
		if !strings.Contains(page, "<legend>市教育局</legend>") || strings.Contains(page, "<legend>市公安局</legend>") || !strings.Contains(page, "共 1 页") {
			t.Fatalf("the narrowed form: %s", page)
		}
		apptest.Expect(t, h.Page(apptest.Stranger, "GET", base+"/p/2", nil), http.StatusNotFound)
		// Through the API, the same token cannot rate a unit outside the batch.
		rec = h.API(apptest.Stranger, "POST", "/api/v1/campaigns/2026-annual/responses", map[string]any{"token": links[0].Token,
			"answers": apptest.AnswersJSON("A")})
		if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), `"answers[0].unit"`) {
			t.Fatalf("API outside the batch: %d %s", rec.Code, rec.Body)
		}
	})
}

// A group's paper questionnaire lists only the units the group rates.
func TestPaperFormFollowsTheGroupsUnits(t *testing.T) {
	apptest.Each(t, func(t *testing.T, h *apptest.Harness) {
		h.ScopedCampaign()
		officials := apptest.Expect(t, h.Page(account.Admin, "GET", "/admin/campaigns/2026-annual/paper?group=officials", nil), http.StatusOK).Body.String()
		deputies := apptest.Expect(t, h.Page(account.Admin, "GET", "/admin/campaigns/2026-annual/paper?group=deputies", nil), http.StatusOK).Body.String()
		if !strings.Contains(officials, "市教育局") || strings.Contains(officials, "市公安局") {
			t.Fatal("the officials' paper form does not follow their list")
		}
		if !strings.Contains(deputies, "市公安局") || strings.Contains(deputies, "出入境管理支队") {
			t.Fatal("the deputies' paper form does not follow their level")
		}
	})
}
