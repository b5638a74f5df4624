package web_test

import (
	"context"
	"encoding/csv"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"pingyi/app/apptest"
	"pingyi/appeals"
	"pingyi/audit"
	"pingyi/rectification"
)

var (
	formKeyField = regexp.MustCompile(`name="key" value="([A-Za-z0-9_-]+)"`)
	caseNumberRe = regexp.MustCompile(`<code id="case-number">(\d{12})</code>`)
	dispatcherA  = audit.Actor{Login: "paidan-test", Role: "dispatcher"}
	liaisonA     = audit.Actor{Login: "lianluo-test", Role: "liaison"}
)

func appealForm(t *testing.T, h *apptest.Harness) url.Values {
	t.Helper()
	rec := h.Page(apptest.Stranger, "GET", "/appeal", nil)
	m := formKeyField.FindStringSubmatch(rec.Body.String())
	if rec.Code != http.StatusOK || m == nil || rec.Header().Get("Cache-Control") != "no-store" || strings.Contains(rec.Body.String(), "<script") {
		t.Fatalf("the form: %d %v %s", rec.Code, rec.Header(), rec.Body)
	}
	return url.Values{"key": {m[1]}, "kind": {"complaint"}, "content": {"办证窗口排队两小时，无人引导"},
		"unit": {"市公安局"}, "contact": {"13812341234"}, "password": {"pass-1234"}, "confirm": {"pass-1234"}, "consent": {"yes"}}
}

// A person files a case without signing in: the receipt shows its number
// and how to follow it; the same form sent again files nothing more.
func TestAPersonFilesACaseOnTheWeb(t *testing.T) {
	apptest.Each(t, func(t *testing.T, h *apptest.Harness) {
		h.OpenCampaigns()
		form := appealForm(t, h)
		rec := h.Page(apptest.Stranger, "POST", "/appeal", form)
		m := caseNumberRe.FindStringSubmatch(rec.Body.String())
		if rec.Code != http.StatusOK || m == nil || !strings.Contains(rec.Body.String(), `href="/q"`) || rec.Header().Get("Cache-Control") != "no-store" {
			t.Fatalf("receipt: %d %s", rec.Code, rec.Body)
		}
		again := h.Page(apptest.Stranger, "POST", "/appeal", form)
		if m2 := caseNumberRe.FindStringSubmatch(again.Body.String()); again.Code != http.StatusOK || m2 == nil || m2[1] != m[1] {
			t.Fatalf("the form sent again: %d %s", again.Code, again.Body)
		}
		var n int64
		h.App.DB.Gorm.Table("appeal_cases").Count(&n)
		if n != 1 {
			t.Fatalf("%d cases from one form", n)
		}
		if strings.Contains(h.Logs.String(), "13812341234") || strings.Contains(h.Logs.String(), "pass-1234") {
			t.Fatal("the contact or the password reached the log")
		}
		// A new form is a new case.
		rec = h.Page(apptest.Stranger, "POST", "/appeal", appealForm(t, h))
		if m3 := caseNumberRe.FindStringSubmatch(rec.Body.String()); m3 == nil || m3[1] == m[1] {
			t.Fatalf("a second form: %s", rec.Body)
		}
	})
}

// Bad input: every problem named at its field, the answers kept, the
// passwords not sent back, nothing written.
func TestTheAppealFormNamesEveryProblem(t *testing.T) {
	apptest.Each(t, func(t *testing.T, h *apptest.Harness) {
		h.OpenCampaigns()
		form := appealForm(t, h)
		form.Set("kind", "report")
		form.Set("unit", "不存在的局")
		form.Set("content", "")
		form.Set("contact", "打我电话")
		form.Set("confirm", "pass-9999")
		form.Del("consent")
		rec := h.Page(apptest.Stranger, "POST", "/appeal", form)
		body := rec.Body.String()
		if rec.Code != http.StatusUnprocessableEntity {
			t.Fatalf("bad form: %d %s", rec.Code, body)
		}
		for _, want := range []string{
			`href="#content">诉求内容</a>: 请`, `href="#unit">涉及单位</a>`, `href="#contact">联系电话</a>: 请用数字填写电话号码`,
			`href="#confirm">再次输入查询密码</a>: 两次输入的密码不一致`, `href="#consent">同意</a>: 请勾选`,
			`value="不存在的局"`, `value="打我电话"`, `value="report" checked`, formKeyField.FindString(body),
		} {
			if want == "" || !strings.Contains(body, want) {
				t.Errorf("the refused form lacks %q", want)
			}
		}
		if strings.Contains(body, "pass-1234") || strings.Contains(body, "pass-9999") {
			t.Error("a password was sent back")
		}
		var n int64
		h.App.DB.Gorm.Table("appeal_cases").Count(&n)
		if n != 0 {
			t.Fatalf("a refused form wrote %d cases", n)
		}
	})
}

