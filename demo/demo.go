// Package demo loads a realistic demo evaluation, modelled on the
// published evaluations of prefecture-level cities: 82 municipal units in
// five categories rated on 服务效率, 服务态度 and 服务质量 by about 5,200
// synthetic respondents, 3,000 of them members of the public (weighted
// 60%), plus staff accounts for every role. The data are synthetic and
// deterministic: every load produces the same responses.
package demo

import (
	"context"
	"fmt"

	"pingyi/account"
	"pingyi/app"
	"pingyi/audit"
	"pingyi/fault"
	"pingyi/responses"
	"pingyi/secret"
	"pingyi/survey"
)

// CampaignCode, AdminLogin and Password are printed by `pingyi serve --demo`.
const (
	CampaignCode = "2026-annual"
	AdminLogin   = "admin"
	Password     = "pingyi-demo"
	// PreviousCode is last year's campaign, published.
	PreviousCode = "2025-annual"
)

// Accounts of the demo, one or more per role; all share Password.
var Accounts = []account.NewUser{
	{Login: AdminLogin, DisplayName: "系统管理员", Role: account.Admin},
	{Login: "weiyuan1", DisplayName: "考评委员 张敏", Role: account.Committee},
	{Login: "weiyuan2", DisplayName: "考评委员 李卫东", Role: account.Committee},
	{Login: "weiyuan3", DisplayName: "考评委员 陈晓岚", Role: account.Committee},
	{Login: "diaocha1", DisplayName: "电话调查员 王芳", Role: account.Operator},
	{Login: "jiandu1", DisplayName: "特约监督员 刘建国", Role: account.Supervisor},
	{Login: "lianluo1", DisplayName: "市公安局联络员", Role: account.Liaison, UnitCode: "U001"},
	{Login: DispatcherLogin, DisplayName: "诉求中心派单员 赵静", Role: account.Dispatcher},
}

// Load creates the demo accounts, last year's published campaign and this
// year's open campaign with its responses and phone sample. It reports
// whether it loaded anything.
//
// A load is many transactions (a campaign, its responses, each step of
// the review and of the draw), and a crash may stop it between any two.
// So Load is resumable: each step looks at what is stored and does only
// what is missing, and the demo counts as loaded only once its last step
// (this year's first replicate released) is stored. The next start
// completes an interrupted load, and nothing is stored twice.
func Load(ctx context.Context, a *app.App) (bool, error) {
	if done, err := complete(ctx, a); done || err != nil {
		return false, err
	}
	if err := createAccounts(ctx, a); err != nil {
		return false, err
	}
	if err := loadPrevious(ctx, a); err != nil {
		return false, fmt.Errorf("campaign %s: %w", PreviousCode, err)
	}
	st, err := loadCurrent(ctx, a)
	if err != nil {
		return false, fmt.Errorf("campaign %s: %w", CampaignCode, err)
	}
	if err := loadLedger(ctx, a, st); err != nil {
		return false, fmt.Errorf("appeals ledger: %w", err)
	}
	// Last: its appeal task files a case, which the ledger's step would
	// take for the ledger.
	if err := loadRectification(ctx, a); err != nil {
		return false, fmt.Errorf("campaign %s: rectification: %w", PreviousCode, err)
	}
	return true, nil
}

// loader is who the audit log names for what the demo stores.
var loader = audit.Actor{Login: "demo"}

// afterStep runs after each step of a load is stored; tests make it fail
// to stand for a crash there.
var afterStep = func(step string) error { return nil }

// complete reports whether the last step of a load is stored: last year's
// rectification tasks, opened after everything else.
func complete(ctx context.Context, a *app.App) (bool, error) {
	tasks, err := a.Rectification.Tasks(ctx, PreviousCode)
	if fault.Is(err, fault.NotFound) {
		return false, nil
	}
	return len(tasks) > 0, err
}

func loadCurrent(ctx context.Context, a *app.App) (*survey.Structure, error) {
	st, err := openCampaign(ctx, a, Definition(), Responses)
	if err != nil {
		return nil, err
	}
	return st, loadPhoneSurvey(ctx, a, st)
}

// openCampaign creates a demo campaign, opens it and stores its
// responses: whichever of these is not stored yet.
func openCampaign(ctx context.Context, a *app.App, d survey.Definition,
	responsesOf func(*survey.Structure, *secret.Keys) []responses.NewResponse) (*survey.Structure, error) {
	st, err := a.Survey.Structure(ctx, d.Code)
	if fault.Is(err, fault.NotFound) {
		// Conflict: another serve process created it first.
		if _, err := a.Survey.Create(ctx, d, loader); err != nil && !fault.Is(err, fault.Conflict) {
			return nil, err
		}
		if err := afterStep(d.Code + " created"); err != nil {
			return nil, err
		}
		st, err = a.Survey.Structure(ctx, d.Code)
	}
	if err != nil {
		return nil, err
	}
	if st.Campaign.Status == survey.Draft {
		if st.Campaign, err = a.Survey.SetStatus(ctx, d.Code, survey.Open, loader); err != nil {
			return nil, err
		}
		if err := afterStep(d.Code + " opened"); err != nil {
			return nil, err
		}
	}
	prog, err := a.Responses.Progress(ctx, d.Code)
	if err != nil || prog.Responses > 0 {
		return st, err // the responses are stored in one transaction: all or none
	}
	if err := a.Responses.InsertResponses(ctx, st, responsesOf(st, a.Keys)); err != nil && !fault.Is(err, fault.Conflict) {
		return nil, err
	}
	return st, afterStep(d.Code + " responses")
}

func createAccounts(ctx context.Context, a *app.App) error {
	for _, u := range Accounts {
		u.Password = Password
		if _, _, err := a.Accounts.Create(ctx, u, loader); err != nil && !fault.Is(err, fault.Conflict) {
			return fmt.Errorf("account %s: %w", u.Login, err)
		}
	}
	return afterStep("accounts")
}
