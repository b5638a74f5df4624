package app_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"pingyi/account"
	"pingyi/app/apptest"
	"pingyi/audit"
	"pingyi/fault"
	"pingyi/rectification"
	"pingyi/responses"
	"pingyi/review"
	"pingyi/survey"
)

var cli = audit.Actor{Login: "cli"}

// organisersHarness sets up a city and a county under it on one database,
// each with committee members of its own, and an administrator of each.
func organisersHarness(t *testing.T, h *apptest.Harness) map[string]*apptest.Member {
	t.Helper()
	ctx := context.Background()
	if err := h.App.Organizers.Put(ctx, "city", "市测评办", "", cli); err != nil {
		t.Fatal(err)
	}
	if err := h.App.Organizers.Put(ctx, "county", "县测评办", "city", cli); err != nil {
		t.Fatal(err)
	}
	people := map[string]*apptest.Member{}
	for _, p := range []struct {
		login, organizer string
		role             account.Role
	}{
		{"city-c1", "city", account.Committee}, {"city-c2", "city", account.Committee},
		{"county-c1", "county", account.Committee},
		{"city-admin", "city", account.Admin}, {"county-admin", "county", account.Admin},
	} {
		in := account.NewUser{Login: p.login, Role: p.role, Password: apptest.Password, Organizers: []string{p.organizer}}
		if _, _, err := h.App.Accounts.Create(ctx, in, cli); err != nil {
			t.Fatal(err)
		}
		people[p.login] = h.SignIn(p.login, apptest.Password)
	}
	return people
}

// openCampaign creates the test campaign as code, of an organiser and
// year (with extra units, if any), and opens it.
func openCampaign(t *testing.T, h *apptest.Harness, code, organizer string, year int, extra ...survey.UnitDef) {
	t.Helper()
	ctx := context.Background()
	var d survey.Definition
	if err := json.Unmarshal([]byte(apptest.Definition()), &d); err != nil {
		t.Fatal(err)
	}
	d.Code, d.Year, d.Organizer = code, year, survey.OrganizerDef{Code: organizer, Name: organizer}
	d.Units = append(d.Units, extra...)
	if _, err := h.App.Survey.Create(ctx, d, cli); err != nil {
		t.Fatal(err)
	}
	if _, err := h.App.Survey.SetStatus(ctx, code, survey.Open, cli); err != nil {
		t.Fatal(err)
	}
}

// campaignUnderReview creates the test campaign as code, of an organiser
// and year (with extra units, if any), with 90 paper forms rating U001
// with option (A 100 … D 0) and U002 不满意, and takes it to review.
func campaignUnderReview(t *testing.T, h *apptest.Harness, code, organizer string, year, option int, extra ...survey.UnitDef) {
	t.Helper()
	ctx := context.Background()
	openCampaign(t, h, code, organizer, year, extra...)
	st, err := h.App.Survey.Structure(ctx, code)
	if err != nil {
		t.Fatal(err)
	}
	var rs []responses.NewResponse
	for i := range 90 {
		r := responses.NewResponse{Ref: fmt.Sprintf("P%02d", i), Group: i % 3, Weight: 1, Channel: responses.Paper, SubmittedAt: time.Now()}
		for ind := range 3 {
			r.Ratings = append(r.Ratings, responses.Rating{Unit: 0, Indicator: ind, Option: option}, responses.Rating{Unit: 2, Indicator: ind, Option: 3})
		}
		rs = append(rs, r)
	}
	if err := h.App.Responses.InsertResponses(ctx, st, rs); err != nil {
		t.Fatal(err)
	}
	for _, to := range []survey.Status{survey.Closed, survey.Review} {
		if _, err := h.App.Survey.SetStatus(ctx, code, to, cli); err != nil {
			t.Fatal(err)
		}
	}
}

// publishBy creates a score run of a campaign under review, has each of
// approvers approve it and the first publish it.
func publishBy(t *testing.T, h *apptest.Harness, code string, approvers ...string) *review.Content {
	t.Helper()
	ctx := context.Background()
	run, _, err := h.App.Results.Create(ctx, code, cli)
	if err != nil {
		t.Fatal(err)
	}
	for _, login := range approvers {
		if err := h.App.Review.Approve(ctx, code, run.ID, actorOf(t, h, login)); err != nil {
			t.Fatalf("%s approving %s: %v", login, code, err)
		}
	}
	if _, err := h.App.Review.Publish(ctx, code, review.PublishRequest{Run: run.ID}, actorOf(t, h, approvers[0])); err != nil {
		t.Fatal(err)
	}
	_, content, err := h.App.Review.Get(ctx, code, 0)
	if err != nil {
		t.Fatal(err)
	}
	return content
}

