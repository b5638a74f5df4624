package demo

import (
	"context"

	"pingyi/app"
	"pingyi/appeals"
	"pingyi/audit"
	"pingyi/rectification"
)

// rectificationUnits are the units last year's tasks went to: the demo
// liaison's unit (U001) first, so that its page has tasks.
var rectificationUnits = []string{"U001", "U002", "U003", "U010", "U020"}

// loadRectification gives last year's published campaign the tasks the
// committee opened after it, in every state: some overdue, one returned
// and re-submitted, several closed with evidence, one from an appeal case
// with the person's answer. They opened about three months ago, so their
// history has happened.
func loadRectification(ctx context.Context, a *app.App) error {
	member, err := a.Accounts.ByLogin(ctx, "weiyuan1")
	if err != nil {
		return err
	}
	liaison, err := a.Accounts.ByLogin(ctx, "lianluo1")
	if err != nil {
		return err
	}
	dispatcher := audit.Actor{Login: "demo", Role: "dispatcher"}
	c, err := a.Appeals.Receive(ctx, appeals.Intake{Channel: "hotline", Kind: "投诉", Content: "小区路灯损坏长期未修复，夜间出行不便"}, dispatcher)
	if err != nil {
		return err
	}
	return rectification.Demo(ctx, a.Rectification, rectification.DemoInput{Campaign: PreviousCode, Version: 1, Units: rectificationUnits,
		Opened: a.DB.Now().AddDate(0, -3, 0), Case: c.Number,
		Member:  audit.Actor{ID: member.ID, Login: member.Login, Role: string(member.Role)},
		Liaison: audit.Actor{ID: liaison.ID, Login: liaison.Login, Role: string(liaison.Role)}})
}