// fileAndReply files a case with a password through the store and has it
// assigned to U001-1, accepted and replied.
func fileAndReply(t testing.TB, h *apptest.Harness, key string) (int64, string) {
	t.Helper()
	return fileAndReplyAt(t, h, key, "U001-1")
}

// fileAndReplyAt is fileAndReply with the case sent to unit.
func fileAndReplyAt(t testing.TB, h *apptest.Harness, key, unit string) (int64, string) {
	t.Helper()
	ctx := context.Background()
	a := h.App.Appeals
	r, err := a.ReceiveOnline(ctx, appeals.Online{Kind: "求助", Content: "路灯坏了", Password: "pass-1234", Confirm: "pass-1234",
		Consent: true, Key: key, AddrHash: "filer-" + key}) // from its own address: the form's limit is per address
	if err != nil {
		t.Fatal(err)
	}
	for _, step := range []error{
		a.Assign(ctx, r.ID, unit, dispatcherA),
		a.Accept(ctx, r.ID, unit, liaisonA),
		a.Reply(ctx, r.ID, unit, "已修复路灯", true, liaisonA),
	} {
		if step != nil {
			t.Fatal(step)
		}
	}
	return r.ID, r.Number
}

func q(h *apptest.Harness, path, number, password string, extra ...string) *http.Response {
	form := url.Values{"number": {number}, "password": {password}}
	for i := 0; i+1 < len(extra); i += 2 {
		form.Set(extra[i], extra[i+1])
	}
	rec := h.Page(apptest.Stranger, "POST", path, form)
	res := rec.Result()
	res.Body.Close()
	res.Header.Set("X-Body", rec.Body.String())
	return res
}

// /q shows the case to its password only; a wrong password and an unknown
// number get the same page; the person rates the reply and asks for a
// review; guessing is throttled with a time to try again.
func TestAPersonFollowsTheirCaseAtQ(t *testing.T) {
	apptest.Each(t, func(t *testing.T, h *apptest.Harness) {
		h.OpenCampaigns()
		id, number := fileAndReply(t, h, "q-test-key-0000000001")
		if rec := h.Page(apptest.Stranger, "GET", "/q", nil); rec.Code != http.StatusOK || rec.Header().Get("Cache-Control") != "no-store" ||
			!strings.Contains(rec.Body.String(), `method="post" action="/q"`) {
			t.Fatalf("GET /q: %d %s", rec.Code, rec.Body)
		}
		res := q(h, "/q", number, "pass-1234")
		body := res.Header.Get("X-Body")
		if res.StatusCode != http.StatusOK || res.Header.Get("Cache-Control") != "no-store" {
			t.Fatalf("lookup: %d %v %s", res.StatusCode, res.Header, body)
		}
		for _, want := range []string{"市公安局出入境管理支队", "已修复路灯", "受理", "交办", "签收", "办结", "已解决", "评价答复", "申请复查", number} {
			if !strings.Contains(body, want) {
				t.Errorf("the case page lacks %q", want)
			}
		}
		if strings.Contains(body, "路灯坏了") {
			t.Error("the page shows the content: /q shows stages, unit, deadline and reply")
		}
		// A wrong password and an unknown number: the same answer.
		wrong := q(h, "/q", number, "wrong-pass")
		unknown := q(h, "/q", "202600000000", "pass-1234")
		wb := strings.ReplaceAll(wrong.Header.Get("X-Body"), number, "N")
		ub := strings.ReplaceAll(unknown.Header.Get("X-Body"), "202600000000", "N")
		if wrong.StatusCode != http.StatusNotFound || wrong.StatusCode != unknown.StatusCode || wb != ub || !strings.Contains(wb, "没有") {
			t.Fatalf("wrong password %d and unknown number %d differ:\n%s\n----\n%s", wrong.StatusCode, unknown.StatusCode, wb, ub)
		}
		// Rating and review.
		if res := q(h, "/q/rate", number, "pass-1234", "result", "basic"); res.StatusCode != http.StatusOK ||
			!strings.Contains(res.Header.Get("X-Body"), "谢谢，您的评价已记录") {
			t.Fatalf("rating: %d %s", res.StatusCode, res.Header.Get("X-Body"))
		}
		if res := q(h, "/q/rate", number, "pass-1234", "result", "unreached"); res.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("the person rating 'not reached': %d", res.StatusCode)
		}
		if res := q(h, "/q/review", number, "pass-1234"); res.StatusCode != http.StatusOK || !strings.Contains(res.Header.Get("X-Body"), "复查") {
			t.Fatalf("review: %d %s", res.StatusCode, res.Header.Get("X-Body"))
		}
		c, _ := h.App.Appeals.Get(context.Background(), id)
		if c.Callback != appeals.Basic || c.ReviewLevel != 1 || c.Status != appeals.StatusAccepted {
			t.Fatalf("after rating and review: %+v", c)
		}
		if res := q(h, "/q/review", number, "pass-1234"); res.StatusCode != http.StatusConflict {
			t.Fatalf("a review of a reopened case: %d", res.StatusCode)
		}
		// Guessing: ten wrong tries an hour per case, then 429 with a time,
		// for the right password too.
		for i := 0; i < 9; i++ {
			q(h, "/q", number, "guess-"+strconv.Itoa(i))
		}
		res = q(h, "/q", number, "pass-1234")
		if res.StatusCode != http.StatusTooManyRequests || !regexp.MustCompile(`\d\d:\d\d`).MatchString(res.Header.Get("X-Body")) {
			t.Fatalf("after 10 wrong guesses: %d %s", res.StatusCode, res.Header.Get("X-Body"))
		}
		// The password never travels in an address: /q answers no GET with one.
		if rec := h.Page(apptest.Stranger, "GET", "/q?number="+number+"&password=pass-1234", nil); strings.Contains(rec.Body.String(), "已修复路灯") {
			t.Fatal("GET /q with the password in the address showed the case")
		}
	})
}

