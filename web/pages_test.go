package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"pingyi/account"
	"pingyi/app/apptest"
)

func TestPagesRenderInChineseAndEnglish(t *testing.T) {
	h := apptest.New(t, "sqlite")
	h.API(account.Admin, "POST", "/api/v1/campaigns", apptest.Definition())
	tests := []struct {
		role     account.Role
		path     string
		zh, en   string
		wantCode int
	}{
		{apptest.Stranger, "/", "社会满意度测评", "Social-satisfaction evaluation", 200},
		{apptest.Stranger, "/login", "工作人员登录", "Staff sign-in", 200},
		{apptest.Stranger, "/admin", "工作人员登录", "Staff sign-in", 401},
		{account.Supervisor, "/admin", "测评活动", "Campaigns", 200},
		{account.Operator, "/admin/campaigns/2026-annual", "市公安局出入境管理支队", "Respondent groups", 200},
		{account.Admin, "/admin/users", "新建账号", "New account", 200},
		{account.Admin, "/admin/campaigns/new", "测评定义", "Definition (JSON)", 200},
		{account.Committee, "/admin/users", "无权访问", "Not allowed", 403},
		{apptest.Stranger, "/nowhere", "页面不存在", "Page not found", 404},
	}
	for _, tt := range tests {
		rec := h.Page(tt.role, "GET", tt.path, nil)
		if rec.Code != tt.wantCode || !strings.Contains(rec.Body.String(), tt.zh) {
			t.Errorf("%s as %q: %d, Chinese text %q missing", tt.path, tt.role, rec.Code, tt.zh)
		}
		req := apptest.Request("GET", tt.path)
		req.AddCookie(&http.Cookie{Name: "pingyi_lang", Value: "en"})
		rec = h.Do(h.Browser(tt.role, req))
		if !strings.Contains(rec.Body.String(), tt.en) {
			t.Errorf("%s as %q in English: %q missing", tt.path, tt.role, tt.en)
		}
	}
}

func TestNewCampaignPageShowsEveryProblemAndKeepsTheText(t *testing.T) {
	h := apptest.New(t, "sqlite")
	bad := strings.Replace(apptest.Definition(), `"category": "service"`, `"category": "nowhere"`, 1)
	rec := h.Page(account.Admin, "POST", "/admin/campaigns/new", url.Values{"definition": {bad}})
	body := rec.Body.String()
	if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(body, "units[2].category") || !strings.Contains(body, "未知的类别") {
		t.Fatalf("%d: %s", rec.Code, body)
	}
	if !strings.Contains(body, "&#34;nowhere&#34;") {
		t.Error("the submitted text is not kept in the form")
	}
	rec = h.Page(account.Admin, "POST", "/admin/campaigns/new", url.Values{"definition": {apptest.Definition()}})
	if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/admin/campaigns/2026-annual" {
		t.Fatalf("create: %d %s", rec.Code, rec.Header().Get("Location"))
	}
	rec = h.Page(account.Admin, "POST", "/admin/campaigns/2026-annual/status", url.Values{"status": {"open"}, "confirm": {"1"}})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("open: %d %s", rec.Code, rec.Body)
	}
	if !strings.Contains(h.Page(account.Admin, "GET", "/", nil).Body.String(), "/s/2026-annual") {
		t.Error("the open campaign is not on the home page")
	}
}

func TestAdminCreatesAccountAndSeesTheOneTimePasswordOnce(t *testing.T) {
	h := apptest.New(t, "sqlite")
	rec := h.Page(account.Admin, "POST", "/admin/users", url.Values{"login": {"zhou"}, "role": {"operator"}})
	if rec.Code != http.StatusCreated || !strings.Contains(rec.Body.String(), "一次性密码") || rec.Header().Get("Cache-Control") != "no-store" {
		t.Fatalf("%d %v", rec.Code, rec.Header())
	}
	if strings.Contains(h.Page(account.Admin, "GET", "/admin/users", nil).Body.String(), "一次性密码仅显示") {
		t.Fatal("the one-time password is shown again")
	}
}

