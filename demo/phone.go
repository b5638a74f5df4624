package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"pingyi/app"
	"pingyi/audit"
	"pingyi/phone"
	"pingyi/survey"
	"pingyi/tabular"
)

// The demo's phone survey: each unit's list of the people it served, a
// draw planned, witnessed by the special supervisor and executed, and its
// first replicate released, so that the console has numbers to call. The
// numbers and names are synthetic, generated from a fixed seed; a few are
// repeated or mistyped, as real lists are.
//
// The demo keeps the draw's protocol: the witness is fixed after the plan
// is committed, and names an event that took place after it — digits the
// special supervisor calls out once the commitment is on the public page.
// (A lottery result would do as well, if drawn after the commitment.)
const witness = "特约监督员在抽样计划公布后现场报出的数字 0 3 8 1 5 2 1 2 7"

var (
	surnames = []rune("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
	given    = []string{"伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀兰", "霞", "平", "刚", "桂英", "建华", "文", "华", "红", "建国", "志强", "玉兰"}
	prefixes = []string{"138", "139", "136", "137", "150", "151", "152", "158", "159", "182", "187", "188", "135", "177", "199"}
	district = []string{"历下区", "市中区", "槐荫区", "天桥区", "历城区", "长清区", "章丘区", "济阳区"}
)

// FrameCSV is the demo's contact lists, every unit's in one file: between
// 30 and 120 people per unit.
func FrameCSV(st *survey.Structure) string {
	rng := rand.New(rand.NewPCG(2026, 1103))
	var b strings.Builder
	b.WriteString("单位编码,手机号,姓名,服务日期,区县\n")
	for _, u := range st.Units {
		n := 30 + rng.IntN(91)
		for i := 0; i < n; i++ {
			num := fmt.Sprintf("%s%08d", prefixes[rng.IntN(len(prefixes))], rng.IntN(100_000_000))
			switch rng.IntN(60) {
			case 0:
				num = num[:3] + " " + num[3:7] + " " + num[7:] // spaced, as typed
			case 1:
				num = num[:10] // a digit short: reported and skipped
			}
			name := string(surnames[rng.IntN(len(surnames))]) + given[rng.IntN(len(given))]
			fmt.Fprintf(&b, "%s,%s,%s,2026-%02d-%02d,%s\n", u.Code, num, name, 1+rng.IntN(10), 1+rng.IntN(28), district[rng.IntN(len(district))])
		}
	}
	return b.String()
}

// loadPhoneSurvey imports the contact lists, plans the draw, has it
// witnessed with an event after the plan, executes it, releases two
// replicates and imports the interviews of about one case in three, naming
// each interview's case: whichever of these is not stored yet.
func loadPhoneSurvey(ctx context.Context, a *app.App, st *survey.Structure) error {
	prog, err := a.Phone.Progress(ctx, CampaignCode)
	if err != nil {
		return err
	}
	if prog.Frame == nil || prog.Frame.Entries == 0 {
		if _, err := a.Phone.ImportFrame(ctx, CampaignCode, "各单位服务对象名单.csv", strings.NewReader(FrameCSV(st)), tabular.CSV, loader); err != nil {
			return fmt.Errorf("phone frame: %w", err)
		}
		if err := afterStep("phone frame"); err != nil {
			return err
		}
	}
	d := prog.Draw
	if d == nil {
		rules := phone.DefaultSettings().Input()
		rules.CallingHours = "08:30-12:00,13:30-21:00"
		if _, err := a.Phone.SaveSettings(ctx, CampaignCode, rules, loader); err != nil {
			return err
		}
		// About eight completed interviews per unit, five at least.
		plan := phone.PlanInput{Method: "proportional", Completes: 8 * len(st.Units), Minimum: 5, ResponseRate: 0.35, Replicates: 3, ContactedMonths: 6}
		planned, err := a.Phone.Plan(ctx, CampaignCode, plan, loader)
		if err != nil {
			return fmt.Errorf("phone draw: %w", err)
		}
		if err := afterStep("phone draw planned"); err != nil {
			return err
		}
		d = &planned
	}
	if d.Status == phone.Planned {
		// The supervisor calls digits out after the plan, on the app's clock.
		calledOut := a.DB.Now()
		if !calledOut.After(d.PlannedAt) {
			calledOut = d.PlannedAt.Add(time.Millisecond)
		}
		if _, err := a.Phone.Witness(ctx, CampaignCode, phone.WitnessInput{Value: witness, EventAt: calledOut}, audit.Actor{Login: "jiandu1"}); err != nil {
			return err
		}
		if err := afterStep("phone draw witnessed"); err != nil {
			return err
		}
		d.Status = phone.Witnessed
	}
	if d.Status == phone.Witnessed {
		if _, err := a.Phone.Execute(ctx, CampaignCode, loader); err != nil {
			return err
		}
		if err := afterStep("phone draw executed"); err != nil {
			return err
		}
	}
	if prog.Total.Released == 0 {
		// Two replicates, released in one step of the load: a crash
		// between them leaves one, which the demo can live with.
		for range 2 {
			if _, err = a.Phone.Release(ctx, CampaignCode, nil, loader); err != nil {
				return err
			}
		}
		if err := afterStep("phone replicates released"); err != nil {
			return err
		}
	}
	if n, err := interviews(ctx, a); n > 0 || err != nil {
		return err
	}
	waiting, err := a.Phone.WaitingCases(ctx, CampaignCode)
	if err != nil {
		return err
	}
	// One import, one transaction: all the interviews or none.
	if _, err = a.Responses.ImportResponses(ctx, CampaignCode, strings.NewReader(Interviews(st, a.Keys, waiting)), tabular.CSV, loader); err != nil {
		return fmt.Errorf("phone interviews: %w", err)
	}
	return afterStep("phone interviews")
}

// PhoneGroup is the demo's group of telephone-sampled service users,
// whose responses are its drawn cases' interviews.
const PhoneGroup = "service_users"

// interviews is how many responses this year's drawn group holds.
func interviews(ctx context.Context, a *app.App) (int, error) {
	prog, err := a.Responses.Progress(ctx, CampaignCode)
	if err != nil {
		return 0, err
	}
	for _, g := range prog.Groups {
		if g.Code == PhoneGroup {
			return g.N, nil
		}
	}
	return 0, nil
}