// The public rates page shows, per unit, the counts appeals.Store.Rates
// computes; the CSV carries the same; the chart is an SVG.
func TestThePublicRatesPageShowsTheLedgersCounts(t *testing.T) {
	apptest.Each(t, func(t *testing.T, h *apptest.Harness) {
		h.OpenCampaigns()
		fileAndReply(t, h, "rates-key-00000000001")
		fileAndReply(t, h, "rates-key-00000000002")
		ctx := context.Background()
		r, err := h.App.Appeals.ReceiveOnline(ctx, appeals.Online{Kind: "投诉", Content: "学校收费", Consent: true, Key: "rates-key-00000000003", AddrHash: "x"})
		if err != nil {
			t.Fatal(err)
		}
		if err := h.App.Appeals.Assign(ctx, r.ID, "U002", dispatcherA); err != nil {
			t.Fatal(err)
		}
		now := time.Now().In(time.FixedZone("CST", 8*3600))
		month := now.Format("2006-01")
		start := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, now.Location())
		want, err := h.App.Appeals.Rates(ctx, start, start.AddDate(0, 1, 0), time.Now(), false)
		if err != nil || len(want) != 3 { // U001 (through its station), U001-1, U002
			t.Fatalf("rates: %v %+v", err, want)
		}
		rec := h.Page(apptest.Stranger, "GET", "/appeals/rates?month="+month, nil)
		body := rec.Body.String()
		if rec.Code != http.StatusOK || strings.Contains(body, "路灯坏了") || strings.Contains(body, "学校收费") {
			t.Fatalf("rates page: %d %s", rec.Code, body)
		}
		for _, u := range want {
			if !strings.Contains(body, `data-unit="`+u.Unit+`"`) || !strings.Contains(body, `data-cases="`+strconv.FormatInt(u.Cases, 10)+`"`) {
				t.Errorf("unit %s: no row with %d cases", u.Unit, u.Cases)
			}
			for name, x := range map[string]appeals.Rate{"response": u.Response, "on_time": u.OnTime, "resolution": u.Resolution,
				"satisfaction": u.Satisfaction, "settled": u.Settled} {
				cell := `data-rate="` + name + `" data-num="` + strconv.FormatInt(x.Num, 10) + `" data-den="` + strconv.FormatInt(x.Den, 10) + `"`
				if !regexp.MustCompile(`data-unit="` + regexp.QuoteMeta(u.Unit) + `"[^\n]*\n(?:[^\n]*\n){0,2}[^\n]*` + regexp.QuoteMeta(cell)).MatchString(body) {
					t.Errorf("unit %s %s: no cell %s", u.Unit, name, cell)
				}
			}
		}
		if !strings.Contains(body, `data-unit="U001-1"`) || !strings.Contains(body, "2/2") {
			t.Errorf("the station's resolution 2/2 is missing")
		}
		// The CSV: one line per unit, the same counts, no content.
		csvRec := h.Page(apptest.Stranger, "GET", "/appeals/rates.csv?month="+month, nil)
		rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(csvRec.Body.String(), "\ufeff"))).ReadAll()
		if err != nil || csvRec.Code != http.StatusOK || len(rows) != 1+len(want) {
			t.Fatalf("CSV: %d %v %q", csvRec.Code, err, csvRec.Body)
		}
		for i, u := range want {
			line := rows[i+1]
			if line[0] != u.Unit || line[2] != strconv.FormatInt(u.Cases, 10) || line[3] != strconv.FormatInt(u.Response.Num, 10) ||
				line[4] != strconv.FormatInt(u.Response.Den, 10) || line[9] != strconv.FormatInt(u.Resolution.Num, 10) {
				t.Errorf("CSV line %v for %+v", line, u)
			}
		}
		svg := h.Page(apptest.Stranger, "GET", "/appeals/rates/chart.svg?month="+month+"&rate=resolution", nil)
		if svg.Code != http.StatusOK || svg.Header().Get("Content-Type") != "image/svg+xml" || !strings.Contains(svg.Body.String(), "<svg") {
			t.Fatalf("chart: %d %s", svg.Code, svg.Header())
		}
		// Bad periods are named.
		bad := h.Page(apptest.Stranger, "GET", "/appeals/rates?from=2026-13-01&to=2026-01-01", nil)
		if bad.Code != http.StatusUnprocessableEntity || !strings.Contains(bad.Body.String(), `href="#from"`) {
			t.Fatalf("bad period: %d %s", bad.Code, bad.Body)
		}
		// The home page links the ledger's public pages.
		home := h.Page(apptest.Stranger, "GET", "/", nil).Body.String()
		for _, link := range []string{`href="/appeal"`, `href="/q"`, `href="/appeals/rates"`} {
			if !strings.Contains(home, link) {
				t.Errorf("the home page lacks %s", link)
			}
		}
	})
}

