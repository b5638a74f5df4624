package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"pingyi/account"
	"pingyi/app/apptest"
	"pingyi/audit"
	"pingyi/rectification"
)

// The dispatcher's case page shows the rectification tasks that came from
// the case; once one is closed, the dispatcher records the person's answer
// at the callback, which the task keeps and shows, audited; a task of
// another case, an open task and a made-up answer are refused.
func TestTheDispatcherRecordsTheFollowUpOfARectification(t *testing.T) {
	apptest.Each(t, func(t *testing.T, h *apptest.Harness) {
		h.OpenCampaigns()
		id, number := fileAndReply(t, h, "dispatch-followup-0001")
		_, other := fileAndReply(t, h, "dispatch-followup-0002")
		ctx := context.Background()
		r := h.App.Rectification
		member := audit.Actor{Login: "weiyuan-test", Role: "committee"}
		liaison := audit.Actor{Login: "lianluo-test", Role: "liaison"}
		open := func(caseNo, problem string, close bool) int64 {
			tid, err := r.OpenTask(ctx, member, rectification.NewTask{Campaign: "2026-annual", Version: 1, Unit: "U001-1",
				Problem: problem, Measures: "限期整改", Source: rectification.Source{Kind: rectification.FromAppeal, Case: caseNo},
				Deadline: rectification.Deadline{WorkingDays: 5}})
			if err != nil {
				t.Fatal(err)
			}
			if !close {
				return tid
			}
			for _, err := range []error{
				r.AddEvidence(ctx, liaison, "U001-1", tid, "已更换灯具", []rectification.Upload{{Name: "a.pdf", Content: rectification.DemoPDF("a")}}),
				r.RequestClose(ctx, liaison, "U001-1", tid, ""),
				r.Accept(ctx, member, tid, ""),
			} {
				if err != nil {
					t.Fatal(err)
				}
			}
			return tid
		}
		closed, pending, theirs := open(number, "路灯长期不亮", true), open(number, "井盖缺失", false), open(other, "另一件的问题", true)
		casePath := "/dispatch/cases/" + strconv.FormatInt(id, 10)
		form := func(task int64, answer string) url.Values {
			return url.Values{"task": {strconv.FormatInt(task, 10)}, "answer": {answer}}
		}

		body := h.Page(account.Dispatcher, "GET", casePath, nil).Body.String()
		if !strings.Contains(body, "本件整改") || !strings.Contains(body, "路灯长期不亮") || !strings.Contains(body, "井盖缺失") ||
			strings.Contains(body, "另一件的问题") || !strings.Contains(body, `name="task" value="`+strconv.FormatInt(closed, 10)+`"`) ||
			strings.Contains(body, `name="task" value="`+strconv.FormatInt(pending, 10)+`"`) || !strings.Contains(body, "任务销号后回访群众") {
			t.Fatalf("the case page's rectification: %s", body)
		}

		for _, bad := range []struct {
			form url.Values
			code int
		}{
			{form(closed, "很好"), http.StatusUnprocessableEntity},
			{form(closed, ""), http.StatusUnprocessableEntity},
			{form(theirs, "满意"), http.StatusConflict},
			{form(pending, "满意"), http.StatusConflict},
			{url.Values{"task": {"x"}, "answer": {"满意"}}, http.StatusBadRequest},
		} {
			if rec := h.Page(account.Dispatcher, "POST", casePath+"/followup", bad.form); rec.Code != bad.code {
				t.Errorf("follow-up %v: %d, want %d", bad.form, rec.Code, bad.code)
			}
		}
		if tasks, _ := r.FollowUpsOfCase(ctx, other); len(tasks) != 1 || tasks[0].FollowUp == nil || tasks[0].FollowUp.Answer != "" {
			t.Fatalf("another case's follow-up was answered: %+v", tasks)
		}
		for _, role := range []account.Role{account.Liaison, account.Committee} {
			if rec := h.Page(role, "POST", casePath+"/followup", form(closed, "满意")); rec.Code != http.StatusForbidden {
				t.Errorf("%s recorded a follow-up: %d", role, rec.Code)
			}
		}

		rec := h.Page(account.Dispatcher, "POST", casePath+"/followup", form(closed, "not_reached"))
		if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != casePath+"?done=followup" {
			t.Fatalf("the follow-up: %d %s", rec.Code, rec.Header())
		}
		body = h.Page(account.Dispatcher, "GET", casePath+"?done=followup", nil).Body.String()
		if !strings.Contains(body, "已记录：整改回访。") || !strings.Contains(body, "未联系上") ||
			strings.Contains(body, `name="task" value="`+strconv.FormatInt(closed, 10)+`"`) {
			t.Fatalf("the case page after the follow-up: %s", body)
		}
		tasks, err := r.FollowUpsOfCase(ctx, number)
		if err != nil || len(tasks) != 2 || tasks[0].ID != closed || tasks[0].FollowUp == nil || tasks[0].FollowUp.Answer != rectification.NotReached {
			t.Fatalf("the kept follow-up: %v %+v", err, tasks)
		}
		if entries, _ := h.App.Audit.Entries(ctx, "rectification.followup"); len(entries) != 1 || entries[0].Actor == "" || entries[0].Actor == "public" {
			t.Errorf("the follow-up's audit: %+v", entries)
		}
		// The task's page shows the answer too.
		task := h.Page(account.Committee, "GET", "/review/2026-annual/rectification/tasks/"+strconv.FormatInt(closed, 10), nil).Body.String()
		if !strings.Contains(task, "回访") || !strings.Contains(task, "未联系上") {
			t.Errorf("the task page lacks its follow-up: %s", task)
		}
	})
}
