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
//
// It runs once: a load resumed after a crash finds the tasks there. (The
// tasks are many transactions; a crash among them leaves fewer tasks, which
// the demo lives with.)
func loadRectification(ctx context.Context, a *app.App) error {
	if tasks, err := a.Rectification.Tasks(ctx, PreviousCode); len(tasks) > 0 || err != nil {
		return err
	}
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
	err = rectification.Demo(ctx, a.Rectification, rectification.DemoInput{Campaign: PreviousCode, Version: 1, Units: rectificationUnits,
		Opened: a.DB.Now().AddDate(0, -3, 0), Case: c.Number,
		Member: member.Actor(), Liaison: liaison.Actor()})
	if err != nil {
		return err
	}
	return afterStep(PreviousCode + " rectification")
}