// A rectification task that came from the case asks the person at /q,
// once it is closed, whether they are satisfied; the answer is recorded,
// only for a task of this case, and the question goes away.
func TestQAsksForTheFollowUpOfARectification(t *testing.T) {
	apptest.Each(t, func(t *testing.T, h *apptest.Harness) {
		h.OpenCampaigns()
		_, number := fileAndReply(t, h, "followup-key-00000001")
		_, other := fileAndReply(t, h, "followup-key-00000002")
		ctx := context.Background()
		r := h.App.Rectification
		member := audit.Actor{Login: "weiyuan-test", Role: "committee"}
		liaison := audit.Actor{Login: "lianluo-test", Role: "liaison"}
		open := func(caseNo, problem string) int64 {
			id, err := r.OpenTask(ctx, member, rectification.NewTask{Campaign: "2026-annual", Version: 1, Unit: "U001-1",
				Problem: problem, Measures: "限期整改", Source: rectification.Source{Kind: rectification.FromAppeal, Case: caseNo},
				Deadline: rectification.Deadline{WorkingDays: 5}})
			if err != nil {
				t.Fatal(err)
			}
			for _, err := range []error{
				r.AddEvidence(ctx, liaison, "U001-1", id, "已更换灯具", []rectification.Upload{{Name: "a.pdf", Content: rectification.DemoPDF("a")}}),
				r.RequestClose(ctx, liaison, "U001-1", id, ""),
				r.Accept(ctx, member, id, ""),
			} {
				if err != nil {
					t.Fatal(err)
				}
			}
			return id
		}
		mine, theirs := open(number, "路灯长期不亮"), open(other, "另一件的问题")
		res := q(h, "/q", number, "pass-1234")
		body := res.Header.Get("X-Body")
		if !strings.Contains(body, "路灯长期不亮") || strings.Contains(body, "另一件的问题") || !strings.Contains(body, `name="task" value="`+strconv.FormatInt(mine, 10)+`"`) {
			t.Fatalf("the follow-up at /q: %s", body)
		}
		// Another case's task cannot be answered from this one.
		if res := q(h, "/q/followup", number, "pass-1234", "task", strconv.FormatInt(theirs, 10), "answer", "满意"); res.StatusCode != http.StatusConflict {
			t.Fatalf("answering another case's follow-up: %d", res.StatusCode)
		}
		if res := q(h, "/q/followup", number, "pass-1234", "task", strconv.FormatInt(mine, 10), "answer", "not_reached"); res.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("the person answering 'not reached': %d", res.StatusCode)
		}
		if res := q(h, "/q/followup", number, "wrong-pass", "task", strconv.FormatInt(mine, 10), "answer", "满意"); res.StatusCode != http.StatusNotFound {
			t.Fatalf("a follow-up with a wrong password: %d", res.StatusCode)
		}
		res = q(h, "/q/followup", number, "pass-1234", "task", strconv.FormatInt(mine, 10), "answer", "基本满意")
		if res.StatusCode != http.StatusOK || strings.Contains(res.Header.Get("X-Body"), "路灯长期不亮") {
			t.Fatalf("the answer: %d %s", res.StatusCode, res.Header.Get("X-Body"))
		}
		tasks, err := r.FollowUpsOfCase(ctx, number)
		if err != nil || len(tasks) != 1 || tasks[0].FollowUp == nil || tasks[0].FollowUp.Answer != rectification.FairlySatisfied {
			t.Fatalf("recorded follow-up: %v %+v", err, tasks)
		}
	})
}