// A refused admin form comes back on its own page, alert above, with what
// was typed still in it.
func TestRefusedAdminFormsKeepTheirInput(t *testing.T) {
	h := apptest.New(t, "sqlite")
	h.OpenCampaigns()
	tests := []struct {
		name, path string
		form       url.Values
		status     int
		want       []string
	}{
		{"account", "/admin/users", url.Values{"login": {"a b"}, "display_name": {"周敏"}, "role": {"committee"}, "unit_code": {"U001"}},
			http.StatusUnprocessableEntity, []string{`class="alert"`, `value="a b"`, `value="周敏"`, `<option value="committee" selected>`, `value="U001"`}},
		{"batch", "/admin/campaigns/2026-annual/invitations", url.Values{"group": {"deputies"}, "size": {"0"}, "label": {"第二批"}},
			http.StatusUnprocessableEntity, []string{"每批邀请数", `<option value="deputies" selected>`, `value="0"`, `value="第二批"`}},
		{"collection", "/admin/campaigns/2026-annual/collection", url.Values{"submissions_per_ip_hour": {"many"}, "phone_verification": {"1"}},
			http.StatusUnprocessableEntity, []string{`class="alert"`, "submissions_per_ip_hour", `value="many"`, "value=\"1\" checked", `id="ind-h"`}},
		{"status", "/admin/campaigns/2026-annual/status", url.Values{"status": {"published"}, "confirm": {"1"}},
			http.StatusConflict, []string{`class="alert"`, `href="/admin/campaigns/2026-annual/status/confirm?status=`}},
	}
	for _, tt := range tests {
		rec := h.Page(account.Admin, "POST", tt.path, tt.form)
		body := rec.Body.String()
		if rec.Code != tt.status {
			t.Errorf("%s: %d, want %d: %s", tt.name, rec.Code, tt.status, body)
			continue
		}
		for _, w := range tt.want {
			if !strings.Contains(body, w) {
				t.Errorf("%s: the page lacks %q", tt.name, w)
			}
		}
	}
}

// Switching the language returns to the same page, query and all.
func TestTheLanguageSwitchKeepsTheQuery(t *testing.T) {
	h := apptest.New(t, "sqlite")
	body := h.Page(account.Admin, "GET", "/admin/sample-size?margin=0.03&confidence=0.95&response_rate=0.5", nil).Body.String()
	const want = `href="/lang/en?next=%2fadmin%2fsample-size%3fmargin%3d0.03%26confidence%3d0.95%26response_rate%3d0.5"`
	if !strings.Contains(body, want) {
		t.Fatalf("no %s in the page", want)
	}
	rec := h.Page(account.Admin, "GET", "/lang/en?next=%2fadmin%2fsample-size%3fmargin%3d0.03", nil)
	if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/admin/sample-size?margin=0.03" {
		t.Fatalf("switch: %d %s", rec.Code, rec.Header().Get("Location"))
	}
}

func TestAdminDisablesAnAccountFromThePage(t *testing.T) {
	h := apptest.New(t, "sqlite")
	created := apptest.Decode[struct{ User struct{ ID int64 } }](t,
		h.API(account.Admin, "POST", "/api/v1/users", `{"login":"wu","role":"operator"}`))
	rec := h.Page(account.Admin, "POST", "/admin/users/"+strconv.FormatInt(created.User.ID, 10)+"/disable", url.Values{"confirm": {"1"}})
	if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/admin/users" {
		t.Fatalf("disable: %d %s", rec.Code, rec.Header().Get("Location"))
	}
	if rec := h.Page(account.Admin, "POST", "/admin/users/999/disable", url.Values{"confirm": {"1"}}); rec.Code != http.StatusNotFound {
		t.Fatalf("an unknown account: %d", rec.Code)
	}
	users := apptest.Decode[struct {
		Users []struct {
			Login  string
			Active bool
		}
	}](t, h.API(account.Admin, "GET", "/api/v1/users", nil))
	for _, u := range users.Users {
		if u.Login == "wu" && u.Active {
			t.Fatal("the account is still active")
		}
	}
}

// The campaign page names the phone survey's pages a role may open, and
// to a liaison, who may open none, says nothing of it.
func TestCampaignPageLinksThePhonePagesByRole(t *testing.T) {
	h := apptest.New(t, "sqlite")
	h.API(account.Admin, "POST", "/api/v1/campaigns", apptest.Definition())
	links := map[account.Role][]string{
		account.Admin:      {"/phone\"", "/phone/progress\"", "\"/phone/2026-annual\""},
		account.Committee:  {"/phone/progress\""},
		account.Supervisor: {"/phone/progress\""},
		account.Operator:   {"\"/phone/2026-annual\""},
		account.Liaison:    nil,
	}
	for role, want := range links {
		body := h.Page(role, "GET", "/admin/campaigns/2026-annual", nil).Body.String()
		if got := strings.Contains(body, "电话调查:"); got != (want != nil) {
			t.Errorf("%s: the phone survey line shown %v", role, got)
		}
		for _, w := range want {
			if !strings.Contains(body, w) {
				t.Errorf("%s: no link %s", role, w)
			}
		}
		if regexp.MustCompile(`·\s*</p>`).MatchString(body) {
			t.Errorf("%s: a separator with nothing after it", role)
		}
	}
}