func actorOf(t *testing.T, h *apptest.Harness, login string) audit.Actor {
	t.Helper()
	u, err := h.App.Accounts.ByLogin(context.Background(), login)
	if err != nil {
		t.Fatal(err)
	}
	return u.Actor()
}

func TestEachCommitteeApprovesOnlyItsOrganisersCampaign(t *testing.T) {
	apptest.Each(t, func(t *testing.T, h *apptest.Harness) {
		organisersHarness(t, h)
		ctx := context.Background()
		campaignUnderReview(t, h, "county-2026", "county", 2026, 0)
		campaignUnderReview(t, h, "city-2026", "city", 2026, 0)
		run, _, err := h.App.Results.Create(ctx, "county-2026", cli)
		if err != nil {
			t.Fatal(err)
		}
		// The city's members see the county's campaign but are not its
		// committee: their approvals are refused and never count.
		for _, outsider := range []string{"city-c1", "city-c2"} {
			if err := h.App.Review.Approve(ctx, "county-2026", run.ID, actorOf(t, h, outsider)); !fault.Is(err, fault.Forbidden) {
				t.Fatalf("%s approving the county's run: %v, want refused", outsider, err)
			}
		}
		status, err := h.App.Review.Status(ctx, "county-2026", run)
		if err != nil {
			t.Fatal(err)
		}
		if status.Tally.Members != 1 || status.Tally.Approvals != 0 || status.Tally.Met {
			t.Fatalf("county tally after outsiders: %+v", status.Tally)
		}
		if err := h.App.Review.Approve(ctx, "county-2026", run.ID, actorOf(t, h, "county-c1")); err != nil {
			t.Fatal(err)
		}
		if status, _ = h.App.Review.Status(ctx, "county-2026", run); !status.Tally.Met || status.Tally.Approvals != 1 {
			t.Fatalf("county tally after its own member: %+v", status.Tally)
		}
		if _, err := h.App.Review.Publish(ctx, "county-2026", review.PublishRequest{Run: run.ID}, actorOf(t, h, "city-c1")); !fault.Is(err, fault.Forbidden) {
			t.Fatalf("the city's member publishing the county's campaign: %v, want refused", err)
		}
		if _, err := h.App.Review.Publish(ctx, "county-2026", review.PublishRequest{Run: run.ID}, actorOf(t, h, "county-c1")); err != nil {
			t.Fatal(err)
		}

		cityRun, _, err := h.App.Results.Create(ctx, "city-2026", cli)
		if err != nil {
			t.Fatal(err)
		}
		if err := h.App.Review.Approve(ctx, "city-2026", cityRun.ID, actorOf(t, h, "county-c1")); !fault.Is(err, fault.Forbidden) {
			t.Fatalf("the county's member approving the city's run: %v, want refused", err)
		}
		if err := h.App.Review.Approve(ctx, "city-2026", cityRun.ID, actorOf(t, h, "city-c1")); err != nil {
			t.Fatal(err)
		}
		status, _ = h.App.Review.Status(ctx, "city-2026", cityRun)
		if status.Tally.Members != 2 || status.Tally.Required != 2 || status.Tally.Met {
			t.Fatalf("city tally with one of its two members: %+v", status.Tally)
		}
		if _, err := h.App.Review.Publish(ctx, "city-2026", review.PublishRequest{Run: cityRun.ID}, actorOf(t, h, "city-c1")); err == nil {
			t.Fatal("the city's campaign was published without its quorum")
		}
	})
}

