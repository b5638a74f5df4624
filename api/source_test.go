package api_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"pingyi/account"
	"pingyi/app/apptest"
	"pingyi/responses"
)

// drawnCampaign is the phone campaign, its draw planned, witnessed after
// the plan, executed and its first replicate released.
func drawnCampaign(t *testing.T, h *apptest.Harness) {
	t.Helper()
	h.PhoneCampaign()
	base := "/api/v1/campaigns/2026-annual/phone"
	apptest.Expect(t, h.API(account.Admin, "POST", base+"/draw", `{"method": "equal", "completes": 4, "minimum": 1, "response_rate": 0.5, "replicates": 2}`), http.StatusOK)
	apptest.Expect(t, h.Page(account.Supervisor, "POST", "/admin/campaigns/2026-annual/phone/witness",
		url.Values{"witness": {"2026112103"}, "witness_event_at": {time.Now().Format(time.RFC3339Nano)}}), http.StatusSeeOther)
	apptest.Expect(t, h.API(account.Admin, "POST", base+"/draw/execute", nil), http.StatusOK)
	apptest.Expect(t, h.API(account.Admin, "POST", base+"/draw/release", `{"units": []}`), http.StatusOK)
}

// A group whose source is draw takes only interviews of drawn cases: no
// staff submission, no import row without its case; an imported interview
// takes its case's stratum and weight. Weights beyond scoring's bound are
// refused at the import too, and a score run over everything stored
// succeeds.
func TestResponsesOfADrawnGroupComeOnlyFromItsCases(t *testing.T) {
	apptest.Each(t, func(t *testing.T, h *apptest.Harness) {
		drawnCampaign(t, h)
		for _, role := range []account.Role{account.Operator, account.Admin} {
			rec := h.API(role, "POST", "/api/v1/campaigns/2026-annual/responses", map[string]any{
				"group": "service_users", "channel": "phone", "answers": apptest.AnswersJSON("A")})
			if rec.Code != http.StatusForbidden || !strings.Contains(rec.Body.String(), "service_users") {
				t.Fatalf("%s submits to the drawn group: %d %s", role, rec.Code, rec.Body)
			}
		}
		var open []struct {
			ID      int64
			Stratum string
		}
		h.App.DB.Gorm.Raw("SELECT id, stratum FROM phone_cases WHERE status = 'open' ORDER BY id").Scan(&open)
		var pending int64
		h.App.DB.Gorm.Raw("SELECT MIN(id) FROM phone_cases WHERE status = 'pending'").Scan(&pending)
		if len(open) < 2 || pending == 0 {
			t.Fatalf("cases: %d open, pending %d", len(open), pending)
		}
		head := "response_ref,group,unit_code,indicator_code,option,weight,case\n"
		imp := func(rows string) *httptest.ResponseRecorder {
			return h.Upload(account.Admin, "/api/v1/campaigns/2026-annual/responses/import", "r.csv", []byte(head+rows))
		}
		c := open[0]
		bad := map[string]struct{ rows, want string }{
			"no case":             {"T1,service_users," + c.Stratum + ",efficiency,A,,\n", "line 2, column case"},
			"a weight of its own": {fmt.Sprintf("T1,service_users,%s,efficiency,A,3,%d\n", c.Stratum, c.ID), "line 2, column weight"},
			"an unknown case":     {"T1,service_users," + c.Stratum + ",efficiency,A,,99999\n", "99999"},
			"an unreleased case":  {fmt.Sprintf("T1,service_users,U001,efficiency,A,,%d\n", pending), "line 2, column case"},
			"a case twice":        {fmt.Sprintf("T1,service_users,%[1]s,efficiency,A,,%[2]d\nT2,service_users,%[1]s,efficiency,B,,%[2]d\n", c.Stratum, c.ID), "line 3, column case"},
			"a case elsewhere":    {fmt.Sprintf("T1,public,U001,efficiency,A,,%d\n", c.ID), "line 2, column case"},
			"weight 1e308":        {"T1,public,U001,efficiency,A,1e308,\n", "line 2, column weight"},
		}
		for name, tt := range bad {
			rec := imp(tt.rows)
			if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), tt.want) {
				t.Errorf("%s: %d %s", name, rec.Code, rec.Body)
			}
		}
		var n int64
		if h.App.DB.Gorm.Model(&responses.Response{}).Count(&n); n != 0 {
			t.Fatalf("refused imports stored %d responses", n)
		}

		rows := fmt.Sprintf("T1,service_users,%s,efficiency,A,,%d\nT2,public,U001,efficiency,B,1000000000000,\nT3,public,U002,quality,A,1e-12,\n", c.Stratum, c.ID)
		apptest.Expect(t, imp(rows), http.StatusCreated)
		var got responses.Response
		h.App.DB.Gorm.Where("ref = ?", "T1").Take(&got)
		var weight float64
		h.App.DB.Gorm.Raw("SELECT 1.0 * frame_size / released FROM phone_draw_strata WHERE stratum = ?", c.Stratum).Scan(&weight)
		if got.Stratum != c.Stratum || got.Weight != weight || got.Channel != responses.Phone {
			t.Fatalf("the imported interview: %+v, want stratum %s weight %v", got, c.Stratum, weight)
		}
		var bound *int64
		h.App.DB.Gorm.Raw("SELECT response_id FROM phone_cases WHERE id = ?", c.ID).Scan(&bound)
		if bound == nil || *bound != got.ID {
			t.Fatalf("the case is not bound to its interview: %v", bound)
		}
		rec := imp(fmt.Sprintf("T9,service_users,%s,efficiency,A,,%d\n", c.Stratum, c.ID))
		if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), "line 2, column case") {
			t.Fatalf("a second interview of the case: %d %s", rec.Code, rec.Body)
		}

		// Every stored response is within the bound: the score run works.
		apptest.Expect(t, h.API(account.Committee, "POST", "/api/v1/campaigns/2026-annual/score-runs", nil), http.StatusCreated)
	})
}
