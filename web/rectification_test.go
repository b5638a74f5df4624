package web_test

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"pingyi/account"
	"pingyi/app/apptest"
	"pingyi/demo"
	"pingyi/rectification"
)

const rectBase = "/review/2026-annual/rectification"

// uploadEvidence posts the liaison's evidence form: a text and files.
func uploadEvidence(h *apptest.Harness, role account.Role, path, text string, files map[string][]byte) *httptest.ResponseRecorder {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	mw.WriteField("csrf_token", h.CSRF())
	mw.WriteField("text", text)
	for name, content := range files {
		fw, _ := mw.CreateFormFile("files", name)
		fw.Write(content)
	}
	mw.Close()
	req := httptest.NewRequest("POST", path, &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return h.Do(h.Browser(role, req))
}

var taskLocation = regexp.MustCompile(`/rectification/tasks/(\d+)$`)

func taskFrom(t *testing.T, rec *httptest.ResponseRecorder) string {
	t.Helper()
	m := taskLocation.FindStringSubmatch(rec.Header().Get("Location"))
	if m == nil {
		t.Fatalf("no task in the redirect %q", rec.Header().Get("Location"))
	}
	return m[1]
}

func must(t *testing.T, rec *httptest.ResponseRecorder, status int, contains ...string) string {
	t.Helper()
	apptest.Expect(t, rec, status)
	body := rec.Body.String()
	for _, c := range contains {
		if !strings.Contains(body, c) {
			t.Fatalf("the answer (%d) lacks %q: %.1500s", status, c, body)
		}
	}
	return body
}

// The life of a task through the pages: proposals from the
// publication, confirmed or dropped; a task opened by hand for the
// liaison's unit; progress, refused and accepted evidence, a close
// request, a return, a second request, acceptance; the public list.
func TestRectificationThroughThePages(t *testing.T) {
	apptest.Each(t, func(t *testing.T, h *apptest.Harness) {
		ctx := context.Background()
		content := h.PublishCampaign()
		lowest := content.Tiers[len(content.Tiers)-1].Name
		for _, u := range content.Units {
			if u.UnitCode == "U002" && u.Tier != lowest {
				t.Fatalf("U002 is in tier %q, want the lowest %q", u.Tier, lowest)
			}
		}

		// Proposals: the lowest tier, and the main indicators below 50
		// (not the auxiliary one).
		must(t, h.Page(account.Committee, "GET", rectBase+"/proposals", nil), http.StatusOK, "第 1 版公布结果的立项建议")
		must(t, h.Page(account.Committee, "POST", rectBase+"/proposals", url.Values{"version": {"1"}, "indicator_below": {"abc"}}),
			http.StatusUnprocessableEntity, "分数线必须是数字")
		apptest.Expect(t, h.Page(account.Committee, "POST", rectBase+"/proposals", url.Values{"version": {"1"}, "indicator_below": {"50"}}), http.StatusSeeOther)
		proposals, err := h.App.Rectification.Proposals(ctx, "2026-annual", 1)
		if err != nil {
			t.Fatal(err)
		}
		kinds := map[string]int64{}
		for _, p := range proposals {
			if p.Unit != "U002" {
				t.Fatalf("proposal for %s: %+v", p.Unit, p)
			}
			kinds[string(p.Source.Kind)+":"+p.Source.Indicator] = p.ID
		}
		if len(proposals) != 4 || kinds["tier:"] == 0 || kinds["indicator:efficiency"] == 0 || kinds["indicator:overall"] != 0 {
			t.Fatalf("proposals: %v", kinds)
		}
		id := func(k string) string { return strconv.FormatInt(kinds[k], 10) }
		must(t, h.Page(account.Committee, "POST", rectBase+"/proposals/"+id("indicator:quality")+"/drop", url.Values{"reason": {" "}}),
			http.StatusUnprocessableEntity)
		apptest.Expect(t, h.Page(account.Committee, "POST", rectBase+"/proposals/"+id("indicator:quality")+"/drop", url.Values{"reason": {"与服务态度问题合并整改"}}), http.StatusSeeOther)
		must(t, h.Page(account.Committee, "POST", rectBase+"/proposals/"+id("tier:")+"/confirm", url.Values{"measures": {"制定整改方案"}, "deadline_days": {"10"}, "deadline_date": {"2030-01-01"}}),
			http.StatusUnprocessableEntity)
		tierTask := taskFrom(t, apptest.Expect(t, h.Page(account.Committee, "POST", rectBase+"/proposals/"+id("tier:")+"/confirm",
			url.Values{"measures": {"制定整改方案，逐项整改"}, "deadline_days": {"10"}}), http.StatusSeeOther))
		must(t, h.Page(account.Committee, "POST", rectBase+"/proposals/"+id("tier:")+"/confirm", url.Values{"measures": {"x"}, "deadline_days": {"10"}}),
			http.StatusConflict)

		// A task by hand, from a supervisor's clue, for the liaison's unit
		// U001; the same problem twice is refused.
		clue := url.Values{"version": {"1"}, "unit": {"U001"}, "problem": {"户籍窗口午休期间无人值守"}, "source": {"clue"},
			"source_text": {"特约监督员暗访发现"}, "measures": {"实行午间轮班"}, "deadline_days": {"15"}}
		task := taskFrom(t, apptest.Expect(t, h.Page(account.Committee, "POST", rectBase+"/tasks", clue), http.StatusSeeOther))
		must(t, h.Page(account.Committee, "POST", rectBase+"/tasks", clue), http.StatusConflict, "已有针对该问题的未销号任务")
		apptest.Expect(t, h.Page(account.Supervisor, "POST", rectBase+"/tasks", clue), http.StatusForbidden)
		overview := must(t, h.Page(account.Supervisor, "GET", rectBase, nil), http.StatusOK, "户籍窗口午休期间无人值守", "监督员线索", "市教育局")
		if !strings.Contains(overview, `data-task="`+tierTask+`"`) {
			t.Fatal("the overview lacks the confirmed task")
		}

		// The liaison of U001 sees its task only; U002's is not found.
		list := must(t, h.Page(account.Liaison, "GET", "/liaison/tasks", nil), http.StatusOK, "户籍窗口午休期间无人值守")
		if strings.Contains(list, "最低等次") || strings.Contains(list, `data-task="`+tierTask+`"`) {
			t.Fatal("the liaison sees another unit's task")
		}
		apptest.Expect(t, h.Page(account.Liaison, "GET", "/liaison/tasks/"+tierTask, nil), http.StatusNotFound)
		apptest.Expect(t, h.Page(account.Liaison, "POST", "/liaison/tasks/"+tierTask+"/report", url.Values{"text": {"x"}}), http.StatusNotFound)
		apptest.Expect(t, h.Page(account.Liaison, "GET", rectBase, nil), http.StatusForbidden)

		lt := "/liaison/tasks/" + task
		apptest.Expect(t, h.Page(account.Liaison, "POST", lt+"/report", url.Values{"text": {"已排出午间值班表"}}), http.StatusSeeOther)
		must(t, h.Page(account.Liaison, "POST", lt+"/close", nil), http.StatusConflict, "申请销号前")

		// Evidence: not an image whatever its name, too large, empty:
		// refused with the limit named, nothing stored.
		must(t, uploadEvidence(h, account.Liaison, lt+"/evidence", "值班照片", map[string][]byte{"photo.png": []byte("<script>alert(1)</script>")}),
			http.StatusUnprocessableEntity, "5 MiB", "photo.png")
		big := append(rectification.DemoPNG(1), bytes.Repeat([]byte{0}, rectification.MaxFileBytes)...)
		must(t, uploadEvidence(h, account.Liaison, lt+"/evidence", "值班照片", map[string][]byte{"big.png": big}),
			http.StatusRequestEntityTooLarge, "5 MiB")
		must(t, uploadEvidence(h, account.Liaison, lt+"/evidence", "值班照片", map[string][]byte{"empty.pdf": {}}),
			http.StatusUnprocessableEntity, "empty.pdf")
		if n := stepsOf(t, h, task, "evidence"); n != 0 {
			t.Fatalf("%d evidence steps stored after refusals", n)
		}
		apptest.Expect(t, uploadEvidence(h, account.Liaison, lt+"/evidence", "午间值班表及现场照片",
			map[string][]byte{"值班.png": rectification.DemoPNG(2)}), http.StatusSeeOther)
		page := must(t, h.Page(account.Liaison, "GET", lt, nil), http.StatusOK, "值班.png", "上传佐证材料")
		file := regexp.MustCompile(`href="(/liaison/tasks/\d+/files/\d+)"`).FindStringSubmatch(page)
		if file == nil {
			t.Fatal("no file link on the liaison's task page")
		}
		dl := apptest.Expect(t, h.Page(account.Liaison, "GET", file[1], nil), http.StatusOK)
		if dl.Header().Get("Content-Type") != "image/png" || !strings.HasPrefix(dl.Header().Get("Content-Disposition"), "attachment") ||
			dl.Header().Get("X-Content-Type-Options") != "nosniff" || !bytes.Equal(dl.Body.Bytes(), rectification.DemoPNG(2)) {
			t.Fatalf("download headers %v", dl.Header())
		}
		apptest.Expect(t, h.Page(account.Liaison, "POST", lt+"/close", url.Values{"note": {"整改完成"}}), http.StatusSeeOther)
		must(t, h.Page(account.Liaison, "POST", lt+"/report", url.Values{"text": {"再报"}}), http.StatusConflict)

		// The committee returns it with a reason; new evidence, a new request, acceptance.
		ct := rectBase + "/tasks/" + task
		must(t, h.Page(account.Supervisor, "GET", ct, nil), http.StatusOK, "申请销号", "值班.png")
		must(t, h.Page(account.Committee, "GET", ct, nil), http.StatusOK, "单位已申请销号", "同意销号")
		apptest.Expect(t, h.Page(account.Supervisor, "POST", ct+"/accept", nil), http.StatusForbidden)
		must(t, h.Page(account.Committee, "POST", ct+"/return", url.Values{"reason": {""}}), http.StatusUnprocessableEntity)
		apptest.Expect(t, h.Page(account.Committee, "POST", ct+"/return", url.Values{"reason": {"缺少执行记录"}}), http.StatusSeeOther)
		must(t, h.Page(account.Liaison, "POST", lt+"/close", nil), http.StatusConflict)
		apptest.Expect(t, uploadEvidence(h, account.Liaison, lt+"/evidence", "一周执行记录", map[string][]byte{"记录.pdf": rectification.DemoPDF("log")}), http.StatusSeeOther)
		apptest.Expect(t, h.Page(account.Liaison, "POST", lt+"/close", nil), http.StatusSeeOther)
		apptest.Expect(t, h.Page(account.Committee, "POST", ct+"/accept", url.Values{"note": {"同意销号"}}), http.StatusSeeOther)
		must(t, h.Page(account.Liaison, "GET", lt, nil), http.StatusOK, "已销号", "退回整改", "缺少执行记录")

		// The public list: closed, with its evidence, nobody's name; the
		// unaccepted task's has none.
		pub := must(t, h.Page(apptest.Stranger, "GET", "/p/2026-annual/rectification", nil), http.StatusOK,
			"户籍窗口午休期间无人值守", "已销号", "记录.pdf", "市公安局", "市教育局", "待整改")
		for _, personal := range []string{apptest.Login(account.Liaison), apptest.Login(account.Committee), "特约监督员暗访发现"} {
			if strings.Contains(pub, personal) {
				t.Fatalf("the public list shows %q", personal)
			}
		}
		must(t, h.Page(apptest.Stranger, "GET", "/p/2026-annual/rectification/print", nil), http.StatusOK, "张榜公示", "户籍窗口午休期间无人值守")
		pf := regexp.MustCompile(`href="(/p/2026-annual/rectification/tasks/\d+/files/\d+)"`).FindAllStringSubmatch(pub, -1)
		if len(pf) != 2 {
			t.Fatalf("the public list links %d files, want the 2 accepted", len(pf))
		}
		apptest.Expect(t, h.Page(apptest.Stranger, "GET", pf[0][1], nil), http.StatusOK)
		apptest.Expect(t, h.Page(apptest.Stranger, "GET", "/p/2026-annual/rectification/tasks/"+tierTask+"/files/1", nil), http.StatusNotFound)
		if !strings.Contains(must(t, h.Page(apptest.Stranger, "GET", "/p/2026-annual", nil), http.StatusOK), `href="/p/2026-annual/rectification"`) {
			t.Fatal("the publication page does not link to the rectification list")
		}

		// Strangers reach neither side.
		for _, path := range []string{rectBase, rectBase + "/tasks/" + task, "/liaison/tasks", lt} {
			apptest.Expect(t, h.Page(apptest.Stranger, "GET", path, nil), http.StatusUnauthorized)
		}
		if _, brk, err := h.App.Audit.Verify(ctx); brk != nil || err != nil {
			t.Fatalf("audit log: %v %v", brk, err)
		}
	})
}

// A comment on the unit page becomes a proposed task (its phone number
// masked) or an appeal case of the survey channel.
func TestCommentsBecomeWork(t *testing.T) {
	apptest.Each(t, func(t *testing.T, h *apptest.Harness) {
		ctx := context.Background()
		h.PublishCampaign()
		unit := must(t, h.Page(account.Committee, "GET", "/review/2026-annual/units/U002", nil), http.StatusOK, "转办", "建议立为整改任务")
		run := regexp.MustCompile(`name="run" value="(\d+)"`).FindStringSubmatch(unit)
		if run == nil {
			t.Fatal("no comment form on the unit page")
		}
		if strings.Contains(must(t, h.Page(account.Supervisor, "GET", "/review/2026-annual/units/U002", nil), http.StatusOK), "建议立为整改任务") {
			t.Fatal("a supervisor is offered to turn comments into work")
		}
		action := "/review/2026-annual/units/U002/comments"
		apptest.Expect(t, h.Page(account.Committee, "POST", action, url.Values{"run": {run[1]}, "comment": {"编造的意见"}, "action": {"task"}}), http.StatusNotFound)
		apptest.Expect(t, h.Page(account.Supervisor, "POST", action, url.Values{"run": {run[1]}, "comment": {apptest.DemoComment}, "action": {"task"}}), http.StatusForbidden)
		apptest.Expect(t, h.Page(account.Committee, "POST", action, url.Values{"run": {run[1]}, "comment": {apptest.DemoComment}, "action": {"task"}}), http.StatusSeeOther)
		proposals, _ := h.App.Rectification.Proposals(ctx, "2026-annual", 1)
		var found *rectification.Proposal
		for i, p := range proposals {
			if p.Source.Kind == rectification.FromComment {
				found = &proposals[i]
			}
		}
		if found == nil || found.Unit != "U002" || strings.Contains(found.Problem, "13812345678") || !strings.Contains(found.Problem, "窗口办事要跑三次") {
			t.Fatalf("comment proposal: %+v", found)
		}
		got := must(t, h.Page(account.Committee, "POST", action, url.Values{"run": {run[1]}, "comment": {apptest.DemoComment}, "action": {"case"}, "kind": {"投诉"}}),
			http.StatusOK, "该意见已转为诉求件")
		number := regexp.MustCompile(`诉求件 (\S+?)<`).FindStringSubmatch(got)
		if number == nil {
			t.Fatalf("no case number: %.800s", got)
		}
		known, err := h.App.Appeals.CaseKnown(ctx, number[1])
		if err != nil || !known {
			t.Fatalf("case %s not in the ledger: %v", number[1], err)
		}
	})
}

// stepsOf counts a task's steps of a kind.
func stepsOf(t *testing.T, h *apptest.Harness, id, kind string) int {
	t.Helper()
	task, err := h.App.Rectification.Task(context.Background(), atoi(id))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, s := range task.Steps {
		if s.Kind == kind {
			n++
		}
	}
	return n
}

// The demo: last year's campaign has its tasks, the demo liaison sees its
// unit's, and this year's campaign shows how last year's ended per unit.
func TestTheDemoShowsLastYearsRectification(t *testing.T) {
	apptest.Each(t, func(t *testing.T, h *apptest.Harness) {
		if _, err := demo.Load(context.Background(), h.App); err != nil {
			t.Fatal(err)
		}
		last := must(t, h.Page(apptest.Stranger, "GET", "/p/"+demo.PreviousCode+"/rectification", nil), http.StatusOK,
			"已销号", "申请销号", "已逾期", "市公安局", "逾期销号")
		if strings.Contains(last, "lianluo1") || strings.Contains(last, "weiyuan1") {
			t.Fatal("the public list names staff")
		}
		must(t, h.Page(apptest.Stranger, "GET", "/p/"+demo.CampaignCode+"/rectification", nil), http.StatusOK,
			"2025年度市直单位社会满意度测评（演示数据） 整改任务完成情况", `data-unit="U001"`, "尚未交办整改任务")
		lianluo := h.SignIn("lianluo1", demo.Password)
		must(t, lianluo.Page("GET", "/liaison/tasks", nil), http.StatusOK, "2025年度市直单位社会满意度测评", "窗口办事排队时间长")
		must(t, h.Page(account.Supervisor, "GET", "/review/"+demo.PreviousCode+"/rectification", nil), http.StatusOK, "逾期")
	})
}