func TestCityComparisonIgnoresTheCountysSeries(t *testing.T) {
	apptest.Each(t, func(t *testing.T, h *apptest.Harness) {
		organisersHarness(t, h)
		// The city's 2025 rated U001 比较满意 (80); the county's 2025,
		// published after it with the same unit codes, 满意 (100). Before
		// series, the city's 2026 compared with the county's.
		campaignUnderReview(t, h, "city-2025", "city", 2025, 1)
		publishBy(t, h, "city-2025", "city-c1", "city-c2")
		campaignUnderReview(t, h, "county-2025", "county", 2025, 0)
		county := publishBy(t, h, "county-2025", "county-c1")
		campaignUnderReview(t, h, "city-2026", "city", 2026, 2, survey.UnitDef{Code: "U009", Name: "市数据局", Category: "service"})
		content := publishBy(t, h, "city-2026", "city-c1", "city-c2")
		// A unit the city did not have last year says so.
		page := apptest.Expect(t, h.Page(apptest.Stranger, "GET", "/p/city-2026", nil), http.StatusOK).Body.String()
		if !strings.Contains(page, "新增：2025 年无此单位") {
			t.Fatal("the public page does not say that U009 is new since 2025")
		}
		if content.Comparison == nil || content.Comparison.Campaign != "city-2025" {
			t.Fatalf("the city's 2026 is compared with %+v, want city-2025", content.Comparison)
		}
		// Each organiser signs with its own key, listed for verifiers.
		if content.Signature == nil || county.Signature == nil || content.Signature.Organizer != "city" ||
			county.Signature.Organizer != "county" || content.Signature.KeyID == county.Signature.KeyID {
			t.Fatalf("signatures: city %+v, county %+v", content.Signature, county.Signature)
		}
		keys := apptest.Expect(t, h.API(apptest.Stranger, "GET", "/.well-known/pingyi-signing-keys", nil), http.StatusOK).Body.String()
		if !strings.Contains(keys, content.Signature.KeyID) || !strings.Contains(keys, county.Signature.KeyID) {
			t.Fatalf("the keys listed are not the organisers': %s", keys)
		}
		for _, u := range content.Units {
			if u.UnitCode != "U001" {
				continue
			}
			// 基本满意 (60) this year against 80 last year: −20, not −40.
			if u.Previous == nil || u.Previous.IndexChange == nil || *u.Previous.IndexChange != -20 {
				t.Fatalf("U001's change since last year: %+v", u.Previous)
			}
			return
		}
		t.Fatal("U001 is not in the city's publication")
	})
}

func TestStaffSeeOnlyTheirOrganisersCampaigns(t *testing.T) {
	apptest.Each(t, func(t *testing.T, h *apptest.Harness) {
		people := organisersHarness(t, h)
		campaignUnderReview(t, h, "county-2026", "county", 2026, 0)
		campaignUnderReview(t, h, "city-2026", "city", 2026, 0)
		codes := func(m *apptest.Member) string {
			rec := apptest.Expect(t, m.API("GET", "/api/v1/campaigns", nil), http.StatusOK)
			var out struct{ Campaigns []struct{ Code string } }
			if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil {
				t.Fatal(err)
			}
			var list []string
			for _, c := range out.Campaigns {
				list = append(list, c.Code)
			}
			return strings.Join(list, ",")
		}
		if got := codes(people["county-admin"]); got != "county-2026" {
			t.Fatalf("the county's administrator lists %q", got)
		}
		if got := codes(people["city-admin"]); !strings.Contains(got, "county-2026") || !strings.Contains(got, "city-2026") {
			t.Fatalf("the city's administrator (the county is under the city) lists %q", got)
		}
		if got := codes(h.SignIn(apptest.Login(account.Admin), apptest.Password)); got != "" {
			t.Fatalf("the default organiser's administrator lists %q", got)
		}
		home := apptest.Expect(t, people["county-admin"].Page("GET", "/admin", nil), http.StatusOK).Body.String()
		if strings.Contains(home, "city-2026") || !strings.Contains(home, "county-2026") {
			t.Fatal("the county's administrator's home page lists the city's campaign, or not its own")
		}
		// Another organiser's campaign by URL is not found, in both rooms.
		for _, path := range []string{"/admin/campaigns/city-2026", "/review/city-2026"} {
			apptest.Expect(t, people["county-c1"].Page("GET", path, nil), http.StatusNotFound)
		}
		apptest.Expect(t, people["county-admin"].API("GET", "/api/v1/campaigns/city-2026", nil), http.StatusNotFound)
		apptest.Expect(t, people["city-admin"].API("GET", "/api/v1/campaigns/county-2026", nil), http.StatusOK)
		apptest.Expect(t, people["county-c1"].Page("GET", "/review/county-2026", nil), http.StatusOK)
		// An administrator creates campaigns of its organisers only.
		var d map[string]any
		json.Unmarshal([]byte(apptest.Definition()), &d)
		d["code"], d["organizer"] = "city-2027", map[string]string{"code": "city", "name": "市测评办"}
		rec := apptest.Expect(t, people["county-admin"].API("POST", "/api/v1/campaigns", d), http.StatusUnprocessableEntity)
		if !strings.Contains(rec.Body.String(), `"organizer.code"`) {
			t.Fatalf("refusal does not name the field: %s", rec.Body)
		}
		apptest.Expect(t, people["city-admin"].API("POST", "/api/v1/campaigns", d), http.StatusCreated)
	})
}

