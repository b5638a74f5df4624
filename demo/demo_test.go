package demo_test

import (
	"context"
	"reflect"
	"testing"

	"pingyi/demo"
	"pingyi/phone"
	"pingyi/responses"
	"pingyi/storage/storagetest"
	"pingyi/survey"
)

func TestDemoLoadsOnceWithRealisticData(t *testing.T) {
	for _, d := range storagetest.Backends() {
		t.Run(string(d), func(t *testing.T) {
			a := openApp(t, d)
			ctx := context.Background()
			loaded, err := demo.Load(ctx, a)
			if err != nil || !loaded {
				t.Fatalf("first load: %v %v", loaded, err)
			}
			if again, err := demo.Load(ctx, a); err != nil || again {
				t.Fatalf("second load: %v %v", again, err)
			}
			st, err := a.Survey.Structure(ctx, demo.CampaignCode)
			if err != nil {
				t.Fatal(err)
			}
			if st.Campaign.Status != survey.Open || len(st.Units) != 82 || len(st.Categories) != 5 {
				t.Fatalf("demo campaign: %s, %d units, %d categories", st.Campaign.Status, len(st.Units), len(st.Categories))
			}
			var byGroup []struct {
				GroupID int64
				N       int
			}
			a.DB.Gorm.Model(&responses.Response{}).Select("group_id, count(*) AS n").Where("campaign_id = ?", st.Campaign.ID).
				Group("group_id").Order("group_id").Find(&byGroup)
			total := 0
			for _, g := range byGroup {
				total += g.N
			}
			if total < 4800 || total > 5400 || byGroup[0].N < 3000 || byGroup[0].N > 3100 {
				t.Fatalf("demo responses by group: %+v (total %d)", byGroup, total)
			}
			// The demo is a fixture others rely on, not a new random sample
			// on every load.
			if !reflect.DeepEqual(demo.Responses(st, a.Keys), demo.Responses(st, a.Keys)) {
				t.Fatal("demo responses differ between two generations")
			}
			if u, err := a.Accounts.ByLogin(ctx, demo.AdminLogin); err != nil || u.Role != "admin" {
				t.Fatalf("demo admin: %v", err)
			}
			// Last year's campaign went through the review and is published,
			// with the same units, for the year-on-year comparison.
			prev, err := a.Survey.Structure(ctx, demo.PreviousCode)
			if err != nil || prev.Campaign.Status != survey.Published || prev.Campaign.Period != st.Campaign.Period || len(prev.Units) != 82 {
				t.Fatalf("previous campaign: %v", err)
			}
			p, content, err := a.Review.Get(ctx, demo.PreviousCode, 0)
			if err != nil || p.Version != 1 || content.Approval.Approvals != 3 || content.Run.Responses < 2000 {
				t.Fatalf("previous publication: %v", err)
			}
			// Its page says when it collected: last November, not the
			// day the demo was loaded.
			if o, c := content.Campaign.OpenedAt, content.Campaign.ClosedAt; o == nil || c == nil ||
				o.Format("2006-01-02") != "2025-11-01" || c.Format("2006-01-02") != "2025-11-21" {
				t.Fatalf("previous collection period: %v to %v", o, c)
			}
			if c, _, _, _ := a.Review.Previous(ctx, st.Campaign); c == nil || c.Code != demo.PreviousCode {
				t.Fatalf("2026 does not compare with 2025: %v", c)
			}
			// The phone survey has a verifiable draw and numbers to call.
			prog, err := a.Phone.Progress(ctx, demo.CampaignCode)
			if err != nil || prog.Draw == nil || prog.Draw.Status != phone.Executed || prog.Total.Open < 300 || prog.Total.Quota != 8*82 {
				t.Fatalf("demo phone survey: %+v %v", prog.Total, err)
			}
			// Its phone group is the draw's: every interview is a released
			// case's, with that case's stratum, and the witness came after
			// the plan.
			var unbound, interviews int64
			a.DB.Gorm.Raw(`SELECT COUNT(*) FROM responses r JOIN respondent_groups g ON g.id = r.group_id
				LEFT JOIN phone_cases c ON c.response_id = r.id AND c.stratum = r.stratum
				WHERE r.campaign_id = ? AND g.code = 'service_users' AND c.id IS NULL`, st.Campaign.ID).Scan(&unbound)
			a.DB.Gorm.Raw("SELECT COUNT(*) FROM phone_cases WHERE response_id IS NOT NULL AND campaign_id = ?", st.Campaign.ID).Scan(&interviews)
			if unbound != 0 || interviews < 300 || prog.Draw.WitnessEventAt == nil || !prog.Draw.WitnessEventAt.After(prog.Draw.PlannedAt) {
				t.Fatalf("demo phone interviews: %d not bound to a case, %d bound; witness event %v", unbound, interviews, prog.Draw.WitnessEventAt)
			}
			if v, err := phone.Verify(ctx, a.DB, prog.Draw.ID); err != nil || !v.Identical() {
				t.Fatalf("demo draw does not verify: %v", err)
			}
		})
	}
}
