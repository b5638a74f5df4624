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
// year's open campaign with its responses and phone sample, each unless it
// already exists. It reports whether it loaded anything.
func Load(ctx context.Context, a *app.App) (bool, error) {
	previous, err := loadPrevious(ctx, a)
	if err != nil {
		return false, fmt.Errorf("campaign %s: %w", PreviousCode, err)
	}
	current, err := loadCurrent(ctx, a)
	return previous || current, err
}

func loadCurrent(ctx context.Context, a *app.App) (bool, error) {
	st, created, err := openCampaign(ctx, a, Definition(), Responses)
	if !created || err != nil {
		return false, err
	}
	if err := loadPhoneSurvey(ctx, a, st); err != nil {
		return false, err
	}
	if err := loadLedger(ctx, a, st); err != nil {
		return false, fmt.Errorf("appeals ledger: %w", err)
	}
	return true, nil
}

// openCampaign creates a demo campaign, with the demo accounts, opens it and
// stores its responses, unless the campaign exists; created is false when it
// did, or another serve process created it first.
func openCampaign(ctx context.Context, a *app.App, d survey.Definition,
	responsesOf func(*survey.Structure, *secret.Keys) []responses.NewResponse) (st *survey.Structure, created bool, err error) {
	if done, err := exists(ctx, a, d.Code); done || err != nil {
		return nil, false, err
	}
	if err := createAccounts(ctx, a); err != nil {
		return nil, false, err
	}
	st, err = a.Survey.Create(ctx, d, "demo")
	if fault.Is(err, fault.Conflict) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	if st.Campaign, err = a.Survey.SetStatus(ctx, d.Code, survey.Open, "demo"); err != nil {
		return nil, false, err
	}
	return st, true, a.Responses.InsertResponses(ctx, st, responsesOf(st, a.Keys))
}

func exists(ctx context.Context, a *app.App, code string) (bool, error) {
	_, err := a.Survey.Campaign(ctx, code)
	if err == nil {
		return true, nil
	}
	if fault.Is(err, fault.NotFound) {
		return false, nil
	}
	return false, err
}

func createAccounts(ctx context.Context, a *app.App) error {
	for _, u := range Accounts {
		u.Password = Password
		if _, _, err := a.Accounts.Create(ctx, u, "demo"); err != nil && !fault.Is(err, fault.Conflict) {
			return fmt.Errorf("account %s: %w", u.Login, err)
		}
	}
	return nil
}