// A liaison speaks for a unit code, and unit codes repeat across
// organisers: another organiser's liaison of a unit with the same code
// does not find the task, in either room, and its own liaison does.
func TestALiaisonSeesOnlyTheirOrganisersTasks(t *testing.T) {
	apptest.Each(t, func(t *testing.T, h *apptest.Harness) {
		ctx := context.Background()
		organisersHarness(t, h)
		if err := h.App.Organizers.Put(ctx, "town", "镇测评办", "", cli); err != nil {
			t.Fatal(err)
		}
		campaignUnderReview(t, h, "county-2026", "county", 2026, 0)
		publishBy(t, h, "county-2026", "county-c1")
		id, err := h.App.Rectification.OpenTask(ctx, actorOf(t, h, "county-c1"), rectification.NewTask{Campaign: "county-2026", Version: 1,
			Unit: "U001", Problem: "窗口排队过长", Source: rectification.Source{Kind: "clue", Text: "暗访"}, Measures: "增开窗口",
			Deadline: rectification.Deadline{WorkingDays: 10}})
		if err != nil {
			t.Fatal(err)
		}
		liaison := map[string]*apptest.Member{}
		for _, org := range []string{"county", "town"} {
			in := account.NewUser{Login: org + "-liaison", Role: account.Liaison, UnitCode: "U001", Password: apptest.Password, Organizers: []string{org}}
			if _, _, err := h.App.Accounts.Create(ctx, in, cli); err != nil {
				t.Fatal(err)
			}
			liaison[org] = h.SignIn(in.Login, apptest.Password)
		}
		task := fmt.Sprintf("/liaison/tasks/%d", id)
		apptest.Expect(t, liaison["county"].API("GET", "/api/v1"+task, nil), http.StatusOK)
		apptest.Expect(t, liaison["county"].Page("GET", task, nil), http.StatusOK)
		apptest.Expect(t, liaison["town"].API("GET", "/api/v1"+task, nil), http.StatusNotFound)
		apptest.Expect(t, liaison["town"].Page("GET", task, nil), http.StatusNotFound)
		apptest.Expect(t, liaison["town"].API("POST", "/api/v1"+task+"/report", map[string]string{"text": "已整改"}), http.StatusNotFound)
	})
}

// A kiosk's or data entry's form is a staff route like any other: staff
// of another organiser do not find the campaign, and nothing is stored.
func TestStaffSubmitOnlyToTheirOrganisersCampaigns(t *testing.T) {
	apptest.Each(t, func(t *testing.T, h *apptest.Harness) {
		people := organisersHarness(t, h)
		openCampaign(t, h, "city-open", "city", 2026)
		form := map[string]any{"channel": "paper", "answers": apptest.AnswersJSON("A")}
		apptest.Expect(t, people["county-admin"].API("POST", "/api/v1/campaigns/city-open/responses", form), http.StatusNotFound)
		apptest.Expect(t, h.API(account.Admin, "POST", "/api/v1/campaigns/city-open/responses", form), http.StatusNotFound)
		if p, err := h.App.Responses.Progress(context.Background(), "city-open"); err != nil || p.Responses != 0 {
			t.Fatalf("%d responses stored after two refusals (%v)", p.Responses, err)
		}
		apptest.Expect(t, people["city-admin"].API("POST", "/api/v1/campaigns/city-open/responses", form), http.StatusCreated)
	})
}
