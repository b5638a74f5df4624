package web_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"pingyi/account"
	"pingyi/app/apptest"
	"pingyi/audit"
	"pingyi/demo"
	"pingyi/responses"
	"pingyi/storage"
)

// The pages no other browser test opens, each at a phone's width and a
// desktop's: axe-core checks every one (the harness's Open does), none is
// wider than the phone, each has its heading; screenshots are kept under
// PINGYI_TEST_SCREENSHOTS.
func TestPagesNoOtherBrowserTestOpens(t *testing.T) {
	h := apptest.New(t, storage.SQLite)
	base := h.Serve()
	ctx := context.Background()
	if _, err := demo.Load(ctx, h.App); err != nil {
		t.Fatal(err)
	}
	code := demo.CampaignCode
	st, err := h.App.Survey.Structure(ctx, code)
	if err != nil {
		t.Fatal(err)
	}
	group := st.Groups[0].Code
	for _, g := range st.Groups {
		if !g.FromDraw() {
			group = g.Code
		}
	}
	batch, err := h.App.Collection.CreateBatch(ctx, code, group, 3, "服务大厅", audit.Actor{Login: "admin"})
	if err != nil {
		t.Fatal(err)
	}
	flags := apptest.Expect(t, h.Page(account.Committee, "GET", "/review/"+code+"/flags", nil), http.StatusOK).Body.String()
	burst := regexp.MustCompile(`name="batch" value="(burst-[0-9a-f]+)"`).FindStringSubmatch(flags)
	member, _ := h.App.Accounts.ByLogin(ctx, "weiyuan1")
	if _, err := h.App.Responses.Exclude(ctx, code, responses.ExclusionRequest{Refs: burstRefs(flags, burst[1]), Batch: burst[1],
		Reason: "同一设备12分钟内提交40份"}, member.Actor()); err != nil {
		t.Fatal(err)
	}
	operator, _ := h.App.Accounts.ByLogin(ctx, "diaocha1")

	tab := apptest.NewBrowser(t).Tab()
	walk := func(who string, pages []string) {
		t.Helper()
		for _, width := range []int64{360, 1280} {
			tab.Viewport(width, 800)
			for _, path := range pages {
				open(t, tab, base+path)
				if width == 360 {
					if wide := tab.TooWide(360); wide != nil {
						t.Errorf("at 360 px %s is too wide because of %v", path, wide)
					}
				}
				if h1 := strings.TrimSpace(tab.Text("h1")); h1 == "" {
					t.Errorf("%s has no heading", path)
				}
				tab.Screenshot("axe-" + who + "-" + strconv.FormatInt(width, 10) + strings.NewReplacer("/", "_", "?", "_").Replace(path))
			}
		}
	}
	walk("stranger", []string{"/login", "/p/" + code + "/draw"})

	h.SignInTab(tab, base, account.Admin)
	walk("admin", []string{
		"/review/" + code + "/settings",
		"/admin/calendar",
		"/admin/appeals/import",
		"/admin/campaigns/new",
		"/admin/sample-size",
		"/admin/campaigns/" + code + "/invitations",
		"/admin/campaigns/" + code + "/invitations/" + strconv.FormatInt(batch.ID, 10) + "/revoke/confirm",
		"/admin/users/" + strconv.FormatInt(operator.ID, 10) + "/password/confirm",
		"/password",
	})

	h.SignIn("weiyuan1", demo.Password).SignInTab(tab, base)
	walk("committee", []string{
		"/review/" + code + "/settings",
		"/review/" + code + "/batches/revoke/confirm?" + url.Values{"batch": {burst[1]}}.Encode(),
	})
	// The batch's confirmation previews the 40 responses it reinstates.
	if text := tab.Text("main"); !strings.Contains(text, "撤销批次 "+burst[1]+" 的 40 项排除？") {
		t.Errorf("the batch's confirmation reads %.200q", text)
	}
}
